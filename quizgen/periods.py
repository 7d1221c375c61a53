"""Periods everyone can date: a sentence naming one gives away a decade or century asked beside it.

"Early in the _____, New Zealand fought in the First and Second World Wars and suffered through the
Great Depression": any reader knows the answer without the text (blind readers, session 4, round 39).
"""

from __future__ import annotations

import re

# (pattern, first year, last year): periods a school leaver can date without the text.
_PERIODS: tuple[tuple[re.Pattern[str], int, int], ...] = tuple(
    (re.compile(pattern, re.I), first, last) for pattern, first, last in (
        (r"\b(?:First World War|World War I|Great War|WWI)\b(?!I)", 1914, 1918),
        (r"\b(?:Second World War|World War II|WWII)\b", 1939, 1945),
        (r"\b(?:First and Second|two) World Wars\b|\bboth World Wars\b", 1914, 1945),
        (r"\bGreat Depression\b", 1929, 1939),
        (r"\bWall Street Crash\b", 1929, 1929),
        (r"\bCold War\b", 1947, 1991),
        (r"\bKorean War\b", 1950, 1953),
        (r"\bVietnam War\b", 1955, 1975),
        (r"\bFrench Revolution\b", 1789, 1799),
        (r"\bAmerican Revolution(?:ary War)?\b|\bRevolutionary War\b", 1775, 1783),
        (r"\bAmerican Civil War\b", 1861, 1865),
        (r"\bNapoleonic Wars\b", 1803, 1815),
        (r"\bfall of the Berlin Wall\b", 1989, 1989),
        (r"\bSeptember 11(?:,? 2001)? attacks\b|\b9/11\b", 2001, 2001),
    )
)
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th) century$", re.I)
_DECADE = re.compile(r"^(1\d{2}|20\d)0s$")
_YEAR = re.compile(r"^(1\d{3}|20\d{2})$")


def answer_years(answer: str) -> tuple[int, int] | None:
    """The years a year, decade or century answer covers: "1930s" -> (1930, 1939)."""
    text = answer.strip()
    if _YEAR.match(text):
        return int(text), int(text)
    if match := _DECADE.match(text):
        first = int(match.group(1)) * 10
        return first, first + 9
    if match := _ORDINAL.match(text):
        century = int(match.group(1))
        return (century - 1) * 100, century * 100 - 1
    return None


def dated_by_period(sentence: str, answer: str) -> bool:
    """Whether `sentence` (its answer left out) names a well-known period that mostly falls within the
    year, decade or century `answer`: then the period, not the text, answers the blank."""
    years = answer_years(answer)
    if years is None:
        return False
    first, last = years
    for pattern, start, end in _PERIODS:
        if pattern.search(sentence):
            overlap = min(last, end) - max(first, start) + 1
            if overlap * 2 > end - start + 1:  # more than half of the period lies inside the answer
                return True
    return False
