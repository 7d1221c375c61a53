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
