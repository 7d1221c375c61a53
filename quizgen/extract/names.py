"""Names a teacher would ask about: people, organisations, places, events and works."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from quizgen.extract.candidate import (
    Candidate,
    sentence_ents,
    sentence_start,
    span_offsets,
    strip_hedge,
    strip_possessive,
)

if TYPE_CHECKING:
    from spacy.tokens import Span

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT"}
MAX_NAME_WORDS = 6
NAME_PARTICLES = {"de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "al", "bin", "ibn", "y", "of"}


def find_names(sent: Span, offset: int, sent_text: str | None = None) -> Iterator[Candidate]:
    """Name candidates in one sentence; demonyms (NORP) and names inside lists are left out."""
    s_start, s_end = span_offsets(sent, offset)
    if sent_text is None:  # Span.text joins the tokens anew: callers that have the text pass it
        sent_text = sent.text
    for ent in sentence_ents(sent):
        if ent.label_ not in NAME_LABELS or _in_list(ent) or _inside_title(ent) or _cut_short(ent):
            continue
        before = _words_before(ent)
        # "according to the Sydney Morning Herald": a source; "the Biden administration": a modifier.
        if _follows(before, ATTRIBUTION_CUES) or (
                ent.root.dep_ in ("compound", "amod") and ent.root.head.pos_ == "NOUN"):
            continue
        if ent.label_ == "GPE" and _follows(before, WELL_KNOWN_SEATS):
            continue  # "Google headquarters in _____", "the nation's capital, _____": general knowledge
        if ent.label_ in ("GPE", "LOC") and _follows(before, SPREAD_CUES):
            continue  # "physicians all over _____": "the world" fits as well
        if _follows(before, EXAMPLE_CUES) or (ent.label_ == "PERSON" and _follows(before, HEAD_OF_STATE_TITLES)):
            continue  # "such as _____" has other right answers; "Queen _____" asks general knowledge
        if ent.label_ == "PERSON" and _STATE_ROLE_AFTER.match(sent_text[ent.end_char - sent.start_char :][:40]):
            continue  # "_____ is the Queen of New Zealand": general knowledge, and true only for a time
        if ent.label_ == "PERSON" and ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the":
            continue  # "the Sams continued": a family, not a person to name
        if _owner_of_a_name(ent) or _spaced_hyphen(ent):
            continue
        if ent.end + 1 < len(ent.doc) and ent.doc[ent.end].text == "(":
            continue  # "maintains A-Frame (VR), a framework": the bracket explains the blank, or gives it away
        if _quoted(ent):
            continue  # a nickname or title in quotation marks ("The Katherinator"): trivia
        if _follows(before, DEMONSTRATIVES) or _region_of_place(ent):
            continue  # "this _____" leans on earlier text; "Cape Canaveral, _____" asks geography
        dropped, rest = strip_hedge(ent.text)
        if dropped and ent.text[:dropped].strip().lower() != "the":
            continue
        rest = strip_possessive(rest.rstrip(" ,;:"))
        words = rest.split()
        if not words or len(words) > MAX_NAME_WORDS or not words[0][:1].isupper():
            continue
        if any(ch.isdigit() for ch in rest) and ent.label_ in ("PERSON", "GPE", "LOC"):
            continue
        if len(words) == 1 and words[0].lower() in GENERIC_WORDS:
            continue  # "the mantra of the Festival": a common noun, capitalised
        if len(rest) <= 2 or any(not w[:1].isupper() and not w[:1].isdigit() and w not in NAME_PARTICLES
                                 and w not in ("and", "the", "for", "on", "upon", "&") for w in words):
            continue  # "SC"; "Rufinus at Aquileia" is a person and a place run together
        start = ent.start_char + dropped
        yield Candidate("name", ent.label_, offset + start, offset + start + len(rest), s_start, s_end)


GENERIC_WORDS = {
    "west", "east", "north", "south", "western", "eastern",  # "too close to the West": the EU and NATO fit too
    "festival", "party", "council", "committee", "company", "church", "government", "parliament", "court",
    "university", "college", "school", "museum", "army", "navy", "state", "department", "ministry", "office",
    "foundation", "group", "team", "league", "union", "conference", "summit", "series", "project", "program",
    "programme", "centre", "center", "station", "airport", "bridge", "hall", "house", "senate", "congress",
    "cabinet", "crown", "police",
}
DEMONSTRATIVES = ("this", "that", "these", "those")
WELL_KNOWN_SEATS = ("headquarters in", "headquartered in", "capital ,", "capital of", "capital is")
SPREAD_CUES = ("all over", "throughout", "across", "around", "all around")
EXAMPLE_CUES = ("such as", "including", "like", "e.g.", "include", "includes", "included")
HEAD_OF_STATE_TITLES = ("president", "queen", "king", "pope", "emperor", "empress", "prime minister", "chancellor",
                        "creator", "founder", "co-founder", "ceo")  # "Facebook creator _____": general knowledge
ATTRIBUTION_CUES = ("according to", "seen by", "reported by", "obtained by", "told", "tell", "tells")


_STATE_ROLE_AFTER = re.compile(r"\s+(?:is|was|has been|became) the (?:queen|king|president|prime minister|monarch|"
                               r"head of state|pope|emperor|chancellor)\b", re.I)


def _words_before(ent: Span) -> str:
    """The (at most two) lowercase words of its sentence before the entity, past a leading "the"."""
    doc = ent.doc
    start = ent.start - (1 if ent.start > 0 and doc[ent.start - 1].lower_ == "the" else 0)
    return " ".join([doc[i].lower_ for i in range(max(sentence_start(ent), start - 2), start)])  # no Span made


def _follows(before: str, cues: tuple[str, ...]) -> bool:
    """Whether words before an entity (see `_words_before`) end with one of the cue phrases."""
    return before in cues or before.endswith(_spaced(cues))


@functools.cache
def _spaced(cues: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(" " + cue for cue in cues)


def _quoted(ent: Span) -> bool:
    doc = ent.doc
    start = ent.start - (1 if ent.start > 0 and doc[ent.start - 1].lower_ == "the" else 0)
    before = doc[start - 1].text if start > 0 else ""
    after = doc[ent.end].text if ent.end < len(doc) else ""
    return before in ('"', "“", "'") and after in ('"', "”", "'", ",", ".")


def _region_of_place(ent: Span) -> bool:
    doc = ent.doc
    return (ent.label_ == "GPE" and ent.start >= 2 and doc[ent.start - 1].text == ","
            and doc[ent.start - 2].ent_type_ in ("GPE", "LOC", "FAC"))


def _owner_of_a_name(ent: Span) -> bool:
    # "the Smithsonian's National Air and Space Museum": the owner is part of a longer name.
    doc = ent.doc
    end = ent.end
    if end < len(doc) and doc[end].text in ("'s", "’s", "'"):
        end += 1
    return end > ent.end and end < len(doc) and doc[end].ent_type_ in ("ORG", "FAC", "WORK_OF_ART", "EVENT")


def _spaced_hyphen(ent: Span) -> bool:
    # "Scientology - owned": a hyphenated word the source split apart.
    doc = ent.doc
    return (ent.end + 1 < len(doc) and doc[ent.end].text == "-" and doc[ent.end + 1].is_lower) or (
        ent.start >= 2 and doc[ent.start - 1].text == "-" and doc[ent.start - 2].is_lower)


def _cut_short(ent: Span) -> bool:
    # "Home" of "Home Office", "American Revolution" of "Daughters of the American Revolution":
    # a capitalised name word right after the entity, or before it across "of the", means the
    # entity is only part of a name.
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is not None and after.pos_ == "PROPN" and after.text[:1].isupper() and not after.ent_type_:
        return True
    i = ent.start - 1
    sent_start = sentence_start(ent)
    while i > sent_start and doc[i].lower_ in ("the", "of"):
        i -= 1
    return i < ent.start - 1 and i > sent_start and doc[i].text[:1].isupper() and doc[i].pos_ in ("PROPN", "NOUN")


def _in_list(ent: Span) -> bool:
    # "Sweden, Belgium and England": blanking one of a list has several equally true answers.
    doc = ent.doc
    if ent.start >= 3 and doc[ent.start - 1].lower_ in ("and", "or") and doc[ent.start - 2].text[:1].isupper() and (
            doc[ent.start - 3].text == ","):
        return True  # "Architectural, Surveying, Planning and _____": the last of a list
    if ent.start >= 2 and doc[ent.start - 1].text == "," and doc[ent.start - 2].pos_ == "PROPN" and (
            doc[ent.start - 2].ent_type_ != "DATE") and ent.end < len(doc) and doc[ent.end].is_punct:
        return True  # "Alcatel One Touch Fire, ZTE Open, LG Fireweb.": the last of a list
    if ent.end + 1 < len(doc) and doc[ent.end].text == "," and (
            doc[ent.end + 1].ent_type_ == ent.label_ or doc[ent.end + 1].pos_ == "PROPN"):
        return True  # "Windows, GNU/Linux and OS X"
    if ent.end + 2 < len(doc) and doc[ent.end].text == "," and doc[ent.end + 1].text[:1].isupper() and (
            doc[ent.end + 2].text[:1].isupper()):
        return True  # "Boy, The World's Fastest Indian, Once Were Warriors": the next of a list of titles
    root = ent.root
    if root.dep_ == "conj" and root.head.ent_type_:
        return True
    return any(child.dep_ == "conj" and child.ent_type_ for child in root.children)


def _inside_title(ent: Span) -> bool:
    # "Secretary of State Antony Blinken": "State" is part of a title, not a name to ask.
    root = ent.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of":
        holder = head.head
        return holder.dep_ in ("compound", "nmod") and holder.head.ent_type_ == "PERSON"
    return False
