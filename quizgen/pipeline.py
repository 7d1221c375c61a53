"""build_quiz(paths, settings) -> Quiz: orchestration only; never prints, never exits."""

from __future__ import annotations

import collections.abc as abc
import functools
import gc
import os
import re
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from quizgen import __version__
from quizgen.distractors import name_pool
from quizgen.errors import NoFacts, OutputError, UsageError
from quizgen.model import QUESTION_TYPES, Document, Fact, Generator, Question, Quiz
from quizgen.nlp import DEFAULT_MODEL, load_pipeline, pipeline_version
from quizgen.questions import default_max_questions, drop_cross_document_leaks, make_questions, place_options
from quizgen.readers import DEFAULT_MAX_WORDS, read_documents, slugify

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a build can be told."""

    name: str | None = None
    seed: int = 0
    model: str = DEFAULT_MODEL
    max_questions: int | None = None
    types: tuple[str, ...] = QUESTION_TYPES
    max_words: int = DEFAULT_MAX_WORDS
    jobs: int = 1  # processes parsing in parallel (whole documents, or spaCy's n_process); output is the same

    @classmethod
    def make(
        cls,
        *,
        name: str | None = None,
        seed: int = 0,
        model: str | None = None,
        max_questions: int | None = None,
        types: Sequence[str] | None = None,
        max_words: int | None = None,
        jobs: int | None = None,
    ) -> Settings:
        """Settings with defaults filled in (QUIZGEN_MODEL, then en_core_web_sm) and values checked."""
        chosen_types = tuple(types) if types else QUESTION_TYPES
        unknown = [t for t in chosen_types if t not in QUESTION_TYPES]
        if unknown:
            raise UsageError(f"unknown question type {unknown[0]!r} (choose from {', '.join(QUESTION_TYPES)})")
        if name is not None:
            check_name(name)
        if jobs is not None and jobs < 1:
            raise UsageError(f"--jobs must be at least 1, not {jobs}")
        return cls(
            name=name, seed=seed, model=model or os.environ.get("QUIZGEN_MODEL") or DEFAULT_MODEL,
            max_questions=max_questions, types=chosen_types, max_words=max_words or DEFAULT_MAX_WORDS,
            jobs=jobs or 1,
        )


def check_name(name: str) -> None:
    """An output name is a plain file name: no folders, no '..', nothing hidden."""
    if not name or "/" in name or "\\" in name or name in (".", "..") or name.startswith(".") or "\0" in name:
        raise OutputError(f"invalid output name {name!r}: use a plain name without folders or '..'")


def parse_list(value: str, option: str) -> list[str]:
    """A comma-separated option value as a list ('cloze, multiple_choice' -> two items)."""
    items = [v.strip() for v in value.split(",") if v.strip()]
    if not items:
        raise UsageError(f"{option} needs at least one value")
    return items


def default_name(paths: Sequence[str], documents: Sequence[Document]) -> str:
    """The file's stem, the folder's name, or 'quiz' for stdin."""
    if len(paths) == 1 and paths[0] != "-":
        path = Path(paths[0])
        return slugify(path.stem if path.is_file() else path.resolve().name)
    if len(documents) == 1 and paths[0] != "-":
        return documents[0].id
    return "quiz"


@dataclass(frozen=True, slots=True)
class BuildProgress:
    """How far a build has got: documents whose facts are all found, and words parsed."""

    documents_done: int
    documents: int
    words_done: int
    words: int


ProgressCallback = Callable[[BuildProgress], None]
PROGRESS_EVERY = 2_000  # words between progress reports inside a document
# Worker processes take a moment to start and share out work batch by batch: not worth it for less.
PARALLEL_MIN_PARAGRAPHS = 2 * 64


def find_facts(paths: Sequence[str], settings: Settings, *, stdin: BinaryIO | None = None,
               nlp: Language | None = None) -> list[Fact]:
    """All facts found in the documents (what `quizgen facts` shows)."""
    documents = list(read_documents(paths, stdin, max_words=settings.max_words))
    nlp = nlp or load_pipeline(settings.model)
    with collector_paused():
        return [f for facts, _ in _extract(documents, settings, nlp, None) for f in facts]


def _questions_for(document: Document, facts: list[Fact], settings: Settings) -> list[Question]:
    # One document's questions: they depend on its own facts only, so any process can make them.
    pool = name_pool(facts, document.id)
    limit = settings.max_questions or default_max_questions(document)
    return make_questions(document, facts, pool, seed=settings.seed, limit=limit, types=settings.types)


def build_quiz(paths: Sequence[str] | Iterable[str], settings: Settings | None = None, *,
               stdin: BinaryIO | None = None, nlp: Language | None = None,
               on_progress: ProgressCallback | None = None) -> Quiz:
    """Read the documents, find their facts and make the questions: the whole build but writing.

    `on_progress` is called now and then while documents are parsed (the library itself never prints).
    """
    settings = settings or Settings.make()
    paths = [str(p) for p in paths]
    documents = list(read_documents(paths, stdin, max_words=settings.max_words))
    documents = _unique_ids(documents)
    nlp = nlp or load_pipeline(settings.model)
    all_facts: list[Fact] = []
    questions: list[Question] = []
    # Each document's questions are made as soon as its facts are found: by the worker that read it,
    # with --jobs, so that only the documents' own questions come back.
    ask = functools.partial(_questions_for, settings=settings)
    with collector_paused(), closing(_extract(documents, settings, nlp, on_progress, ask)) as found:
        for facts, asked_here in found:
            all_facts.extend(facts)
            questions.extend(asked_here or ())
    questions = drop_cross_document_leaks(questions)
    asked = {q.document for q in questions}
    warnings = [f"{doc.source}: no facts worth asking about" for doc in documents if doc.id not in asked]
    if not questions:
        which = documents[0].source if len(documents) == 1 else "the documents"
        raise NoFacts(f"no facts worth asking about in {which}; nothing written")
    questions = place_options(questions, settings.seed)
    name = settings.name or default_name(paths, documents)
    check_name(name)
    return Quiz(
        name=name,
        title=_quiz_title(documents),
        generator=Generator(__version__, settings.model, pipeline_version(nlp), settings.seed),
        documents=tuple(documents),
        facts=tuple(all_facts),
        questions=tuple(questions),
        warnings=tuple(warnings),
    )


def _extract(documents: list[Document], settings: Settings, nlp: Language, on_progress: ProgressCallback | None,
             ask: Callable[[Document, list[Fact]], list[Question]] | None = None,
             ) -> abc.Generator[tuple[list[Fact], list[Question] | None], None, None]:
    """The facts of each document in turn, with `ask(document, facts)` (None without `ask`): whole
    documents in worker processes when that can pay, which then call `ask` too, else one `nlp.pipe` over
    every paragraph (with spaCy's own processes for a single long document)."""
    from quizgen import extract

    paragraphs = sum(d.text.count("\n\n") + 1 for d in documents)
    jobs = settings.jobs if paragraphs >= PARALLEL_MIN_PARAGRAPHS else 1
    tally = _Tally(documents, on_progress) if on_progress is not None else None
    found: abc.Generator[tuple[list[Fact], list[Question] | None], None, None] | None = None
    if jobs > 1 and _shared_by_document(documents, jobs):
        from quizgen.extract import workers  # the process pool's modules (6 ms) only when they may be used

        if workers.can_fork():
            found = workers.facts_in_workers(documents, nlp, jobs, extract.BATCH_SIZE, ask)
    if found is None:
        each = extract.extract_each(documents, nlp, n_process=jobs, on_words=tally.words if tally else None)
        found = _asked(documents, each, ask)
    try:
        for facts_and_questions in found:
            yield facts_and_questions
            if tally is not None:
                tally.document_done()
    finally:
        found.close()  # an error or Ctrl-C here stops the workers now, not when the traceback is freed


def _asked(documents: Sequence[Document], found: abc.Generator[list[Fact], None, None],
           ask: Callable[[Document, list[Fact]], list[Question]] | None,
           ) -> abc.Generator[tuple[list[Fact], list[Question] | None], None, None]:
    # In this process: each document's questions as soon as its facts are found.
    try:
        for document, facts in zip(documents, found, strict=True):
            yield facts, ask(document, facts) if ask is not None else None
    finally:
        found.close()


def _shared_by_document(documents: Sequence[Document], jobs: int) -> bool:
    # Whole documents keep `jobs` processes busy unless one holds much more than an equal share.
    sizes = [len(d.text) for d in documents]
    return len(sizes) >= jobs and max(sizes) * jobs <= sum(sizes) * 1.25


class _Tally:
    """Counts parsed words for a progress callback, reporting every PROGRESS_EVERY words."""

    def __init__(self, documents: Sequence[Document], report: ProgressCallback) -> None:
        self.counts = [len(d.text.split()) for d in documents]
        self.total = sum(self.counts)
        self.report = report
        self.documents_done = self.words_done = self.reported = self.finished_words = 0
        report(BuildProgress(0, len(self.counts), 0, self.total))

    def words(self, index: int, words: int) -> None:
        self.words_done += words
        if self.words_done - self.reported >= PROGRESS_EVERY:
            self._send()

    def document_done(self) -> None:
        # Whole-document counts, so the last report is exactly the total.
        self.finished_words += self.counts[self.documents_done]
        self.documents_done += 1
        self.words_done = self.finished_words
        self._send()

    def _send(self) -> None:
        self.reported = self.words_done
        self.report(BuildProgress(self.documents_done, len(self.counts), self.words_done, self.total))


@contextmanager
def collector_paused() -> abc.Iterator[None]:
    """Python's cyclic garbage collector off while documents are parsed and asked about, as it was after.

    Reference counting frees what a build makes; the collector's passes over it (and over the pipeline
    loaded just before) found about 200 objects in cycles in the 16 news articles, for 4 ms of their
    build, and about 1,000 in Darwin's 200,000 words, with the same peak memory. Reading the documents
    is not inside: a parsed HTML page may hold many cycles.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _unique_ids(documents: list[Document]) -> list[Document]:
    # Two files with the same stem in different folders still need distinct ids.
    from dataclasses import replace

    seen: dict[str, int] = {}
    out = []
    for doc in documents:
        seen[doc.id] = seen.get(doc.id, 0) + 1
        out.append(doc if seen[doc.id] == 1 else replace(doc, id=f"{doc.id}-{seen[doc.id]}"))
    return out


def _quiz_title(documents: Sequence[Document]) -> str:
    titles = [re.sub(r"\s+", " ", d.title).strip() for d in documents]
    if len(titles) == 1:
        return titles[0]
    return f"{titles[0]} and {len(titles) - 1} more"
