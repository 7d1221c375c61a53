"""Text normalisation shared by ids, alias checks and answer matching (no spaCy)."""

from __future__ import annotations

import functools
import re
import unicodedata

ARTICLES = ("the", "a", "an")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase ASCII-folded text with punctuation removed and spaces collapsed."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower()
    if "," in text or "." in text:
        text = _THOUSANDS.sub("", text)  # 175,000 -> 175000
        text = _DECIMAL_POINT.sub("_", text)  # 8.8 stays one token, apart from 4.8
    if "'" in text:
        text = _POSSESSIVE.sub("", text)
    return " ".join(text.translate(_PUNCTUATION_TO_SPACE).split())


# The comma or point first, then the digit before it: the regex engine then skips to each comma or
# point instead of trying a lookbehind at every character (the same matches, four times faster).
_THOUSANDS = re.compile(r",(?<=\d,)(?=\d{3})")
_DECIMAL_POINT = re.compile(r"\.(?<=\d\.)(?=\d)")
_POSSESSIVE = re.compile(r"'s\b")  # the curly apostrophe is gone with the ASCII folding
_PUNCTUATION = re.compile(r"[^\w\s]")
# The text is ASCII here, so `_PUNCTUATION.sub(" ", text)` is this table: one pass, no regex.
_PUNCTUATION_TO_SPACE = {c: " " for c in range(128) if _PUNCTUATION.match(chr(c))}


@functools.lru_cache(maxsize=65536)
def normalize_answer(text: str) -> str:
    """Folded text without leading articles: the identity of an answer."""
    words = fold(text).split()
    while words and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words)
