"""Judging a typed answer: lenient about form, strict about content.

Case, accents, articles, punctuation and spacing never matter; numbers match whether written in
digits or words ("13" = "thirteen", "175,000" = "175000" = "175 thousand"). A small typo is forgiven
only in a long word, and never in a number, so that a different name or value is not accepted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from rapidfuzz.distance import OSA

__all__ = ["Judgement", "judge", "normalise", "words_to_numbers"]

_ARTICLES = frozenset({"a", "an", "the"})

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000, "millionth": 10**6,
}
_CURRENCIES = {"$": "dollars", "£": "pounds", "€": "euros", "¥": "yen"}

_NUMBER_RE = re.compile(r"^\d+(?:\.\d+)?$")
# A comma, or a no-break/thin space, between digit groups: "175,000", "1 000 000".
_GROUP_SEP_RE = re.compile(r"(?<=\d)[,\u00a0\u202f\u2009](?=\d{3}(?!\d))")
_ORDINAL_SUFFIX_RE = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_CURRENCY_RE = re.compile(r"([$£€¥])\s*(\d[\d.]*(?:\s*(?:thousand|million|billion|trillion|bn|k)\b)?)")
_SHORT_SCALES = {"k": "thousand", "bn": "billion"}
_SHORT_SCALE_RE = re.compile(r"\b(\d+(?:\.\d+)?)\s?(k|bn)\b")
_POSSESSIVE_RE = re.compile(r"'s\b")
# Keep a decimal point only between digits; every other punctuation mark becomes a space.
_PUNCT_RE = re.compile(r"(?!(?<=\d)\.(?=\d))[^\w\s]|_")


@dataclass(frozen=True, slots=True)
class Judgement:
    """The verdict on one typed answer."""

    correct: bool
    typo: bool = False  # accepted, but not as written: show the learner the right spelling


def normalise(text: str) -> str:
    """A canonical form for comparing answers: lower case, no accents, articles or punctuation,
    numbers as plain digits."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _POSSESSIVE_RE.sub("", text.replace("\u2019", "'")).replace("'", "")
    text = _GROUP_SEP_RE.sub("", text)
    text = _CURRENCY_RE.sub(lambda m: f" {m.group(2)} {_CURRENCIES[m.group(1)]} ", text)
    text = text.replace("%", " percent ").replace("per cent", "percent")
    text = _ORDINAL_SUFFIX_RE.sub(r"\1", text)
    text = _SHORT_SCALE_RE.sub(lambda m: f"{m.group(1)} {_SHORT_SCALES[m.group(2)]}", text)
    text = _PUNCT_RE.sub(" ", text)
    words = [w for w in text.split() if w not in _ARTICLES]
    words = ["dollars" if w == "usd" else w for w in words]
    return " ".join(words_to_numbers(words))


def words_to_numbers(words: list[str]) -> list[str]:
    """Replace runs of number words (and digits with scale words) by one canonical number."""
    out: list[str] = []
    total = Decimal(0)
    current = Decimal(0)
    last = ""  # category of the previous number token, "" outside a number
    pending_and = False  # "and" seen inside a number ("one hundred and five")

    def flush() -> None:
        nonlocal total, current, last, pending_and
        if last:
            out.append(_canonical(total + current))
        if pending_and:
            out.append("and")
        total, current, last, pending_and = Decimal(0), Decimal(0), "", False

    for word in words:
        kind, value = _classify(word)
        if word == "and" and last in ("hundred", "scale"):
            pending_and = True
            continue
        if kind and last and not _may_follow(last, kind, current):
            flush()
        if kind in ("digits", "unit", "teen", "ten"):
            current += value
            last = kind
        elif kind == "hundred":
            current = (current or Decimal(1)) * 100
            last = kind
        elif kind == "scale":
            total += (current or Decimal(1)) * value
            current = Decimal(0)
            last = kind
        elif kind == "ordinal":
            current += value
            last = kind
            flush()
        else:
            flush()
            out.append(word)
            continue
        pending_and = False
    flush()
    return out


def _classify(word: str) -> tuple[str, Decimal]:
    if _NUMBER_RE.match(word):
        return "digits", Decimal(word)
    if word in _UNITS:
        return ("unit" if _UNITS[word] < 10 else "teen"), Decimal(_UNITS[word])
    if word in _TENS:
        return "ten", Decimal(_TENS[word])
    if word == "hundred":
        return "hundred", Decimal(100)
    if word in _SCALES:
        return "scale", Decimal(_SCALES[word])
    if word in _ORDINALS:
        return "ordinal", Decimal(_ORDINALS[word])
    return "", Decimal(0)


def _may_follow(last: str, kind: str, current: Decimal) -> bool:
    # Only sequences that read as one number join: "twenty one", "five hundred", "175 thousand";
    # "3 4" or "one two" stay separate numbers.
    if kind in ("hundred", "scale"):
        return last in ("digits", "unit", "teen", "ten", "scale") and (last != "scale" or kind == "scale")
    if kind == "ordinal":
        return last in ("ten", "hundred", "scale") and (last != "ten" or current % 10 == 0)
    if last == "ten":
        return kind == "unit" and current % 10 == 0
    if last in ("hundred", "scale"):
        return kind in ("unit", "teen", "ten") and current % 100 == 0
    return False


def _canonical(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def judge(given: str, answer: str) -> Judgement:
    """Whether a typed answer means the expected one. Never accepts a different number or name."""
    got, want = normalise(given), normalise(answer)
    if not got:
        return Judgement(False)
    if got == want:
        return Judgement(True)
    # Spacing within words ("Jong un" = "Jongun", "u s" = "us"), but never between digits: "2 5" is not 25.
    if not any(ch.isdigit() for ch in got + want) and got.replace(" ", "") == want.replace(" ", ""):
        return Judgement(True, typo=True)
    close = _close_enough(got.split(), want.split())
    return Judgement(close, typo=close)


def _close_enough(got: list[str], want: list[str]) -> bool:
    # Word by word, so a typo in one long word cannot hide a different short word beside it.
    if len(got) != len(want):
        return False
    return all(g == w or _typo_of(g, w) for g, w in zip(got, want, strict=True))


def _typo_of(got: str, want: str) -> bool:
    # A different name is often one letter away from a short one (Mason/Jason, Hudson/Judson,
    # Bush/Rush), and a changed digit is a different fact. So: letters only, at least 6 of them,
    # same first letter, and one slip (an insertion, deletion, substitution or swap of
    # neighbours), two from 10 letters on.
    if not (got.isalpha() and want.isalpha()) or len(want) < 6 or got[0] != want[0]:
        return False
    allowed = 1 if len(want) < 10 else 2
    return OSA.distance(got, want, score_cutoff=allowed) <= allowed

