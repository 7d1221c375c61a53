"""The self-quiz engine and its SQLite store, with an injected clock and random source."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Card, Rating, State

from quizgen.model import Question
from quizgen.progress import DB_NAME, CardState, ProgressError, ProgressStore, default_db_path
from quizgen.selfquiz import (
    Session,
    as_utc,
    deck_stats,
    grade,
    plan,
    read_response,
    schedule,
)

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    # No test may touch the learner's real progress.
    monkeypatch.setenv("QUIZGEN_HOME", str(tmp_path / "home"))


def cloze(n: int, answer: str = "Geneva", sentence: str | None = None) -> Question:
    sentence = sentence or f"Sentence {n} mentions {answer}."
    return Question(
        id=f"q{n}", document="doc", fact=f"f{n}", kind="name", type="cloze",
        prompt=sentence.replace(answer, "_____"), answer=answer, sentence=sentence, start=0, end=len(answer),
    )


def choice(n: int, answer: str, options: tuple[str, ...], sentence: str | None = None) -> Question:
    sentence = sentence or f"Sentence {n} mentions {answer}."
    return Question(
        id=f"q{n}", document="doc", fact=f"f{n}", kind="name", type="multiple_choice",
        prompt=sentence.replace(answer, "_____"), answer=answer, sentence=sentence, start=0,
        end=len(answer), options=options,
    )


def state(qid: str, due: datetime, rating: Rating = Rating.Good) -> CardState:
    card = Card(card_id=1, state=State.Review, stability=3.0, difficulty=5.0, due=due)
    return CardState(qid, card, rating, 1, 0)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


# -- next card ------------------------------------------------------------------------------------


def test_plan_due_first_most_overdue_first_then_new_up_to_limit() -> None:
    questions = [cloze(i) for i in range(1, 21)]
    states = {
        "q3": state("q3", NOW - timedelta(days=1)),
        "q7": state("q7", NOW - timedelta(days=5)),
        "q9": state("q9", NOW + timedelta(days=2)),  # seen, not due: not asked
        "q11": state("q11", NOW),  # due this very moment
    }
    queue = plan(questions, states, NOW, random.Random(0), new_limit=4)
    ids = [q.id for q in queue]
    assert ids[:3] == ["q7", "q3", "q11"]
    assert len(ids) == 7
    assert not set(ids[3:]) & set(states)
    assert "q9" not in ids


def test_plan_new_order_comes_from_the_rng() -> None:
    questions = [cloze(i) for i in range(1, 21)]
    first = [q.id for q in plan(questions, {}, NOW, random.Random(1), new_limit=20)]
    again = [q.id for q in plan(questions, {}, NOW, random.Random(1), new_limit=20)]
    other = [q.id for q in plan(questions, {}, NOW, random.Random(2), new_limit=20)]
    assert first == again
    assert first != other
    assert sorted(first) == sorted(q.id for q in questions)


def test_plan_new_limit_zero_and_everything() -> None:
    questions = [cloze(i) for i in range(1, 6)]
    states = {"q1": state("q1", NOW + timedelta(days=3)), "q2": state("q2", NOW - timedelta(hours=1))}
    assert [q.id for q in plan(questions, states, NOW, random.Random(0), new_limit=0)] == ["q2"]
    everything = [q.id for q in plan(questions, states, NOW, random.Random(0), new_limit=0, everything=True)]
    assert everything[0] == "q2"
    assert everything[-1] == "q1"  # seen and not due: last
    assert sorted(everything) == ["q1", "q2", "q3", "q4", "q5"]


def test_plan_asks_one_question_per_sentence() -> None:
    # Showing the source sentence after an answer would give away a sibling from the same sentence.
    sentence = "Putin met Biden in Geneva."
    siblings = [cloze(1, "Putin", sentence), cloze(2, "Biden", sentence), cloze(3, "Geneva", sentence)]
    queue = plan([*siblings, cloze(4)], {}, NOW, random.Random(0), new_limit=10)
    assert len(queue) == 2
    assert sum(q.sentence == sentence for q in queue) == 1
    spread = plan([*siblings, cloze(4)], {}, NOW, random.Random(0), everything=True)
    assert len(spread) == 4
    assert spread[-1].sentence == sentence and spread[-2].sentence == sentence
    assert spread[0].sentence != spread[1].sentence


def test_plan_ignores_duplicate_ids() -> None:
    assert len(plan([cloze(1), cloze(1)], {}, NOW, random.Random(0))) == 1


# -- reading and grading --------------------------------------------------------------------------


def test_read_response_commands_and_choices() -> None:
    mc = choice(1, "Geneva", ("Vienna", "Geneva", "Minsk", "Helsinki"))
    assert read_response(mc, "b").text == "Geneva"
    assert read_response(mc, " B ").text == "Geneva"
    assert read_response(mc, "2").text == "Geneva"
    assert read_response(mc, "4").text == "Helsinki"
    assert read_response(mc, "vienna").text == "Vienna"  # the option typed out
    assert read_response(mc, "E").command == "retry"
    assert read_response(mc, "5").command == "retry"
    assert read_response(mc, "Paris").command == "retry"
    for line, command in (("q", "quit"), ("Q", "quit"), ("s", "skip"), ("?", "help"), ("", "retry")):
        assert read_response(mc, line).command == command
        assert read_response(cloze(2), line).command == command
    assert read_response(cloze(2), "  the Geneva ").text == "the Geneva"
    assert read_response(cloze(2), "b").text == "b"  # a letter is just text in a cloze


def test_grade() -> None:
    mc = choice(1, "Geneva", ("Vienna", "Geneva", "Minsk", "Helsinki"))
    assert grade(mc, "Geneva") == (True, False)
    assert grade(mc, "Vienna") == (False, False)
    assert grade(cloze(2, "175,000"), "175000") == (True, False)
    assert grade(cloze(3, "Zelenskyy"), "Zelensky") == (True, True)
    assert grade(cloze(4, "Peskov"), "Putin") == (False, False)


# -- scheduling -----------------------------------------------------------------------------------


def test_schedule_new_card() -> None:
    right, rating = schedule(None, "q1", True, NOW)
    assert rating == Rating.Good
    assert right.due == NOW + timedelta(days=2)
    wrong, rating = schedule(None, "q1", False, NOW)
    assert rating == Rating.Again
    assert wrong.due == NOW + timedelta(days=1)


def test_schedule_grows_interval_on_right_and_resets_on_wrong() -> None:
    first, _ = schedule(None, "q1", True, NOW)
    known = CardState("q1", first, Rating.Good, 1, 0)
    second, _ = schedule(known, "q1", True, first.due)
    assert second.due - first.due > timedelta(days=2)
    lapse, _ = schedule(known, "q1", False, first.due)
    assert lapse.due - first.due == timedelta(days=1)


def test_naive_clock_is_taken_as_utc() -> None:
    assert as_utc(datetime(2025, 3, 1, 12)) == NOW


# -- store and session ----------------------------------------------------------------------------


def test_store_defaults_to_quizgen_home(tmp_path: Path) -> None:
    assert default_db_path() == tmp_path / "home" / DB_NAME
    with ProgressStore() as store:
        assert store.path == tmp_path / "home" / DB_NAME
    assert (tmp_path / "home" / DB_NAME).exists()


def test_store_commits_each_record_at_once(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    with ProgressStore(path) as store:
        card, rating = schedule(None, "q1", True, NOW)
        store.record("q1", card, rating, NOW, "deck")
        # Another connection sees it before this one closes: nothing is held back for later.
        other = sqlite3.connect(path)
        assert other.execute("SELECT question_id, reviews FROM cards").fetchall() == [("q1", 1)]
        other.close()
        card, rating = schedule(store.states(["q1"])["q1"], "q1", False, card.due)
        store.record("q1", card, rating, NOW + timedelta(days=2), "deck")
    with ProgressStore(path) as store:
        saved = store.states(["q1", "q2"])
    assert list(saved) == ["q1"]
    assert saved["q1"].reviews == 2
    assert saved["q1"].lapses == 1
    assert saved["q1"].last_rating == Rating.Again
    assert saved["q1"].card.due == card.due


def test_store_reports_an_unusable_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is not a database, just some bytes that sqlite will refuse" * 20)
    with pytest.raises(ProgressError):
        ProgressStore(bad)


def test_session_grades_schedules_and_persists(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    questions = [
        choice(1, "Geneva", ("Vienna", "Geneva", "Minsk", "Helsinki")),
        cloze(2, "thirteen"),
        cloze(3, "Peskov"),
        cloze(4, "Putin"),
    ]
    by_id = {q.id: q for q in questions}
    clock = Clock(NOW)
    with ProgressStore(path) as store:
        session = Session(questions, store, clock=clock, rng=random.Random(0), new_limit=10)
        assert len(session.queue) == 4
        outcomes = []
        for step in range(3):
            q = session.current
            assert q is not None and session.is_new(q)
            clock.now = NOW + timedelta(minutes=step)
            if step == 0:
                feedback = session.answer(q.answer if q.options else _typed_right(q))
            elif step == 1:
                feedback = session.answer("Vienna" if q.options else "Blinken")
            else:
                feedback = session.skip()
            outcomes.append((q.id, feedback.outcome))
        summary = session.summary()
    assert [o for _, o in outcomes] == ["right", "wrong", "skipped"]
    assert (summary.right, summary.wrong, summary.skipped, summary.remaining) == (1, 1, 1, 1)

    with ProgressStore(path) as store:
        saved = store.states(by_id)
    right_id, wrong_id, skipped_id = (qid for qid, _ in outcomes)
    assert set(saved) == {right_id, wrong_id}  # a skip records nothing
    assert saved[right_id].last_rating == Rating.Good
    assert saved[right_id].card.due == NOW + timedelta(days=2)
    assert saved[wrong_id].last_rating == Rating.Again
    assert saved[wrong_id].card.due == NOW + timedelta(minutes=1, days=1)

    stats = deck_stats(questions, saved, NOW + timedelta(hours=1))
    assert (stats.new, stats.due, stats.learning, stats.learned) == (2, 0, 1, 1)
    assert stats.total == 4
    assert stats.next_due == NOW + timedelta(minutes=1, days=1)
    # A day and a half later the wrong one is due, and comes before any new question.
    later = NOW + timedelta(days=1, hours=12)
    assert deck_stats(questions, saved, later).due == 1
    with ProgressStore(path) as store:
        session = Session(questions, store, clock=Clock(later), rng=random.Random(0), new_limit=10)
    assert session.queue[0].id == wrong_id
    assert not session.is_new(session.queue[0])
    assert {q.id for q in session.queue[1:]} == set(by_id) - set(saved)  # the skipped one is still new
    assert skipped_id not in saved


def _typed_right(question: Question) -> str:
    # The learner types the answer in another form than the document's.
    return {"thirteen": "13", "Peskov": "peskov", "Putin": "PUTIN."}[question.answer]
