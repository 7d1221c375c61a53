"""Which words could be a slip of a common word at all, and which of those are words: shipped with quizgen.

A word is a slip when adding one letter to it, or swapping two neighbouring letters of it, gives a
common word of seven letters or more (see `spelling.is_misspelt`). Read the other way, it is one of
the strings made by deleting one letter of a common word or swapping two neighbours. Those ~420,000
strings are kept as a Bloom filter (512 KiB, about 1.6 % false positives): a word it does not hold is
certainly no slip, so most new words skip the ~290 candidate fixes `is_misspelt` builds. A word it
holds is checked in full. The ~7,000 of those strings that are words of the whole list (the test
`is_misspelt` ends with, a scan of the list's 1.5 MB) are kept too.

The file is built from pyspellchecker's list by `python -m quizgen.slipfilter` into
quizgen/data/slips.bin. It also holds the common words themselves (the first 40,000 of the list), so
a build that can use it never reads the 1.5 MB list. It is keyed by a checksum of pyspellchecker's
English data file and of the code that turns it into the list (`source_key`): with another
pyspellchecker release none of it is used, and every word is checked in full against the list.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path

from quizgen.wordset import WordSet, word_set

BITS = 1 << 22
MAGIC = b"quizgen-slips-2\n"
# magic, the source key, the shortest word used, the common words' length in bytes; the bits; the common
# words (one per line); the known slips (one per line)
HEADER = len(MAGIC) + 12
DATA = "data/slips.bin"
# pyspellchecker's English data and the code that reads it into a word list (see `source_key`)
SOURCE_FILES = ("resources/en.json.gz", "spellchecker.py", "utils.py")


def slip_keys(common: Iterable[str], shortest: int) -> Iterator[str]:
    """Every string one deletion or one neighbour swap away from a common word of `shortest` letters or more."""
    for word in common:
        if len(word) < shortest:
            continue
        for i in range(len(word)):
            yield word[:i] + word[i + 1:]
        for i in range(len(word) - 1):
            yield word[:i] + word[i + 1] + word[i] + word[i + 2:]


def _positions(key: str) -> tuple[int, int, int]:
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=12).digest()
    return (int.from_bytes(digest[0:4], "little") % BITS, int.from_bytes(digest[4:8], "little") % BITS,
            int.from_bytes(digest[8:12], "little") % BITS)


def source_key() -> bytes | None:
    """crc32 of pyspellchecker's English data file and of the code that makes its word list (four bytes),
    or None when they cannot be read: which word list the installed pyspellchecker gives, in about a
    millisecond and without importing it."""
    spec = importlib.util.find_spec("spellchecker")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    crc = 0
    try:
        for name in SOURCE_FILES:
            crc = zlib.crc32((folder / name).read_bytes(), crc)
    except OSError:
        return None
    return crc.to_bytes(4, "little")


def build(common: Sequence[str], shortest: int, is_known: Callable[[str], bool], key: bytes) -> bytes:
    """The file for `common` (the common words) made from the list `key` names: header, bits, common words,
    known slips.

    The known slips are the keys that are not common, of ASCII letters and at least `shortest - 1` long
    (the only ones `is_misspelt` can ask about), for which `is_known` holds.
    """
    bits = bytearray(BITS // 8)
    keys = set(slip_keys(common, shortest))
    for slip in keys:
        for at in _positions(slip):
            bits[at >> 3] |= 1 << (at & 7)
    common_set = set(common)
    known = sorted(k for k in keys if k not in common_set and len(k) >= shortest - 1 and k.isascii()
                   and k.isalpha() and k.islower() and is_known(k))
    words = "\n".join(common).encode("utf-8")
    header = MAGIC + key + shortest.to_bytes(4, "little") + len(words).to_bytes(4, "little")
    return header + bytes(bits) + words + "\n".join(known).encode("utf-8")


class SlipFilter:
    """`may_be_slip(word)` is False only for words no deletion or swap of a common word gives."""

    def __init__(self, data: bytes | None) -> None:
        self._bits = data[HEADER : HEADER + BITS // 8] if data is not None else None

    def may_be_slip(self, word: str) -> bool:
        """False when `word` is certainly not a deletion or neighbour swap of a common word."""
        bits = self._bits
        if bits is None:
            return True
        return all(bits[at >> 3] >> (at & 7) & 1 for at in _positions(word))


def _data() -> bytes | None:
    try:
        data = resources.files("quizgen").joinpath(DATA).read_bytes()
    except OSError:
        return None
    return data if len(data) >= HEADER + BITS // 8 and data.startswith(MAGIC) else None


class Shipped:
    """What slips.bin holds for the installed word list."""

    def __init__(self, data: bytes) -> None:
        start = HEADER + BITS // 8
        end = start + int.from_bytes(data[HEADER - 4 : HEADER], "little")
        self.common: tuple[str, ...] = tuple(data[start:end].decode("utf-8").split("\n"))  # most frequent first
        self.filter = SlipFilter(data)
        self._known = data[end:]

    @functools.cached_property
    def known(self) -> WordSet:
        """The possible slips that are words of the whole list after all (decoded when first asked)."""
        return word_set(self._known.decode("utf-8").split("\n"))


def load(shortest: int, key: bytes | None = None) -> Shipped | None:
    """The shipped data if it was made from the installed word list (or the one `key` names) and
    `shortest`, else None."""
    data = _data()
    key = key if key is not None else source_key()
    if data is None or key is None or data[len(MAGIC) : len(MAGIC) + 8] != key + shortest.to_bytes(4, "little"):
        return None
    return Shipped(data)


def main() -> int:
    """Write quizgen/data/slips.bin from the installed pyspellchecker's word list."""
    from quizgen import spelling

    key = source_key()
    if key is None:
        raise SystemExit("pyspellchecker's English word list cannot be read")
    words = set(spelling.list_text().split("\n"))
    out = Path(__file__).with_name("data") / "slips.bin"
    out.write_bytes(build(spelling.listed_common_words(), spelling.MIN_FIX,
                          lambda word: any(v in words for v in spelling.british_variants(word)), key))
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
