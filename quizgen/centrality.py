"""How central a sentence is to its document: the words it shares with the title and the most used words.

A classic extractive-summary signal. A question on a sentence about the story's main subject ("Mozilla
announced ...") is worth more than one on a side remark ("OkCupid's CEO had also donated $500").
The other is the lead: a news story tells its main facts first and an encyclopedia article opens with
its summary, so what the first paragraphs say matters most.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from quizgen.normalize import fold

TOP_WORDS = 15
_WORD = re.compile(r"[a-z][a-z'-]{3,}")


def content_words(text: str) -> list[str]:
    """Folded words of four letters or more that are not stop words."""
    return [w for w in _WORD.findall(fold(text)) if w not in STOP_WORDS]


def key_words(text: str, title: str) -> frozenset[str]:
    """The title's content words and the document's most used ones."""
    counts = Counter(content_words(text))
    top = {w for w, n in counts.most_common(TOP_WORDS) if n >= 3}
    return frozenset(top | set(content_words(title)))


def centrality(sentence: str, answer: str, keys: frozenset[str]) -> int:
    """How many key words the sentence shares, apart from the answer's own."""
    own = set(_sentence_words(answer))
    return len({w for w in _sentence_words(sentence) if w in keys and w not in own})


@functools.lru_cache(maxsize=4096)
def _sentence_words(text: str) -> tuple[str, ...]:
    # Several candidates share a sentence, and a figure's sentence is scored twice.
    return tuple(content_words(text))


LEAD_PARAGRAPHS = 2  # a news story's lead; an article's opening summary
LEAD_SHARE = 0.12  # ... or its first eighth, for a long article whose summary runs to several paragraphs
LEAD_MAX_CHARS = 2_500


def lead_end(text: str) -> int:
    """Where the document's lead ends: after its first two paragraphs, or its first 12 % up to 2,500
    characters, whichever is longer. Sentences starting before it are in the lead.

    Blind readers accepted 85 % of the questions from news leads and 31 % of those from the rest of the
    story (the details, reactions and background an inverted pyramid ends with); 82 % and 63 % for
    encyclopedia articles (benchmarks/QUALITY.md, rounds 29-36).
    """
    at = -1
    for _ in range(LEAD_PARAGRAPHS):
        at = text.find("\n\n", at + 1)
        if at < 0:
            return len(text)
    return max(at, min(round(LEAD_SHARE * len(text)), LEAD_MAX_CHARS))


LONG_ARTICLE_WORDS = 1_500  # past this, the lead is a summary and the rest elaborates or digresses
MIN_LEAD_ECHO = 3


def _stem(word: str) -> str:
    """A crude stem, enough to match "settlers" with "settled": drop -ing, -ed, -es, -s."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def lead_words(text: str, title: str) -> frozenset[str]:
    """The stems of the lead's content words, less the title's: what the document's summary is about."""
    title_stems = {_stem(w) for w in content_words(title)}
    return frozenset(_stem(w) for w in content_words(text[: lead_end(text)])) - title_stems


def lead_echo(sentence: str, answer: str, words: frozenset[str]) -> int:
    """How many of the lead's words a later sentence takes up again, apart from the answer's own.

    In a long article, a sentence that returns to what the summary is about is on the main thread;
    one that shares little with it is an aside. After the lead of the two long articles, blind readers
    kept 83 % and 90 % of the questions from sentences sharing three or more words with the lead, 63 %
    and 78 % of the rest (rounds 15-39, after the other rules; benchmarks/QUALITY.md, session 5).
    """
    own = {_stem(w) for w in _sentence_words(answer)}
    return len({_stem(w) for w in _sentence_words(sentence)} & words - own)


MIN_TOPIC_SENTENCES = 3  # fewer say too little to tell a new topic from an aside
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True, slots=True)
class Leads:
    """Each part of a document with its lead: (where the part starts, where its lead ends, the words a
    long document's later sentences are held to, or None for a shorter document)."""

    parts: tuple[tuple[int, int, frozenset[str] | None], ...]

    def at(self, offset: int) -> tuple[int, frozenset[str] | None]:
        """The lead's end and the echo words for a sentence starting at `offset`."""
        lead, words = self.parts[0][1:]
        for start, part_lead, part_words in self.parts:
            if start > offset:
                break
            lead, words = part_lead, part_words
        return lead, words


def document_leads(text: str, title: str, sections: tuple[int, ...], long_article: bool) -> Leads:
    """The document's lead, and in a long document each headed section that leaves its topic.

    Notes on several subjects in one file open with the first subject only: a section none of whose
    sentences takes up MIN_LEAD_ECHO of the words so far (the document's lead and the current topic's)
    starts a new topic, with its own opening as its lead. An encyclopedia article's sections stay on the
    topic of its opening summary and are held to it as before.
    """
    lead = lead_end(text)
    if not long_article:
        return Leads(((0, lead, None),))
    words = lead_words(text, title)
    parts: list[tuple[int, int, frozenset[str] | None]] = [(0, lead, words)]
    topic = words
    bounds = [s for s in sections if s >= lead]
    for start, end in zip(bounds, [*bounds[1:], len(text)], strict=False):  # no bounds: no sections
        section = text[start:end]
        sentences = [s for s in _SENTENCE_END.split(section) if s.strip()]
        if len(sentences) >= MIN_TOPIC_SENTENCES and not any(
                lead_echo(s, "", topic) >= MIN_LEAD_ECHO for s in sentences):
            topic = words | lead_words(section, "")
            parts.append((start, start + lead_end(section), topic))
        else:
            parts.append((start, lead, topic))
    return Leads(tuple(parts))
