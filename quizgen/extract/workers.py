"""Whole documents parsed and read in forked worker processes; only their Facts (and what is made of them) come back.

The pipeline is loaded before the fork and shared copy-on-write, so a worker starts at once. Each
task is one document, read exactly as `extract_each` reads it in one process (all extraction state is
per document), so the facts are the same. The largest documents are handed out first, and the facts
are yielded in input order. A worker can also make something of a document's facts (its questions) with
a function it inherits, so that the parent does not make them one after another once parsing is done.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from quizgen.errors import QuizgenError
from quizgen.model import Document, Fact

if TYPE_CHECKING:
    from spacy.language import Language

# What the workers read, set just before they are forked: documents and pipeline are inherited, not sent.
_WORK: dict[str, object] = {}


def can_fork() -> bool:
    """Whether this platform can fork worker processes (not on Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def facts_in_workers(documents: Sequence[Document], nlp: Language, jobs: int, batch_size: int,
                     then: Callable[[Document, list[Fact]], Any] | None = None,
                     ) -> Iterator[tuple[list[Fact], Any]]:
    """(facts, then(document, facts)) of each document in input order, each document parsed and read,
    and `then` called on its facts (None without `then`), by one of `jobs` workers.

    `then` is inherited by the forked workers, never pickled; what it returns comes back pickled.
    An exception in a worker is raised here as it was raised there; a worker that dies raises
    QuizgenError. On any error or Ctrl-C the workers are stopped before the exception goes on.
    """
    _WORK.update(documents=documents, nlp=nlp, batch_size=batch_size, then=then)
    # Objects alive now are never collected in the workers, so their pages stay shared.
    gc.freeze()
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=_ignore_sigint)
    try:
        biggest_first = sorted(range(len(documents)), key=lambda i: -len(documents[i].text))
        futures: dict[int, Future[tuple[list[Fact], Any]]] = {i: pool.submit(_document_facts, i) for i in biggest_first}
        gc.unfreeze()
        for index in range(len(documents)):
            yield _result(futures.pop(index))
    except BaseException:
        _terminate(pool)
        raise
    finally:
        gc.unfreeze()
        # Joins the pool's thread, which joins the workers (stopped ones included): none is left behind.
        pool.shutdown(wait=True, cancel_futures=True)
        _WORK.clear()


def _result(future: Future[tuple[list[Fact], Any]]) -> tuple[list[Fact], Any]:
    try:
        return future.result()
    except BrokenProcessPool as err:
        raise QuizgenError("a worker process stopped unexpectedly; try again with --jobs 1") from err


def _terminate(pool: ProcessPoolExecutor) -> None:
    # End the workers now rather than after their current document. The executor has no public way
    # to (before Python 3.14); without its process table, shutdown waits for the current documents.
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


def _ignore_sigint() -> None:
    # Ctrl-C reaches the whole process group: the parent handles it and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _document_facts(index: int) -> tuple[list[Fact], Any]:
    from quizgen.extract import extract_each

    documents: Sequence[Document] = _WORK["documents"]  # type: ignore[assignment]
    nlp: Language = _WORK["nlp"]  # type: ignore[assignment]
    batch_size: int = _WORK["batch_size"]  # type: ignore[assignment]
    then: Callable[[Document, list[Fact]], Any] | None = _WORK["then"]  # type: ignore[assignment]
    facts = next(extract_each([documents[index]], nlp, batch_size=batch_size))
    return facts, then(documents[index], facts) if then is not None else None
