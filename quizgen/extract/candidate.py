"""The extractors' shared vocabulary: a Candidate fact and helpers on spaCy spans."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy
from spacy.attrs import DEP, HEAD, POS, SENT_START

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Words that qualify a number or date without being part of the answer: they stay in the sentence.
HEDGES = (
    "an estimated", "estimated", "around", "about", "approximately", "roughly", "nearly", "almost",
    "some", "over", "more than", "less than", "fewer than", "up to", "at least", "at most", "just over",
    "just under", "only", "as many as", "as few as", "close to", "under", "upwards of", "the", "a", "an",
    "early", "late", "mid", "the early", "the late", "by", "since", "until", "before", "after", "in", "on",
    "this", "last", "next", "every", "each",
)
_HEDGE_RE = re.compile(r"^(?:(?:" + "|".join(sorted((re.escape(h) for h in HEDGES), key=len, reverse=True))
                       + r")\s+)+", re.I)


# "If we take a genus ... and destroy four-fifths", "might have afforded £680,000": figures chosen to make a
# point or of what did not happen. Asked, any other figure would fill the blank as well.
_HYPOTHETICAL = re.compile(r"(?:^|[,;:(—–] ?)(?:if|suppose|supposing|unless)\b|^were\b"
                           r"|\blet us (?:suppose|take|imagine)\b|\b(?:would|might|could|should)(?: \w+)? have\b", re.I)
_HYPOTHETICAL_WORDS = ("if", "suppos", "unless", "were", "let us", " have")  # one of these is in every match


def hypothetical(sent_text: str) -> bool:
    """Whether the sentence speaks of a supposed or unreal case, whose figures are illustrations."""
    lower = sent_text.lower()  # the pattern is slow to try at every position: most sentences have none of it
    if not any(word in lower for word in _HYPOTHETICAL_WORDS):
        return False
    return _HYPOTHETICAL.search(sent_text) is not None


def unresolved_plural(sent: Span, pronouns: tuple[str, ...]) -> bool:
    """Whether one of `pronouns` ('they', 'their', ...) has no plural noun or name before it to stand for."""
    for token in sent:
        if token.lower_ in pronouns and not any(
                t.tag_ in ("NNS", "NNPS") or (t.ent_type_ in ("NORP", "ORG", "GPE") and t.pos_ == "PROPN")
                for t in token.doc[sent.start : token.i]):
            return True
    return False


_THEIR = re.compile(r"\b[Tt]heir\b")


def unresolved_their(sent: Span, sent_text: str) -> bool:
    """Whether the sentence says 'their' of no one it names ("in their annual payments")."""
    return _THEIR.search(sent_text) is not None and unresolved_plural(sent, ("their",))


def figures_illustrate(sent: Span, sent_text: str) -> bool:
    """Whether the sentence's figures and dates are no facts to learn: a supposed case, or said of a
    "their" the sentence does not name."""
    return hypothetical(sent_text) or unresolved_their(sent, sent_text)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A fact before document-level filtering: offsets are in the document text."""

    kind: str
    label: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    speaker: str | None = None
    cue: str | None = None
    content_start: int | None = None
    content_end: int | None = None
    polarity: str | None = None
    who_question: str | None = None
    speaker_kind: str | None = None  # "person" | "group"
    quote_start: int | None = None  # a short quoted key phrase inside the content
    quote_end: int | None = None


def strip_hedge(text: str) -> tuple[int, str]:
    """Drop a leading hedge ("an estimated", "around"); return (chars dropped, rest)."""
    match = _HEDGE_RE.match(text)
    if not match:
        return 0, text
    return match.end(), text[match.end():]


def strip_possessive(text: str) -> str:
    """'Biden's' -> 'Biden', "the United States'" -> 'the United States'."""
    if not text.endswith(("s", "'", "’", "\n")):  # `$` also matches before a final newline
        return text
    return _POSSESSIVE.sub("", text)


