"""Quizlet's import: one card a line, term TAB definition (the prompt, then the answer).

Quizlet's importer has no quoting, so tabs and line breaks inside the text become spaces.
"""

from __future__ import annotations

import re
from pathlib import Path

from quizgen.atomic import write_text_atomic
from quizgen.model import Quiz

_BREAKS = re.compile(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


def _flat(text: str) -> str:
    return re.sub(r" {2,}", " ", _BREAKS.sub(" ", text)).strip()


def dumps(quiz: Quiz) -> str:
    """The quiz as Quizlet import text: `prompt<TAB>answer`, one line per question."""
    return "".join(f"{_flat(q.prompt)}\t{_flat(q.answer)}\n" for q in quiz.questions)


def write_quizlet(quiz: Quiz, path: Path) -> Path:
    """Write the quiz as a Quizlet import file at `path`, atomically; return the path."""
    write_text_atomic(path, dumps(quiz))
    return path
