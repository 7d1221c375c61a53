"""quizgen: turn documents into study questions (cloze and multiple choice).

The library API never prints or exits:

    from quizgen import build_quiz, Settings
    quiz = build_quiz(["article.txt"], Settings(seed=1))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Settings", "build_quiz", "__version__"]

if TYPE_CHECKING:
    from quizgen.pipeline import Settings, build_quiz


def __getattr__(name: str) -> Any:
    # Lazy: `quizgen --help` and the self-quiz must not import spaCy.
    if name in ("Settings", "build_quiz"):
        from quizgen import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
