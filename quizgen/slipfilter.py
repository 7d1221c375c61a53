"""Which words could be a slip of a common word at all, and which of those are words: shipped with quizgen.

A word is a slip when adding one letter to it, or swapping two neighbouring letters of it, gives a
common word of seven letters or more (see `spelling.is_misspelt`). Read the other way, it is one of
the strings made by deleting one letter of a common word or swapping two neighbours. Those ~420,000
strings are kept as a Bloom filter (512 KiB, about 1.6 % false positives): a word it does not hold is
certainly no slip, so most new words skip the ~290 candidate fixes `is_misspelt` builds. A word it
holds is checked in full. The ~7,000 of those strings that are words of the whole list (the test
`is_misspelt` ends with, a scan of the list's 1.5 MB) are kept too.

The file is built from pyspellchecker's list by `python -m quizgen.slipfilter` into
quizgen/data/slips.bin, with checksums of the lists it was made from: with another word list
(another pyspellchecker release) neither part is used, and every word is checked as before.
"""

from __future__ import annotations

import hashlib
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path

from quizgen.wordset import WordSet, word_set

BITS = 1 << 22
MAGIC = b"quizgen-slips-1\n"
# magic, crc32 of the common words, the shortest word used, crc32 of the whole list; the bits; the known slips
HEADER = len(MAGIC) + 12
DATA = "data/slips.bin"


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


def checksum(words: Sequence[str] | str) -> bytes:
    """crc32 of a word list (in order) or of its text, as four bytes."""
    text = words if isinstance(words, str) else "\n".join(words)
    return zlib.crc32(text.encode("utf-8", "surrogatepass")).to_bytes(4, "little")


def build(common: Sequence[str], words_text: str, shortest: int, is_known: Callable[[str], bool]) -> bytes:
    """The file for `common` (the common words) and `words_text` (the whole list): header, bits, known slips.

    The known slips are the keys that are not common, of ASCII letters and at least `shortest - 1` long
    (the only ones `is_misspelt` can ask about), for which `is_known` holds.
    """
    bits = bytearray(BITS // 8)
    keys = set(slip_keys(common, shortest))
    for key in keys:
        for at in _positions(key):
            bits[at >> 3] |= 1 << (at & 7)
    common_set = set(common)
    known = sorted(k for k in keys if k not in common_set and len(k) >= shortest - 1 and k.isascii()
                   and k.isalpha() and k.islower() and is_known(k))
    header = MAGIC + checksum(common) + shortest.to_bytes(4, "little") + checksum(words_text)
    return header + bytes(bits) + "\n".join(known).encode("utf-8")


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


def load(common: Sequence[str], shortest: int) -> SlipFilter:
    """The shipped filter if it was made from exactly these words and length, else one that holds every word."""
    data = _data()
    if data is None or data[len(MAGIC) : len(MAGIC) + 8] != checksum(common) + shortest.to_bytes(4, "little"):
        return SlipFilter(None)
    return SlipFilter(data)


def known_slips(words_text: str) -> WordSet | None:
    """The shipped known slips if they were made from this list (its words one per line), else None."""
    data = _data()
    if data is None or data[HEADER - 4 : HEADER] != checksum(words_text):
        return None
    return word_set(data[HEADER + BITS // 8 :].decode("utf-8").split("\n"))


def main() -> int:
    """Write quizgen/data/slips.bin from the installed pyspellchecker's word list."""
    from quizgen import spelling

    text = spelling.list_text()
    words = set(text.split("\n"))
    out = Path(__file__).with_name("data") / "slips.bin"
    out.write_bytes(build(spelling.common_words(), text, spelling.MIN_FIX,
                          lambda key: any(v in words for v in spelling.british_variants(key))))
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
