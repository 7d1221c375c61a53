"""A cheap look for words before a costly regex search (no spaCy: readers use it too)."""

from __future__ import annotations

# Letters that re.IGNORECASE matches to ASCII ones but str.lower() does not turn into them ("ſ" is "s").
_ODD_CASE = ("İ", "ı", "ſ", "K")


def may_match(text: str, words: tuple[str, ...], *, ignore_case: bool = False) -> bool:
    """False only when `text` holds none of `words`, one of which every match of a pattern contains.

    Python's regex engine tries a pattern at every position; a substring test is far cheaper, and most
    sentences hold none of a rare pattern's words. With `ignore_case`, `words` are lower case.
    """
    if ignore_case:
        if not text.isascii() and any(c in text for c in _ODD_CASE):
            return True
        text = text.lower()
    for word in words:  # noqa: SIM110 - a loop: any() makes a generator on each of a build's 2,400 calls
        if word in text:
            return True
    return False
