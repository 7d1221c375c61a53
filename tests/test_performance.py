"""Parallel builds and progress reports. Nothing here is timed: benchmarks/throughput.py measures speed."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from helpers import REPO, SEED_DOC, run_quizgen
from rich.console import Console

from quizgen import cli, pipeline
from quizgen.errors import NoFacts, UsageError
from quizgen.export.json import dumps
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


@pytest.mark.model
def test_two_jobs_write_the_same_bytes_as_one(monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted(NEWS.glob("*.txt"))[:4] if NEWS.is_dir() else []
    paths = [str(SEED_DOC), *map(str, files)]
    one = dumps(build_quiz(paths, Settings.make(jobs=1)))
    # Small documents: let the processes start anyway, and check they really did.
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_PARAGRAPHS", 0)
    seen: list[int] = []
    import quizgen.extract as extract

    real = extract.extract_each

    def spy(*args: object, n_process: int = 1, **kwargs: object):  # noqa: ANN202
        seen.append(n_process)
        return real(*args, n_process=n_process, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(extract, "extract_each", spy)
    two = dumps(build_quiz(paths, Settings.make(jobs=2)))
    assert seen == [2]
    assert two == one


def test_progress_words_only_go_up_and_nothing_is_printed(
    tmp_path: Path, blank_nlp: object, capsys: pytest.CaptureFixture[str]
) -> None:
    sentence = "The committee met in the town hall and agreed on the plan after a long debate. "
    for i, paragraphs in enumerate((3, 40, 1, 25)):
        body = "\n\n".join(sentence * 6 for _ in range(paragraphs))
        (tmp_path / f"doc{i}.txt").write_text(f"Document {i}\n\n{body}\n", "utf-8")
    reports: list[BuildProgress] = []
    # The blank pipeline finds no facts; the reports are made before the build says so.
    with contextlib.suppress(NoFacts):
        build_quiz([str(tmp_path)], Settings.make(), nlp=blank_nlp, on_progress=reports.append)  # type: ignore[arg-type]
    assert len(reports) > 5  # some inside the long documents too
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
    with cli.progress_bar(Console(file=screen, force_terminal=True, width=120)) as on_progress:
        assert on_progress is not None
        on_progress(BuildProgress(0, 2, 0, 5000))
        on_progress(BuildProgress(1, 2, 2500, 5000))
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
