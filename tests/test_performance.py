"""Parallel builds and progress reports. Nothing here is timed: benchmarks/throughput.py measures speed."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import REPO, SEED_DOC, run_quizgen
from rich.console import Console

import quizgen.extract as extract
from quizgen import cli, pipeline
from quizgen.errors import NoFacts, QuizgenError, UnsupportedInput, UsageError
from quizgen.export.json import dumps
from quizgen.extract import workers
from quizgen.model import Document
from quizgen.pipeline import BuildProgress, Settings, build_quiz

NEWS = REPO.parent / "shared" / "corpus" / "news"


@pytest.fixture(scope="module")
def blank_nlp() -> object:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def test_jobs_must_be_positive() -> None:
    assert Settings.make().jobs == 1
    assert Settings.make(jobs=3).jobs == 3
    with pytest.raises(UsageError):
        Settings.make(jobs=0)


def _spy(monkeypatch: pytest.MonkeyPatch, module: object, name: str, seen: list[object]) -> None:
    real = getattr(module, name)

    def spy(*args: object, **kwargs: object):  # noqa: ANN202
        seen.append(kwargs.get("n_process", args[2] if len(args) > 2 else None))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, spy)


@pytest.mark.model
def test_two_jobs_write_the_same_bytes_as_one(monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted(NEWS.glob("*.txt"))[:4] if NEWS.is_dir() else []
    paths = [str(SEED_DOC), *map(str, files)]
    one = dumps(build_quiz(paths, Settings.make(jobs=1)))
    # Small documents: let the processes start anyway, and check that whole documents went to workers.
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_PARAGRAPHS", 0)
    seen: list[object] = []
    _spy(monkeypatch, workers, "facts_in_workers", seen)
    two = dumps(build_quiz(paths, Settings.make(jobs=2)))
    assert seen == [2]
    assert two == one


@pytest.mark.model
def test_one_long_document_is_parsed_by_spacys_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    one = dumps(build_quiz([str(SEED_DOC)], Settings.make(jobs=1)))
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_PARAGRAPHS", 0)
    seen: list[object] = []
    _spy(monkeypatch, extract, "extract_each", seen)
    two = dumps(build_quiz([str(SEED_DOC)], Settings.make(jobs=2)))
    assert seen == [2]  # n_process: a single document cannot be shared out whole
    assert two == one


def _documents(folder: Path, sizes: tuple[int, ...] = (3, 40, 1, 25)) -> list[str]:
    sentence = "The committee met in the town hall and agreed on the plan after a long debate. "
    for i, paragraphs in enumerate(sizes):
        body = "\n\n".join(sentence * 6 for _ in range(paragraphs))
        (folder / f"doc{i}.txt").write_text(f"Document {i}\n\n{body}\n", "utf-8")
    return [str(folder)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_error_while_reading_a_document_is_raised_as_with_one_job(
    tmp_path: Path, blank_nlp: object, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    real = extract.extract_each

    def failing(documents: list[Document], *args: object, **kwargs: object):  # noqa: ANN202
        for facts, document in zip(real(documents, *args, **kwargs), documents, strict=True):  # type: ignore[arg-type]
            if document.id == "doc1":
                raise UnsupportedInput("doc1 cannot be read")
            yield facts

    # Workers are forked, so they run the patched function too.
    monkeypatch.setattr(extract, "extract_each", failing)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_PARAGRAPHS", 0)
    with pytest.raises(UnsupportedInput, match="^doc1 cannot be read$"):
        build_quiz(_documents(tmp_path), Settings.make(jobs=jobs), nlp=blank_nlp)  # type: ignore[arg-type]
    assert multiprocessing.active_children() == []


def test_a_worker_that_dies_is_an_error_not_a_hang(
    tmp_path: Path, blank_nlp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dies(*args: object, **kwargs: object) -> None:
        os._exit(3)

    monkeypatch.setattr(extract, "extract_each", dies)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_PARAGRAPHS", 0)
    with pytest.raises(QuizgenError, match="worker process stopped"):
        build_quiz(_documents(tmp_path), Settings.make(jobs=2), nlp=blank_nlp)  # type: ignore[arg-type]
    assert multiprocessing.active_children() == []


def test_an_interrupt_stops_the_workers(tmp_path: Path, blank_nlp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(progress: BuildProgress) -> None:
        if progress.documents_done == 1:
            raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_PARAGRAPHS", 0)
    with pytest.raises(KeyboardInterrupt):
        build_quiz(_documents(tmp_path, (30,) * 12), Settings.make(jobs=2), nlp=blank_nlp,  # type: ignore[arg-type]
                   on_progress=interrupt)
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_words_only_go_up_and_nothing_is_printed(
    tmp_path: Path, blank_nlp: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_PARAGRAPHS", 0)
    reports: list[BuildProgress] = []
    # The blank pipeline finds no facts; the reports are made before the build says so.
    with contextlib.suppress(NoFacts):
        build_quiz(_documents(tmp_path), Settings.make(jobs=jobs), nlp=blank_nlp,  # type: ignore[arg-type]
                   on_progress=reports.append)
    assert len(reports) > (5 if jobs == 1 else 4)  # one process also reports inside the long documents
    assert reports[0].words_done == 0 and reports[0].documents_done == 0
    words = [r.words_done for r in reports]
    assert words == sorted(words)
    assert [r.documents_done for r in reports] == sorted(r.documents_done for r in reports)
    assert reports[-1].documents_done == reports[-1].documents == 4
    assert reports[-1].words_done == reports[-1].words
    assert capsys.readouterr() == ("", "")


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    piped = io.StringIO()
    with cli.progress_bar(Console(file=piped, force_terminal=False)) as on_progress:
        assert on_progress is None
    assert piped.getvalue() == ""

    monkeypatch.setattr(cli, "PROGRESS_AFTER", 0.0)
    screen = io.StringIO()
    threads = threading.active_count()
    with cli.progress_bar(Console(file=screen, force_terminal=True, width=120)) as on_progress:
        assert on_progress is not None
        on_progress(BuildProgress(0, 2, 0, 5000))
        on_progress(BuildProgress(1, 2, 2500, 5000))
        assert threading.active_count() == threads  # redrawn by the reports, not by a refresh thread
    assert "1/2 documents" in screen.getvalue()
    assert "2,500/5,000 words" in screen.getvalue()


@pytest.mark.model
def test_cli_build_into_a_pipe_shows_no_progress(tmp_path: Path) -> None:
    result = run_quizgen(["build", SEED_DOC, "--out", tmp_path, "--format", "json", "--jobs", "2"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "parsing" not in result.stderr and "\r" not in result.stderr and "\x1b" not in result.stderr
    assert "wrote " in result.stderr


def test_parsed_docs_are_freed_as_the_build_goes() -> None:
    # Memory stays flat with more documents: nothing may keep a parsed Doc alive (a reference cycle
    # through Doc.user_data once did, until the garbage collector ran). With the collector off, only
    # the Doc being read may remain.
    import gc

    from spacy.tokens import Doc

    if not NEWS.is_dir():
        pytest.skip("the news corpus is not beside the checkout")
    from quizgen.nlp import load_pipeline

    settings = Settings.make()
    nlp = load_pipeline(settings.model)
    gc.collect()
    gc.disable()
    try:
        quiz = build_quiz([str(NEWS)], settings, nlp=nlp)
        alive = sum(1 for o in gc.get_objects() if isinstance(o, Doc))
    finally:
        gc.enable()
    assert len(quiz.documents) == 16 and alive <= 1


@pytest.mark.model
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_a_cli_build_runs_in_one_thread(tmp_path: Path) -> None:
    # A second thread (numpy's BLAS helpers) makes every later malloc lock: the parse is 10-15 % slower.
    script = (
        "import os, sys\n"
        "from quizgen import cli\n"
        f"sys.argv = ['quizgen', 'build', {str(SEED_DOC)!r}, '--out', {str(tmp_path)!r}, '--format', 'json']\n"
        "try:\n    cli.main()\nexcept SystemExit as done:\n    assert not done.code, done.code\n"
        "import numpy\n"  # imported by spaCy during the build
        "print(len(os.listdir('/proc/self/task')))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in cli.ONE_THREAD}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1"]
    assert (tmp_path / "biden-putin-ukraine.json").is_file()
