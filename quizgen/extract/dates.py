"""Dates a learner can be asked: weekdays, months, days of a month, years, full dates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from quizgen.extract.candidate import (
    Candidate,
    figures_illustrate,
    in_brackets,
    sentence_ents,
    span_offsets,
    strip_hedge,
)
from quizgen.extract.numbers import CHANGE_FROM

if TYPE_CHECKING:
    from spacy.tokens import Span

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_W = "|".join(WEEKDAYS)
_M = "|".join(MONTHS)
# Each accepted form, by granularity; anything else (today, this week, recently) is not a fact.
DATE_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("WEEKDAY", re.compile(rf"^({_W})$")),
    ("MONTH", re.compile(rf"^({_M})$")),
    ("MONTH_DAY", re.compile(rf"^({_M}) \d{{1,2}}$|^\d{{1,2}} ({_M})$")),
    ("FULL_DATE", re.compile(rf"^({_M}) \d{{1,2}}, \d{{4}}$|^\d{{1,2}} ({_M}),? \d{{4}}$")),
    ("MONTH_YEAR", re.compile(rf"^({_M}),? \d{{4}}$")),
    ("YEAR", re.compile(r"^1\d{3}$|^20\d{2}$")),
    ("DECADE", re.compile(r"^1\d{2}0s$|^20\d0s$")),
)


_REPORT_DATE = re.compile(r"\b(?:report|study|survey|paper|poll)\b[^.;]{0,30}\b(?:released|published|issued)\s+"
                          r"(?:in|on)\s+$", re.I)


_SPAN_OF_YEARS = re.compile(r"\b(?:period|space|course|interval) of (?:about |nearly |above |some )?[\w-]+ years\b",
                            re.I)


def date_form(text: str) -> str | None:
    """The granularity label of a date string, or None when it is not a precise date."""
    for label, pattern in DATE_FORMS:
        if pattern.match(text):
            return label
    return None


def find_dates(sent: Span, offset: int, sent_text: str | None = None) -> Iterator[Candidate]:
    """Date candidates in one sentence of a paragraph Doc that starts at document offset `offset`."""
    s_start, s_end = span_offsets(sent, offset)
    if sent_text is None:  # Span.text joins the tokens anew: callers that have the text pass it
        sent_text = sent.text
    ents = sentence_ents(sent)
    if not any(e.label_ == "DATE" for e in ents):
        return  # nothing to ask: the sentence checks below would only cost time
    if figures_illustrate(sent, sent_text):
        return  # "If we destroy four-fifths", "£680,000 in their annual payments": no fact to learn
    years_in_sentence = re.findall(r"\b1\d{3}\b|\b20\d{2}\b", sent_text)
    for ent in ents:
        if ent.label_ != "DATE":
            continue
        dropped, rest = strip_hedge(ent.text)
        rest = rest.rstrip(" ,.;:")
        label = date_form(rest)
        if label is None:
            continue
        start = ent.start_char + dropped
        before = sent.doc[ent.start - 1] if ent.start > sent.start else None
        if before is not None and before.like_num and label in ("MONTH", "MONTH_YEAR"):
            continue  # "1 May 1904" cut to "May 1904": the day was left outside the entity
        after = sent.doc[ent.end] if ent.end < len(sent.doc) else None
        if label in ("YEAR", "DECADE") and _BOUND.search(sent_text, 0, ent.start_char - sent.start_char + dropped):
            continue  # "by _____ New Zealand had the lowest income": any later year is as true
        if in_brackets(ent):
            continue  # "Sunday night (March 4)", "(c. 1818 – January 8, 1880)": an aside
        if after is not None and after.text in ("-", "–", "—") and ent.end + 1 < len(sent.doc) and (
                sent.doc[ent.end + 1].like_num):
            continue  # "1890 – 91": half of a range
        if label == "YEAR" and CHANGE_FROM.search(sent_text) and str(int(rest) + 1) in years_in_sentence:
            continue  # "revenue for 2011 ... up 33% from $123 million in _____": the year before, surely
        if label == "YEAR" and len(years_in_sentence) >= 2 and _SPAN_OF_YEARS.search(sent_text):
            continue  # "From about _____ to about 1640, a period of about seventy years": arithmetic
        if label == "YEAR" and any(e.label_ == "PERCENT" for e in sentence_ents(sent)):
            continue  # "55% of the exports in _____": the year a statistic was taken, not an event
        if label == "YEAR" and _attributive(ent):
            continue  # "before the 2014 protests": a name ("Umbrella") fits the blank as well
        at = ent.start_char - sent.start_char
        answer_at, answer_end = at + dropped, at + dropped + len(rest)
        if len(set(years_in_sentence)) >= 3 and _listed_year(sent_text[:answer_at], sent_text[answer_end:]):
            continue  # "In 1643, in 1645, and in 1661, the clothiers complained": one year of a list
        if _REPORT_DATE.search(sent_text[max(0, at - 60) : at]):
            continue  # "In a report released in _____, Mozilla reported ...": when a source appeared
        as_at = before is not None and before.lower_ in ("at", "of") and ent.start >= 2
        if as_at and sent.doc[ent.start - 2].lower_ == "as":
            continue  # "as at June 2018": the date of a figure, not an event
        yield Candidate("date", label, offset + start, offset + start + len(rest), s_start, s_end)


# A bound, not a date: "by 1982", "before the 1990s", "until the late 1960s" hold for other years as well.
_BOUND = re.compile(r"\b(?:[Bb]y|[Bb]efore|[Aa]fter|[Uu]ntil|[Tt]ill)\s+(?:the\s+)?(?:(?:early|late|mid)[- ]\s*)?$")
_YEAR_BEFORE = re.compile(r"\b(?:1\d{3}|20\d{2}),? (?:and |or )?(?:in )?$")
_YEAR_AFTER = re.compile(r"^,? (?:and |or )?(?:in )?(?:1\d{3}|20\d{2})\b")


def _listed_year(before: str, after: str) -> bool:
    """Whether another year stands right before or after, in a list ("1643, 1645 and 1661")."""
    return _YEAR_BEFORE.search(before) is not None or _YEAR_AFTER.match(after) is not None


def _attributive(ent: Span) -> bool:
    """Whether a year modifies the noun after it ("the 2014 protests", "its 2012 report")."""
    token = ent.root
    head = token.head
    return (token.dep_ in ("compound", "nummod", "amod", "nmod") and head.i > token.i
            and head.pos_ in ("NOUN", "PROPN"))
