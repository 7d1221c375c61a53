"""Moodle GIFT: one plain-text question per paragraph, for Moodle's question bank import.

Multiple choice is `::id::[plain]stem {=right ~wrong ~wrong ~wrong}`; a cloze is a missing-word
short answer, `::id::[plain]text before {=answer} text after`. `[plain]` makes Moodle show document
text as typed rather than read it as HTML, and every GIFT control character is escaped.
"""

from __future__ import annotations

from pathlib import Path

from quizgen.atomic import write_text_atomic
from quizgen.errors import OutputError
from quizgen.model import BLANK, Question, Quiz

# Moodle's importer (qformat_gift::escapedchar_pre) undoes exactly these escapes, backslash first.
_ESCAPES = str.maketrans({"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}",
                          ":": "\\:", "\n": "\\n", "\r": ""})


# Before every answer too: Moodle reads an answer starting "%50%" as a weight and one starting
# "[html]" as a format; after "[plain]" neither can happen, and the answer is shown as typed.
_PLAIN = "[plain]"


def escape(text: str) -> str:
    """Document text as GIFT: control characters backslash-escaped, newlines as `\\n`."""
    return text.translate(_ESCAPES)


def escape_short_answer(text: str) -> str:
    """A short-answer answer: GIFT-escaped, and `*` made literal (Moodle reads a bare `*` as a wildcard)."""
    return escape(text.replace("*", "\\*"))


def question_gift(question: Question) -> str:
    """One question in GIFT, on one line."""
    name = f"::{escape(question.id)}::{_PLAIN}"
    if question.type == "multiple_choice":
        options = question.options or ()
        if question.answer not in options:
            raise OutputError(f"multiple-choice question {question.id} has its answer missing from its options")
        choices = " ".join(("=" if o == question.answer else "~") + _PLAIN + escape(o) for o in options)
        answers = "{" + choices + "}"
    elif question.type == "cloze":
        if BLANK not in question.prompt:
            raise OutputError(f"cloze question {question.id} has no blank in its prompt")
        answers = "{=" + _PLAIN + escape_short_answer(question.answer) + "}"
    else:
        raise OutputError(f"question {question.id} has unknown type {question.type!r}")
    if BLANK in question.prompt:
        # The answers stand where the blank was: Moodle shows a blank (or a menu) in the sentence.
        before, after = question.prompt.split(BLANK, 1)
        return f"{name}{escape(before)}{answers}{escape(after)}"
    return f"{name}{escape(question.prompt)} {answers}"


def dumps(quiz: Quiz) -> str:
    """The whole quiz as GIFT: a category line, then the questions separated by blank lines."""
    # quiz.name is a slug, so the category path needs no escaping (Moodle does not unescape it).
    lines = [f"// quizgen: {quiz.title}".replace("\n", " "), f"$CATEGORY: $course$/top/{quiz.name}", ""]
    for question in quiz.questions:
        lines += [question_gift(question), ""]
    return "\n".join(lines)


def write_gift(quiz: Quiz, path: Path) -> Path:
    """Write the quiz as a GIFT file (UTF-8) at `path`, atomically; return the path."""
    write_text_atomic(path, dumps(quiz))
    return path
