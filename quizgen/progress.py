"""Self-quiz progress: one FSRS card per question id, kept in SQLite in the user data folder.

Each answer is its own committed transaction, so an interrupted run keeps everything answered
before the interrupt. Keyed by the question's stable id, so progress survives rebuilding a deck.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

from fsrs import Card, Rating

from quizgen.errors import OutputError
from quizgen.userdirs import data_dir

DB_NAME = "progress.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS cards (
    question_id TEXT PRIMARY KEY,
    card TEXT NOT NULL,              -- fsrs Card.to_json()
    due TEXT NOT NULL,               -- ISO 8601 UTC, copied out of the card for queries
    last_rating INTEGER NOT NULL,    -- fsrs Rating of the latest review
    reviews INTEGER NOT NULL,
    lapses INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY,
    question_id TEXT NOT NULL,
    deck TEXT NOT NULL,
    rating INTEGER NOT NULL,
    reviewed_at TEXT NOT NULL
);
"""


class ProgressError(OutputError):
    """The progress database cannot be opened, read or written."""


@dataclass(frozen=True, slots=True)
class CardState:
    """What the store knows about one question: its FSRS card and a little history."""

    question_id: str
    card: Card
    last_rating: Rating
    reviews: int
    lapses: int


def default_db_path() -> Path:
    """Where progress is kept unless a path is given."""
    return data_dir() / DB_NAME


class ProgressStore:
    """Review state per question id in one SQLite file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit mode: every write below opens and commits its own transaction.
            self._conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        except (OSError, sqlite3.Error) as err:
            raise ProgressError(f"cannot open progress database {self.path}: {err}") from err
        try:
            # WAL lets `quizgen stats` read while a quiz is writing; FULL makes each answer durable.
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.executescript(_SCHEMA)
        except sqlite3.Error as err:
            self._conn.close()
            raise ProgressError(f"cannot use progress database {self.path}: {err}") from err

    def states(self, question_ids: Iterable[str]) -> dict[str, CardState]:
        """The stored state of each of these questions that has been answered before."""
        wanted = set(question_ids)
        try:
            rows = self._conn.execute(
                "SELECT question_id, card, last_rating, reviews, lapses FROM cards"
            ).fetchall()
        except sqlite3.Error as err:
            raise ProgressError(f"cannot read progress database {self.path}: {err}") from err
        return {
            qid: CardState(qid, Card.from_json(card), Rating(rating), reviews, lapses)
            for qid, card, rating, reviews, lapses in rows
            if qid in wanted
        }

    def record(
        self, question_id: str, card: Card, rating: Rating, reviewed_at: datetime, deck: str = ""
    ) -> None:
        """Store a question's new card and log the review, committed before returning."""
        lapse = 1 if rating == Rating.Again else 0
        try:
            with self._transaction():
                self._conn.execute(
                    """INSERT INTO cards (question_id, card, due, last_rating, reviews, lapses)
                       VALUES (?, ?, ?, ?, 1, ?)
                       ON CONFLICT (question_id) DO UPDATE SET
                           card = excluded.card, due = excluded.due, last_rating = excluded.last_rating,
                           reviews = reviews + 1, lapses = lapses + excluded.lapses""",
                    (question_id, card.to_json(), card.due.isoformat(), int(rating), lapse),
                )
                self._conn.execute(
                    "INSERT INTO reviews (question_id, deck, rating, reviewed_at) VALUES (?, ?, ?, ?)",
                    (question_id, deck, int(rating), reviewed_at.isoformat()),
                )
        except sqlite3.Error as err:
            raise ProgressError(f"cannot write progress database {self.path}: {err}") from err

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        # sqlite3's own `with conn:` does nothing in autocommit mode, so BEGIN/COMMIT are explicit.
        # BaseException: a Ctrl-C between the two statements must roll both back.
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.rollback()
            raise
        self._conn.execute("COMMIT")

    def close(self) -> None:
        """Close the database; everything recorded is already committed."""
        self._conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
