"""The self-quiz engine: which question comes next, how an answer is graded, when it comes back.

No terminal I/O here: the CLI reads keys and draws. Time and randomness are passed in, and the
store that remembers reviews is any object with `states()` and `record()` (see quizgen.progress).
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, Protocol

from fsrs import Card, Rating, Scheduler

from quizgen.answers import judge, normalise
from quizgen.model import Question
from quizgen.progress import CardState

Outcome = Literal["right", "wrong", "skipped"]
Command = Literal["answer", "skip", "quit", "help", "retry"]

DEFAULT_NEW = 10


class ReviewStore(Protocol):
    """Where review state lives (quizgen.progress.ProgressStore, or a fake in tests)."""

    def states(self, question_ids: Iterable[str]) -> dict[str, CardState]: ...

    def record(
        self, question_id: str, card: Card, rating: Rating, reviewed_at: datetime, deck: str = ""
    ) -> None: ...


@dataclass(frozen=True, slots=True)
class Response:
    """What a line typed by the learner means for the current question."""

    command: Command
    text: str = ""  # answer: the typed text, or the chosen option's text for multiple choice
    message: str = ""  # retry: why the line was not taken as an answer


@dataclass(frozen=True, slots=True)
class Feedback:
    """The result of one question, shown to the learner after answering or skipping."""

    question: Question
    outcome: Outcome
    given: str = ""
    typo: bool = False  # accepted despite a slip: show the exact spelling
    due: datetime | None = None  # when the question comes back (None when skipped)


@dataclass(frozen=True, slots=True)
class Summary:
    """Tally of one run."""

    right: int
    wrong: int
    skipped: int
    remaining: int  # planned but not reached (quit early)

    @property
    def answered(self) -> int:
        """Questions answered (right or wrong), skips excluded."""
        return self.right + self.wrong


@dataclass(frozen=True, slots=True)
class DeckStats:
    """How a deck's questions stand for the learner."""

    new: int  # never answered
    due: int  # answered before and due now
    learning: int  # not due yet, but got wrong last time
    learned: int  # not due yet, got right last time
    next_due: datetime | None  # the soonest not-yet-due question

    @property
    def total(self) -> int:
        """All questions in the deck."""
        return self.new + self.due + self.learning + self.learned


def make_scheduler() -> Scheduler:
    """The FSRS scheduler used for every review."""
    # No minute-long learning steps: a terminal run does not requeue a card, so "again in 10
    # minutes" would only mean "next run". Fuzzing off: fsrs draws it from the global `random`,
    # and scheduling must be reproducible under an injected clock.
    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def as_utc(now: datetime) -> datetime:
    """`now` as an aware UTC datetime (fsrs insists); a naive value is taken to be UTC."""
    return now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)


def unique(questions: Iterable[Question]) -> list[Question]:
    """Questions in order, each id once (a deck built from overlapping inputs may repeat one)."""
    seen: set[str] = set()
    out = []
    for q in questions:
        if q.id not in seen:
            seen.add(q.id)
            out.append(q)
    return out


def _sentence_key(question: Question) -> tuple[str, str]:
    return question.document, question.sentence


def plan(
    questions: Sequence[Question],
    states: Mapping[str, CardState],
    now: datetime,
    rng: random.Random,
    *,
    new_limit: int = DEFAULT_NEW,
    everything: bool = False,
) -> list[Question]:
    """The questions of one run, in order: due ones (most overdue first), then up to `new_limit`
    new ones in random order.

    After each answer its source sentence is shown, which would give away any other question made
    from the same sentence; so a run asks at most one question per sentence (the others wait for a
    later run, as Anki buries siblings). With `everything`, every question is asked, seen or not,
    and questions sharing a sentence are spread out in rounds instead.
    """
    now = as_utc(now)
    pool = unique(questions)
    due = sorted(
        (q for q in pool if q.id in states and as_utc(states[q.id].card.due) <= now),
        key=lambda q: (as_utc(states[q.id].card.due), q.id),
    )
    new = [q for q in pool if q.id not in states]
    rng.shuffle(new)
    if everything:
        later = sorted(
            (q for q in pool if q.id in states and as_utc(states[q.id].card.due) > now),
            key=lambda q: (as_utc(states[q.id].card.due), q.id),
        )
        return _spread(due + new + later)
    taken: set[tuple[str, str]] = set()
    queue: list[Question] = []
    for q in due:
        if _sentence_key(q) not in taken:
            taken.add(_sentence_key(q))
            queue.append(q)
    fresh = 0
    for q in new:
        if fresh >= new_limit:
            break
        if _sentence_key(q) not in taken:
            taken.add(_sentence_key(q))
            queue.append(q)
            fresh += 1
    return queue


def _spread(ordered: list[Question]) -> list[Question]:
    # Round robin over sentences: first question of each sentence, then the second of each, ...
    rounds: list[list[Question]] = []
    count: dict[tuple[str, str], int] = {}
    for q in ordered:
        n = count.get(_sentence_key(q), 0)
        count[_sentence_key(q)] = n + 1
        if n == len(rounds):
            rounds.append([])
        rounds[n].append(q)
    return [q for group in rounds for q in group]


def option_letter(index: int) -> str:
    """A, B, C, ... for option 0, 1, 2, ..."""
    return chr(ord("A") + index)


