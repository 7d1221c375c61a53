"""The `quizgen` command: a thin Typer skin over the library. Only this module prints or exits."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quizgen.errors import QuizgenError

if TYPE_CHECKING:
    from rich.console import Console

    from quizgen.pipeline import BuildProgress

app = typer.Typer(
    name="quizgen",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    pretty_exceptions_enable=False,
    add_completion=False,
    # Click's plain help: Typer's Rich help imports rich.markdown, rich.traceback and more, which
    # doubles the time `quizgen --help` takes (0.33 s against 0.15 s measured, issue 11).
    rich_markup_mode=None,
    help=(
        "Turn documents into study questions: cloze and multiple choice, written as JSON, an Anki "
        "deck and a printable HTML quiz, with a terminal self-quiz.\n\n"
        "Example: quizgen build seeds/"
    ),
)

_state = {"debug": False}


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of an unexpected error.")] = False,
) -> None:
    """Turn documents into study questions. Example: quizgen build seeds/"""
    _state["debug"] = debug


def err_console():  # noqa: ANN201 - rich is imported lazily
    """A Rich console on stderr that honours NO_COLOR."""
    from rich.console import Console

    return Console(stderr=True, no_color=bool(os.environ.get("NO_COLOR")), highlight=False)


def out_console():  # noqa: ANN201
    """A Rich console on stdout that honours NO_COLOR."""
    from rich.console import Console

    return Console(no_color=bool(os.environ.get("NO_COLOR")), highlight=False)


def fail(message: str, code: int) -> typer.Exit:
    """Print one `quizgen:` line on stderr and return the Exit to raise."""
    typer.echo(f"quizgen: {message}", err=True)
    return typer.Exit(code)


@contextmanager
def reported() -> Iterator[None]:
    """Map library errors to one stderr line and their exit code; never show a traceback."""
    try:
        yield
    except QuizgenError as err:
        raise fail(str(err), err.exit_code) from err
    except KeyboardInterrupt as err:
        raise fail("interrupted", 130) from err
    except typer.Exit:
        raise
    except Exception as err:
        if _state["debug"]:
            raise
        first = str(err).splitlines()[0] if str(err) else ""
        raise fail(f"unexpected error: {type(err).__name__}: {first} (run with --debug for details)", 1) from err


PathsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH",
        help="Files (.txt .md .html .htm .pdf .docx .epub), folders (searched recursively) or - for stdin.",
    ),
]


@app.command()
def build(
    paths: PathsArg,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FOLDER", help="Output folder.")] = Path("decks"),
    name: Annotated[
        str | None,
        typer.Option("--name", "-n", metavar="NAME", help="Output name (default: file stem, folder name, or quiz)."),
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", metavar="N", help="Seed for distractor choice and option order.")
    ] = 0,
    model: Annotated[
        str | None,
        typer.Option("--model", envvar="QUIZGEN_MODEL", metavar="NAME",
                     help="spaCy pipeline name (default: en_core_web_sm)."),
    ] = None,
    max_questions: Annotated[
        int | None,
        typer.Option("--max-questions", min=1, metavar="N",
                     help="Most questions per document (default: by its length)."),
    ] = None,
    types: Annotated[
        str,
        typer.Option("--types", metavar="TYPES", help="Question types, comma-separated: cloze,multiple_choice."),
    ] = "cloze,multiple_choice",
    formats: Annotated[
        str,
        typer.Option("--format", metavar="FORMATS",
                     help="Comma list of json, apkg, html, gift, moodlexml, qti, ankitxt, quizlet."),
    ] = "json,apkg,html",
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="Title of the HTML quiz.")] = None,
    deck: Annotated[
        str | None, typer.Option("--deck", metavar="NAME", help="Anki deck name (default: the name).")
    ] = None,
    no_key: Annotated[bool, typer.Option("--no-key", help="Leave the answer key out of the HTML quiz.")] = False,
    template_dir: Annotated[
        Path | None,
        typer.Option("--template-dir", metavar="FOLDER", help="Folder of templates overriding the built-in ones."),
    ] = None,
    max_words: Annotated[
        int | None,
        typer.Option("--max-words", min=1, metavar="N", help="Most words per document (default: 500,000)."),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=1, metavar="N", help="Processes parsing in parallel; the output is the same."),
    ] = 1,
) -> None:
    """Build a quiz from documents and write it to the output folder.

    Example: quizgen build seeds/ --out decks --seed 1
    """
    with reported():
        from quizgen.export import check_out_dir, write_outputs
        from quizgen.pipeline import Settings, build_quiz, parse_list

        settings = Settings.make(
            name=name, seed=seed, model=model, max_questions=max_questions,
            types=parse_list(types, "--types"), max_words=max_words, jobs=jobs,
        )
        check_out_dir(out)
        with progress_bar(err_console()) as on_progress:
            quiz = build_quiz(paths, settings, stdin=sys.stdin.buffer if "-" in paths else None,
                              on_progress=on_progress)
        written = write_outputs(
            quiz, out, parse_list(formats, "--format"),
            title=title, deck_name=deck, include_key=not no_key, template_dir=template_dir,
        )
    console = err_console()
    for warning in quiz.warnings:
        console.print(f"quizgen: warning: {warning}")
    counts = _count_by(quiz)
    console.print(
        f"{len(quiz.questions)} questions ({counts}) from {len(quiz.documents)} document(s), "
        f"{len(quiz.facts)} facts found"
    )
    for path in written:
        console.print(f"wrote {path}")


PROGRESS_AFTER = 0.5  # seconds: a build quicker than this shows no bar


@contextmanager
def progress_bar(console: Console) -> Iterator[Callable[[BuildProgress], None] | None]:
    """A progress callback drawing a Rich bar on stderr once a build takes more than a moment.

    None when stderr is not a terminal, so nothing is drawn into a pipe or a log file.
    """
    if not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn, TimeRemainingColumn
    from rich.text import Text

    class WordRate(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(f"{task.speed:,.0f} words/s" if task.speed else "", style="progress.data.speed")

    # Redrawn at each report (every 2,000 words or document) rather than by Rich's refresh thread: a
    # second thread slows the parse (see ONE_THREAD).
    progress = Progress(
        TextColumn("parsing"), BarColumn(), TextColumn("{task.fields[docs]} documents"),
        TextColumn("{task.completed:,.0f}/{task.total:,.0f} words"), WordRate(), TimeRemainingColumn(),
        console=console, transient=True, auto_refresh=False,
    )
    started = time.monotonic()
    task: list = []

    def update(at: BuildProgress) -> None:
        if not task:
            if time.monotonic() - started < PROGRESS_AFTER:
                return
            task.append(progress.add_task("build", total=at.words, docs=f"{at.documents_done}/{at.documents}"))
            progress.start()
        progress.update(task[0], completed=at.words_done, docs=f"{at.documents_done}/{at.documents}",
                        refresh=True)

    try:
        yield update
    finally:
        progress.stop()


def _count_by(quiz) -> str:  # noqa: ANN001
    kinds: dict[str, int] = {}
    for q in quiz.questions:
        kinds[q.type] = kinds.get(q.type, 0) + 1
    return ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in sorted(kinds.items())) or "none"


@app.command()
def facts(
    path: Annotated[str, typer.Argument(metavar="PATH", help="A document, a folder, or - for stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the facts as JSON.")] = False,
    model: Annotated[
        str | None,
        typer.Option("--model", envvar="QUIZGEN_MODEL", metavar="NAME",
                     help="spaCy pipeline name (default: en_core_web_sm)."),
    ] = None,
    max_words: Annotated[
        int | None, typer.Option("--max-words", min=1, metavar="N", help="Most words per document.")
    ] = None,
) -> None:
    """List the facts found in a document.

    Example: quizgen facts seeds/biden-putin-ukraine.txt --json
    """
    with reported():
        from quizgen.pipeline import Settings, find_facts

        settings = Settings.make(model=model, max_words=max_words)
        found = find_facts([path], settings, stdin=sys.stdin.buffer if path == "-" else None)
    if as_json:
        import json

        from quizgen.export.json import _fact_dict

        typer.echo(json.dumps([_fact_dict(f) for f in found], ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    table = Table("kind", "answer", "sentence", show_lines=False)
    for fact in found:
        table.add_row(fact.kind, fact.answer, fact.sentence)
    out_console().print(table)


@app.command()
def check(
    deck: Annotated[Path, typer.Argument(metavar="QUIZ.json", help="A quiz JSON written by quizgen build.")],
    strict: Annotated[bool, typer.Option("--strict", help="Exit with code 10 when any flag fires.")] = False,
) -> None:
    """Report quality flags on a built quiz.

    Example: quizgen check decks/biden-putin-ukraine.json --strict
    """
    with reported():
        from quizgen.export.json import load_quiz
        from quizgen.quality import check_quiz

        quiz = load_quiz(deck)
        report = check_quiz(quiz)
    console = out_console()
    for qid, flags in report.per_question.items():
        console.print(f"{qid}: {', '.join(flags)}")
    for flag, count in sorted(report.totals.items()):
        console.print(f"{flag}: {count}")
    console.print(
        f"{len(quiz.questions)} questions, {report.flagged} flagged; "
        f"correct option longest in {report.longest_rate:.0%} of multiple-choice questions"
    )
    if strict and report.flagged:
        raise typer.Exit(10)


# numpy's BLAS libraries start helper threads when numpy is imported (spaCy imports it). quizgen never
# needs them, and a process that has ever had a second thread parses 10-15 % slower (measured; most likely
# because glibc's malloc takes its locks from then on). The user's own setting wins.
ONE_THREAD = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS")


def main() -> None:
    """Entry point for the `quizgen` script."""
    for variable in ONE_THREAD:
        os.environ.setdefault(variable, "1")
    app()


# The self-quiz commands live in their own module; registered last so `cli` helpers exist.
from quizgen import cli_selfquiz  # noqa: E402

cli_selfquiz.register(app)

if __name__ == "__main__":
    main()