_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def span_offsets(span: Span, offset: int) -> tuple[int, int]:
    """Document offsets of a span inside a paragraph Doc that starts at `offset`."""
    return offset + span.start_char, offset + span.end_char


def in_brackets(ent: Span) -> bool:
    """Whether the span sits inside parentheses in its sentence ("(c. 1818 – January 8, 1880)")."""
    texts = [t.text for t in ent.doc[sentence_start(ent) : ent.start]]  # one walk over the tokens, not two
    return texts.count("(") > texts.count(")")


def subtree_span(token: Token) -> tuple[int, int]:
    """Token indices [start, end) of a token's subtree (contiguous in projective parses)."""
    return token.left_edge.i, token.right_edge.i + 1


# What is worked out once per Doc (its entities, token columns, sentence starts), for the Doc being read
# only: one slot for all of them, so at most one parsed Doc is kept alive (see sentence_ents).
_TABLES: dict[str, Any] = {}


def _tables(doc: Doc) -> dict[str, Any]:
    if _TABLES.get("doc") is not doc:
        _TABLES.clear()
        _TABLES["doc"] = doc
    return _TABLES


def sentence_ents(sent: Span) -> list[Span]:
    """The entities inside a sentence.

    `Span.ents` rebuilds the whole Doc's entities on every call; they are built once per Doc here and
    picked out by position. Only the last Doc is remembered: keeping them on the Doc itself (user_data)
    would make a reference cycle that keeps every parsed Doc alive until the garbage collector runs.
    """
    tables = _tables(sent.doc)
    if "ents" not in tables:
        ents = tables["ents"] = tuple(sent.doc.ents)  # in order of their starts
        tables["ent_bounds"] = ([e.start for e in ents], [e.end for e in ents])
    start, end = sent.start, sent.end
    if tables.get("sentence") != (start, end):  # each extractor asks again for the same sentence
        tables["sentence"] = (start, end)
        starts, ends = tables["ent_bounds"]
        first, stop = bisect_left(starts, start), bisect_left(starts, end)  # those starting inside it
        held = zip(tables["ents"][first:stop], ends[first:stop], strict=True)
        tables["sentence_ents"] = tuple(e for e, e_end in held if e_end <= end)
    return list(tables["sentence_ents"])


def token_columns(doc: Doc) -> tuple[list[int], list[int], list[int]]:
    """Each token's part of speech and dependency label, as ids (Token.pos, Token.dep), and its head's
    index: one `Doc.to_array` per Doc, so a walk over the ids makes a Token only where one is wanted."""
    tables = _tables(doc)
    if "columns" not in tables:
        columns = doc.to_array([POS, DEP, HEAD])
        # HEAD is the offset to the head as uint64 (two's complement): plus the token's index, modulo
        # 2**64, it is the head's index.
        columns[:, 2] += numpy.arange(len(columns), dtype=numpy.uint64)
        pos, dep, head = columns.T.tolist()
        tables["columns"] = (pos, dep, head)
    return tables["columns"]


def read_from(sent: Span) -> None:
    """Mark `sent`, one of its Doc's `sents`, as the sentence being read (see `sentence_start`)."""
    _tables(sent.doc)["reading"] = (sent.start, sent.end)


def sentence_start(span: Span) -> int:
    """`span.sent.start`: the start of the sentence being read when the span starts inside it (the
    extractors ask about nothing else), else from a table made once per Doc. Span.sent walks the Doc's
    tokens on every call; the table walks them in Python once per Doc."""
    tables = _tables(span.doc)
    reading = tables.get("reading")
    if reading is not None and reading[0] <= span.start < reading[1]:
        return reading[0]  # `sents` starts a sentence only where Span.sent's walk back would stop
    if "sentence_starts" not in tables:
        starts, start = [], 0
        for i, flag in enumerate(span.doc.to_array(SENT_START).tolist()):
            if flag == 1:  # as Span.sent: back to the nearest token that starts a sentence, or the first
                start = i
            starts.append(start)
        tables["sentence_starts"] = starts
    return tables["sentence_starts"][span.start]
