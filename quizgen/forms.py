"""The written form of an answer, so options can be checked to share it (no spaCy)."""

from __future__ import annotations

import re

from quizgen.extract.dates import date_form

_WORD_NUMBER = re.compile(
    r"^(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b", re.I
)


def answer_form(text: str, kind: str) -> str:
    """A coarse shape: digits vs words, separators, unit, date granularity, capitalisation."""
    if kind == "date":
        return date_form(text) or "other-date"
    if kind == "number":
        match = _WORD_NUMBER.match(text)
        if match:
            case = "title" if text[:1].isupper() else "lower"
            return f"words:{case}:{text[match.end():].strip().rstrip('s')}"
        unit = re.sub(r"[\d,.]", "", re.sub(r"(?<=\d)(st|nd|rd|th)\b", "th", text)).strip().rstrip("s")
        number = re.search(r"\d[\d,]*(\.\d+)?", text)
        whole = number.group().split(".")[0] if number else ""
        # Separators only show from 1,000 up: "993" and "1,193" share the form of "1,093".
        separator = "bare" if len(whole) >= 4 and "," not in whole else "standard"
        return f"digits:{separator}:{bool(number and number.group(1))}:{unit}"
    return "title" if text[:1].isupper() else "lower"
