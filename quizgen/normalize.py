"""Text normalisation shared by ids, alias checks and answer matching (no spaCy)."""

from __future__ import annotations

import functools
import re
import unicodedata

ARTICLES = ("the", "a", "an")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase ASCII-folded text with punctuation removed and spaces collapsed."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)  # 175,000 -> 175000
    text = re.sub(r"(?<=\d)\.(?=\d)", "_", text)  # 8.8 stays one token, apart from 4.8
    text = re.sub(r"['’]s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@functools.lru_cache(maxsize=65536)
def normalize_answer(text: str) -> str:
    """Folded text without leading articles: the identity of an answer."""
    words = fold(text).split()
    while words and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words)
