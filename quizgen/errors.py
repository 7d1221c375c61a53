"""quizgen's exceptions. Library code raises these; only the CLI prints them and exits.

Exit codes: 0 ok, 1 unexpected error, 2 usage (Typer's own), 3 pipeline not installed,
4 input not found or unreadable, 5 unsupported input, 6 no facts worth asking,
7 input too large, 8 not English, 9 output cannot be written, 130 interrupted.
"""

from __future__ import annotations


class QuizgenError(Exception):
    """Base class: a problem reported to the user in one line."""

    exit_code = 1


class UsageError(QuizgenError):
    """An option value quizgen does not know (a question type, an output format)."""

    exit_code = 2


class ModelNotInstalled(QuizgenError):
    """The configured spaCy pipeline is not installed."""

    exit_code = 3


class InputNotFound(QuizgenError):
    """A path does not exist, is not readable, or is not a regular file or folder."""

    exit_code = 4


class UnsupportedInput(QuizgenError):
    """A suffix quizgen cannot read, an empty or binary document, undecodable bytes."""

    exit_code = 5


class NoFacts(QuizgenError):
    """The documents hold no facts worth asking about."""

    exit_code = 6


class InputTooLarge(QuizgenError):
    """A document or a build is over the word limit."""

    exit_code = 7


class NotEnglish(QuizgenError):
    """A document is not in English."""

    exit_code = 8


class OutputError(QuizgenError):
    """An output cannot be written (bad name, unwritable folder) or a deck cannot be read."""

    exit_code = 9


EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "unexpected error",
    2: "usage error (unknown option, bad value)",
    3: ModelNotInstalled.__doc__ or "",
    4: InputNotFound.__doc__ or "",
    5: UnsupportedInput.__doc__ or "",
    6: NoFacts.__doc__ or "",
    7: InputTooLarge.__doc__ or "",
    8: NotEnglish.__doc__ or "",
    9: OutputError.__doc__ or "",
    130: "interrupted (Ctrl-C)",
}
