"""Misspelt words in a source sentence ("recieve", "Technlogy"), found with pyspellchecker's word list.

quizgen prints sentences as written, so a sentence with a slip in it makes a question a teacher would
have to correct: such sentences are not asked. A word counts as misspelt only when it is unknown
(British spellings are known) and a long common English word with one letter left out or two letters
swapped ("Technlogy", "recieve"). Other edits are not trusted: "Blinken" is one letter from "blinked",
"codec" from "coded".

pyspellchecker ships its list gzipped as JSON (0.13 s to load). quizgen ships the 40,000 common words
with a filter that clears most words at once (see slipfilter), made from the same list: a build reads
nothing else. With another pyspellchecker release they are not used: the words are then kept, most
frequent first, as plain text in the cache folder, written atomically, the common words read from there
and every word checked in full. Any trouble with the cache falls back to pyspellchecker's own loader.
"""

from __future__ import annotations

import functools
import importlib.metadata
import os
import string
import tempfile
from collections.abc import Iterable
from pathlib import Path

from quizgen import slipfilter
from quizgen.slipfilter import SlipFilter
from quizgen.userdirs import cache_dir
from quizgen.wordset import WordSet, word_set

COMMON_WORDS = 40_000  # the most frequent words of the list: what a slip is corrected to
MIN_FIX = 7
MIN_CAPITALISED_FIX = 8


@functools.cache
def common_words() -> tuple[str, ...]:
    """The COMMON_WORDS most frequent words, lower case, most frequent first."""
    shipped = _shipped()
    return shipped.common if shipped is not None else listed_common_words()


def listed_common_words() -> tuple[str, ...]:
    """The COMMON_WORDS most frequent words read from the whole list (what slips.bin is made from)."""
    return tuple(_words(COMMON_WORDS))


@functools.cache
def _shipped() -> slipfilter.Shipped | None:
    """The common words, filter and known slips shipped with quizgen, when made from the installed list."""
    return slipfilter.load(MIN_FIX)


@functools.cache
def _common() -> WordSet:
    """The most frequent words, lower case: what a slip is corrected to (a `word_set`)."""
    return word_set(common_words())


def _slips() -> SlipFilter:
    """The shipped filter of possible slips, when made from the installed list; else one that holds every word."""
    shipped = _shipped()
    return shipped.filter if shipped is not None else SlipFilter(None)


@functools.cache
def _known_words() -> str:
    """Every word of the list, lower case, each on its own line with a newline before and after.

    Read only when a word looks like a slip of a common one, and searched as text: the few words
    looked up in a build take a millisecond each, where a set of the 160,000 words takes 30 ms to build.
    """
    return f"\n{_list_text()}\n"


def _words(limit: int) -> list[str]:
    """The `limit` most frequent words."""
    return _list_text().split("\n", limit)[:limit]


def list_text() -> str:
    """Every word of the list, most frequent first, one per line."""
    return _list_text()


@functools.cache
def _list_text() -> str:
    """The words, most frequent first, one per line: the cached list, or pyspellchecker's own."""
    try:
        path = _cached_list()
        text = path.read_text("utf-8")
        if text.count("\n") + 1 < COMMON_WORDS:
            raise ValueError(f"{path} is incomplete")
        return text
    except Exception:  # noqa: BLE001 - a cache problem must never stop a build
        return "\n".join(_from_package())


def _from_package() -> list[str]:
    from spellchecker import SpellChecker

    counts = SpellChecker(language="en").word_frequency.dictionary
    return sorted(counts, key=lambda w: (-counts[w], w))


def _cached_list() -> Path:
    """pyspellchecker's words, most frequent first, one per line: written once, atomically."""
    version = importlib.metadata.version("pyspellchecker")
    cached = cache_dir() / f"pyspellchecker-{version}-en.txt"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cached.parent, prefix=".quizgen-tmp-", suffix=".txt")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write("\n".join(_from_package()))
            os.replace(tmp, cached)
        finally:
            Path(tmp).unlink(missing_ok=True)
    return cached


def _slip_fixes(word: str) -> list[str]:
    """Every string that adds one letter (a-z) to `word` or swaps two neighbouring letters of it."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    added = [left + c + right for left, right in splits for c in string.ascii_lowercase]
    swapped = [left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1]
    return added + swapped


# British spellings the (American) list lacks: "centre", "colour", "organised", "defence", "ischaemic".
BRITISH = (("re", "er"), ("our", "or"), ("is", "iz"), ("ys", "yz"), ("ence", "ense"), ("ae", "e"), ("oe", "e"),
           ("ll", "l"), ("ogue", "og"))


def british_variants(word: str) -> list[str]:
    """The word and its American spellings, as BRITISH makes them ("centre" -> "center")."""
    return [word] + [word.replace(old, new) for old, new in BRITISH if old in word]


def _known(word: str, known: str) -> bool:
    return any(f"\n{variant}\n" in known for variant in british_variants(word))


def _known_slips() -> WordSet | None:
    """The shipped list of possible slips that are words after all, if made from the installed list."""
    shipped = _shipped()
    return shipped.known if shipped is not None else None


@functools.lru_cache(maxsize=65536)
def is_misspelt(word: str) -> bool:
    """Whether `word`, as written in a sentence, is a slip for a common English word.

    Only the usual slips of a careful writer count: a letter left out ("anniversay") or two letters
    swapped ("recieve"), and only when the word meant is long enough (7 letters; 8 when capitalised,
    so names are spared) for the fix to be certain.
    """
    shortest = MIN_CAPITALISED_FIX if word[:1].isupper() else MIN_FIX
    if len(word) < shortest - 1 or not word.isascii() or not word.isalpha() or word.isupper():
        return False
    lower = word.lower()
    common = _common()
    if lower in common or len(lower) + 1 < shortest:
        return False
    # Every fix below is a common word of MIN_FIX letters or more that this word is a deletion or swap of.
    if not _slips().may_be_slip(lower):
        return False
    fixes = _slip_fixes(lower) if len(lower) >= shortest else _slip_fixes(lower)[: 26 * (len(lower) + 1)]
    if common.keys().isdisjoint(fixes):
        return False
    known = _known_slips()  # `lower` is one of the strings it was made from: the same answer as the scan
    return lower not in known if known is not None else not _known(lower, _known_words())


def is_common(word: str) -> bool:
    """Whether `word` (lower case) is among the most frequent English words."""
    return word in _common()


def misspelt_words(words: Iterable[str]) -> list[str]:
    """The words of `words` that are slips (see `is_misspelt`), in order."""
    # Shorter words are never slips (is_misspelt's first test): most words are not looked up at all.
    return [w for w in words if len(w) >= MIN_FIX - 1 and is_misspelt(w)]
