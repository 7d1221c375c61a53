"""Source slips that keep a sentence from being asked: hand-built parses and plain strings."""

from __future__ import annotations

import parses
import pytest
from docs import english_vocab, parse

from quizgen.extract.slips import source_slip


def slip(table: str, text: str | None = None) -> str | None:
    doc = parse(table, english_vocab())
    sent = doc[:]
    return source_slip(sent, text if text is not None else doc.text)


def test_a_comma_between_subject_and_verb() -> None:
    assert slip(parses.COMMA_BEFORE_VERB) == "comma between subject and verb"
    assert slip(parses.SAID_CCOMP) is None  # "Peskov said Putin would listen ...": no comma


def test_a_comma_before_a_defining_that() -> None:
    assert slip(parses.COMMA_THAT) == "comma before a defining 'that'"


def test_a_before_a_plural() -> None:
    assert slip(parses.A_PLURAL) == "'a' before a plural"
    assert slip(parses.A_FEW) is None


def test_two_subjects_with_a_singular_verb() -> None:
    assert slip(parses.JOINED_SUBJECT) == "subject and verb disagree"
    assert slip(parses.DEMAND_DOBJ) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("It was held aboard the Scientology - owned cruise ship.", "spaced hyphen"),
        ("The festival continues a 2000 year old tradition of lights.", "age without hyphens"),
        ("The event grew and Last Year over 4 million visitors came.", "capitalised time word"),
        ("Last Year over 4 million visitors came.", "capitalised time word"),
        ("In the injury time, Kane scored.", "missing word"),
        ("NOW, THEREFORE, we do hereby Order the army to march.", "capital letters"),
        ("The museum will recieve pilot seats.", "misspelt word"),
        ("The Canadian garrison of 501st Legion returned with photo-ops.", "missing word"),
        ("Just two minutes in the second half, Mertens scored.", "missing word"),
        ("The theme of this years lantern festival is the pig.", "missing word"),
        ("Officials claimed Montalvo allegedly left with hard drives.", "hedged twice"),
        ("The colony was founded in 1840.[n 8] It grew quickly.", "footnote marker"),
        ("Each prize was a gift card of $ 200 in value.", "spaced currency"),
        ("It had to clear its asylum claim- 'legacy backlog' by June.", "spaced hyphen"),
        ("The request results from the sentence of the Italian Supreme Court of Cassation on July 8.", "false friend"),
    ],
)
def test_slips_in_the_text(text: str, reason: str) -> None:
    assert slip(parses.SAID_CCOMP, text) == reason


@pytest.mark.parametrize(
    "text",
    [
        "It was held aboard the Scientology-owned cruise ship.",
        "The festival continues a 2,000-year-old tradition of lights.",
        "Last year's figures were higher, the report said.",
        "NATO, NASA and UNICEF met in Geneva.",
        "The Musket Wars lasted from 1801 - 1840 in the north.",
        "The Supreme Court upheld the sentence of the lower court judge.",
    ],
)
def test_well_written_text_passes(text: str) -> None:
    assert slip(parses.SAID_CCOMP, text) is None


def test_a_pattern_is_skipped_only_when_none_of_its_words_is_there() -> None:
    from quizgen.extract import _OUT_OF_DATE, _POINTS_ELSEWHERE
    from quizgen.textscan import may_match

    assert not may_match("Nothing to see here.", ("currently", "year's"), ignore_case=True)
    # Each sentence matches its pattern, so the cheap look must let it through.
    for pattern, words, text in [
        (_OUT_OF_DATE, ("currently", "incumbent", "year's"), "CURRENTLY the Queen"),
        (_OUT_OF_DATE, ("currently", "incumbent", "year's"), "next Year's games"),
        # re.IGNORECASE matches "ſ" to "s" and "ı" to "i"; str.lower() does not.
        (_POINTS_ELSEWHERE, ("above", "named", "aforesaid", "former", "latter", "diagram"), "the aforeſaid sorts"),
        (_POINTS_ELSEWHERE, ("above", "named", "aforesaid", "former", "latter", "diagram"), "the aforesaıd sorts"),
    ]:
        assert pattern.search(text), text
        assert may_match(text, words, ignore_case=True), text
