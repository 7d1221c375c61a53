"""`quizgen quiz` and `quizgen stats`: the terminal self-quiz over the engine in quizgen.selfquiz.

Imported by quizgen.cli at start-up, so only light modules load here; the rest load per command.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from quizgen.model import Question, Quiz
    from quizgen.progress import ProgressStore
    from quizgen.selfquiz import Feedback, Session, Summary

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

HELP = """\
Cloze: type the missing words, then Enter.
Multiple choice: a letter (A, B, ...) or a number (1, 2, ...).
Case, articles, punctuation and spacing do not matter; "13" = "thirteen";
a one-letter slip in a long name is forgiven.
  s   skip (nothing is recorded, the answer is not shown)
  q   quit and show the score (Ctrl-D too; Ctrl-C stops at once)
  ?   this help
Progress is saved after every answer."""

DeckArg = Annotated[
    str,
    typer.Argument(
        metavar="DECK", help="A deck JSON from quizgen build (decks/<name>.json), or a document to build first."
    ),
]


def register(app: typer.Typer) -> None:
    """Add the `quiz` and `stats` commands to the quizgen app."""
    app.command("quiz")(quiz_cli)
    app.command("stats")(stats_cli)


def quiz_cli(
    deck: DeckArg,
    new: Annotated[int, typer.Option("--new", min=0, metavar="N", help="Most new questions in this run.")] = 10,
    everything: Annotated[
        bool, typer.Option("--all", help="Ask every question, due or not, new or seen.")
    ] = False,
    seed: Annotated[
        int | None, typer.Option("--seed", metavar="N", help="Seed for the order of new questions (default: random).")
    ] = None,
) -> None:
    """Quiz yourself in the terminal; answers are scheduled for spaced review (FSRS).

    Due questions come first, then up to --new new ones. Example: quizgen quiz decks/biden.json
    """
    import random

    from quizgen.cli import fail, out_console, reported

    with reported():
        quiz = _load_deck(deck)
    # A quiz reads answers from a person; without a terminal, input() would hang or read junk.
    if sys.stdin is None or sys.stdin.closed or not sys.stdin.isatty():
        raise fail("quiz needs an interactive terminal (standard input is not a TTY)", 2)
    with reported():
        from quizgen.progress import ProgressStore
        from quizgen.selfquiz import Session

        store = ProgressStore()
    console = out_console()
    try:
        with reported():
            session = Session(
                quiz.questions, store, clock=_now, rng=random.Random(seed),
                new_limit=new, everything=everything, deck=quiz.name,
            )
            if not session.queue:
                _nothing_to_do(console, quiz, store)
                return
            due = sum(not session.is_new(q) for q in session.queue)
            console.print(
                f"{quiz.title}: {_plural(len(session.queue), 'question')} "
                f"({due} due, {len(session.queue) - due} new). "
                "Type ? for help, q to quit."
            )
            try:
                _run(console, session)
            except EOFError:
                console.print()  # Ctrl-D leaves the cursor after the prompt
            except KeyboardInterrupt:
                console.print()
                _show_summary(console, session.summary(), quiz, store)
                raise fail("interrupted; answers so far are saved", 130) from None
            _show_summary(console, session.summary(), quiz, store)
    finally:
        store.close()


def stats_cli(deck: DeckArg) -> None:
    """Show how many of a deck's questions are new, due, being learned and learned.

    Example: quizgen stats decks/biden.json
    """
    from quizgen.cli import out_console, reported

    with reported():
        from quizgen.progress import ProgressStore
        from quizgen.selfquiz import deck_stats

        quiz = _load_deck(deck)
        with ProgressStore() as store:
            stats = deck_stats(quiz.questions, store.states(q.id for q in quiz.questions), _now())
            path = store.path
    console = out_console()
    console.print(f"{quiz.title} ({_plural(stats.total, 'question')})")
    for label, count in (
        ("new", stats.new), ("due", stats.due), ("learning", stats.learning), ("learned", stats.learned)
    ):
        console.print(f"  {label:<9}{count:>5}")
    if stats.next_due is not None:
        console.print(f"next review {_when(stats.next_due - _now())}")
    console.print(f"progress: {path}", style="dim")


def _now() -> datetime:
    return datetime.now(UTC)


def _load_deck(spec: str) -> Quiz:
    from quizgen.errors import NoFacts
    from quizgen.export.json import load_quiz

    path = Path(spec)
    if path.suffix.lower() in DOCUMENT_SUFFIXES or path.is_dir():
        # Slow path (loads spaCy); a built deck never goes through here.
        from quizgen.pipeline import Settings, build_quiz

        quiz = build_quiz([spec], Settings.make())
    else:
        # A bare name is looked up where `quizgen build` writes by default.
        if not path.exists() and not path.suffix and Path("decks", f"{spec}.json").exists():
            path = Path("decks", f"{spec}.json")
        quiz = load_quiz(path)
    if not quiz.questions:
        raise NoFacts(f"{spec} has no questions")
    return quiz


def _run(console: Console, session: Session) -> None:
    from quizgen.selfquiz import read_response

    while (question := session.current) is not None:
        _show_question(console, session, question)
        while True:
            response = read_response(question, console.input("> "))
            if response.command == "help":
                console.print(HELP, style="dim")
            elif response.command == "retry":
                console.print(response.message)
            else:
                break
        if response.command == "quit":
            return
        feedback = session.skip() if response.command == "skip" else session.answer(response.text)
        _show_feedback(console, feedback)


def _show_question(console: Console, session: Session, question: Question) -> None:
    from rich.text import Text

    from quizgen.selfquiz import option_letter

    kind = "multiple choice" if question.options is not None else "cloze"
    age = "new" if session.is_new(question) else "review"
    console.print()
    console.rule(Text(f"{session.position + 1}/{len(session.queue)} · {kind} · {age}"), style="dim")
    console.print(Text(question.prompt))
    for i, option in enumerate(question.options or ()):
        console.print(Text(f"  {option_letter(i)}) {option}"))


def _show_feedback(console: Console, feedback: Feedback) -> None:
    from rich.text import Text

    from quizgen.selfquiz import option_letter

    question = feedback.question
    if feedback.outcome == "skipped":
        console.print("Skipped.", style="dim")
        return
    answer = question.answer
    if question.correct_index is not None:
        answer = f"{option_letter(question.correct_index)}) {answer}"
    if feedback.outcome == "right":
        line = Text("Right!", style="bold green")
        if feedback.typo:
            line.append(f" (spelled: {question.answer})")
    else:
        line = Text("Wrong.", style="bold red")
        line.append(f" The answer is: {answer}")
    console.print(line)
    source = Text("Source: ", style="dim")
    sentence = Text(question.sentence)
    start = question.sentence.find(question.answer)
    if start >= 0:
        sentence.stylize("bold", start, start + len(question.answer))
    console.print(source + sentence)
    if feedback.due is not None:
        console.print(f"Next review {_when(feedback.due - _now())}.", style="dim")


def _show_summary(console: Console, summary: Summary, quiz: Quiz, store: ProgressStore) -> None:
    from quizgen.selfquiz import deck_stats

    states = store.states(q.id for q in quiz.questions)
    stats = deck_stats(quiz.questions, states, _now())
    console.print()
    score = f"{summary.right}/{summary.answered} right" if summary.answered else "nothing answered"
    console.print(
        f"Score: {score}, {summary.skipped} skipped"
        + (f", {summary.remaining} not reached" if summary.remaining else "")
        + "."
    )
    console.print(
        f"Deck: {stats.new} new, {stats.due} due, {stats.learning} learning, {stats.learned} learned."
    )


def _nothing_to_do(console: Console, quiz: Quiz, store: ProgressStore) -> None:
    from quizgen.selfquiz import deck_stats

    states = store.states(q.id for q in quiz.questions)
    stats = deck_stats(quiz.questions, states, _now())
    when = f" Next review {_when(stats.next_due - _now())}." if stats.next_due else ""
    console.print(f"Nothing to ask now in {quiz.title}.{when} Use --all to go through everything anyway.")


def _when(delta: timedelta) -> str:
    seconds = delta.total_seconds()
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        # 0.9: a card due in exactly one day is read a moment later, and "in 24 hours" reads oddly.
        if seconds >= 0.9 * size:
            n = max(1, round(seconds / size))
            return f"in {_plural(n, unit)}"
    return "now"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