def read_response(question: Question, line: str) -> Response:
    """Interpret one line typed for `question`: a command (q, s, ?) or an answer."""
    text = line.strip()
    command = text.lower()
    if command in ("q", "quit"):
        return Response("quit")
    if command in ("s", "skip"):
        return Response("skip")
    if command in ("?", "help"):
        return Response("help")
    if not text:
        return Response("retry", message="Type an answer (or s to skip, q to quit, ? for help).")
    if question.options is None:
        return Response("answer", text=text)
    n = len(question.options)
    if len(command) == 1 and "a" <= command < chr(ord("a") + n):
        return Response("answer", text=question.options[ord(command) - ord("a")])
    if command.isdigit() and 1 <= int(command) <= n:
        return Response("answer", text=question.options[int(command) - 1])
    # The option typed out in full also counts, when it names exactly one option.
    matches = [opt for opt in question.options if normalise(opt) == normalise(text)]
    if len(matches) == 1:
        return Response("answer", text=matches[0])
    return Response(
        "retry", message=f"Answer with a letter A-{option_letter(n - 1)} or a number 1-{n}."
    )


def grade(question: Question, text: str) -> tuple[bool, bool]:
    """(correct, typo) for an answer: the chosen option for multiple choice, else typed text."""
    if question.options is not None:
        return text == question.answer, False
    verdict = judge(text, question.answer)
    return verdict.correct, verdict.typo


def card_id(question_id: str) -> int:
    """A stable integer id for the FSRS card of a question (fsrs wants an int)."""
    return zlib.crc32(question_id.encode("utf-8"))


def schedule(
    state: CardState | None,
    question_id: str,
    correct: bool,
    now: datetime,
    scheduler: Scheduler | None = None,
) -> tuple[Card, Rating]:
    """The question's card after this answer: right is Good, wrong is Again."""
    now = as_utc(now)
    rating = Rating.Good if correct else Rating.Again
    # card_id and due given explicitly: fsrs's defaults read the wall clock and sleep 1 ms.
    card = state.card if state is not None else Card(card_id=card_id(question_id), due=now)
    new_card, _log = (scheduler or make_scheduler()).review_card(card, rating, now)
    return new_card, rating


def deck_stats(questions: Sequence[Question], states: Mapping[str, CardState], now: datetime) -> DeckStats:
    """Count a deck's questions as new, due, learning and learned at `now`."""
    now = as_utc(now)
    new = due = learning = learned = 0
    upcoming: list[datetime] = []
    for q in unique(questions):
        state = states.get(q.id)
        if state is None:
            new += 1
        elif as_utc(state.card.due) <= now:
            due += 1
        else:
            upcoming.append(as_utc(state.card.due))
            if state.last_rating == Rating.Again:
                learning += 1
            else:
                learned += 1
    return DeckStats(new, due, learning, learned, min(upcoming, default=None))


class Session:
    """One run through a planned queue; every answer is recorded in the store at once."""

    def __init__(
        self,
        questions: Sequence[Question],
        store: ReviewStore,
        *,
        clock: Callable[[], datetime],
        rng: random.Random,
        new_limit: int = DEFAULT_NEW,
        everything: bool = False,
        deck: str = "",
        scheduler: Scheduler | None = None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._deck = deck
        self._scheduler = scheduler or make_scheduler()
        self._states = dict(store.states(q.id for q in questions))
        self.queue = plan(
            questions, self._states, clock(), rng, new_limit=new_limit, everything=everything
        )
        self.position = 0
        self.results: list[Feedback] = []

    @property
    def current(self) -> Question | None:
        """The question being asked, or None when the run is over."""
        return self.queue[self.position] if self.position < len(self.queue) else None

    def is_new(self, question: Question) -> bool:
        """Whether the learner has never answered this question before this run."""
        return question.id not in self._states or self._states[question.id].reviews == 0

    def answer(self, text: str) -> Feedback:
        """Grade `text` for the current question, record the review, move on."""
        question = self._require_current()
        correct, typo = grade(question, text)
        now = as_utc(self._clock())
        card, rating = schedule(self._states.get(question.id), question.id, correct, now, self._scheduler)
        self._store.record(question.id, card, rating, now, self._deck)
        # Keep the local copy in step with the store, for a question that appears twice (--all).
        old = self._states.get(question.id)
        self._states[question.id] = CardState(
            question.id, card, rating, (old.reviews if old else 0) + 1,
            (old.lapses if old else 0) + (rating == Rating.Again),
        )
        return self._advance(Feedback(question, "right" if correct else "wrong", text, typo, card.due))

    def skip(self) -> Feedback:
        """Pass over the current question without a review: its schedule does not change."""
        return self._advance(Feedback(self._require_current(), "skipped"))

    def summary(self) -> Summary:
        """Tally so far."""
        outcomes = [f.outcome for f in self.results]
        return Summary(
            outcomes.count("right"), outcomes.count("wrong"), outcomes.count("skipped"),
            len(self.queue) - self.position,
        )

    def _require_current(self) -> Question:
        question = self.current
        if question is None:
            raise IndexError("the run is over")
        return question

    def _advance(self, feedback: Feedback) -> Feedback:
        self.results.append(feedback)
        self.position += 1
        return feedback
