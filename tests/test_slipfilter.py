"""The shipped slip filter: made from the installed word list, it never turns a slip away."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen import slipfilter, spelling
from quizgen.slipfilter import SlipFilter


def test_the_shipped_file_is_what_the_builder_makes_from_the_installed_word_list() -> None:
    # Otherwise it is ignored (every word checked in full): rebuild it with `python -m quizgen.slipfilter`.
    assert spelling._slips()._bits is not None and spelling._known_slips() is not None
    key = slipfilter.source_key()
    assert key is not None
    words = set(spelling.list_text().split("\n"))
    made = slipfilter.build(spelling.listed_common_words(), spelling.MIN_FIX,
                            lambda word: any(v in words for v in spelling.british_variants(word)), key)
    assert made == (Path(slipfilter.__file__).parent / slipfilter.DATA).read_bytes()


def test_the_shipped_common_words_are_the_lists_first_words() -> None:
    # A build takes them from slips.bin and never reads the list; they are the list's own.
    assert spelling.common_words() == spelling.listed_common_words()
    assert len(spelling.common_words()) == spelling.COMMON_WORDS


def test_a_known_slip_is_what_the_scan_of_the_whole_list_finds() -> None:
    known, text = spelling._known_slips(), spelling._known_words()
    assert known is not None and len(known) > 1000
    keys = sorted(k for k in set(slipfilter.slip_keys(spelling.common_words(), spelling.MIN_FIX))
                  if k.isascii() and k.isalpha() and k.islower() and k not in spelling._common())
    for key in [*sorted(known)[::20], *keys[::400]]:
        assert (key in known) == spelling._known(key, text), key


def test_every_deletion_and_swap_of_a_common_word_is_held() -> None:
    slips = spelling._slips()
    missing = [k for k in slipfilter.slip_keys(spelling.common_words(), spelling.MIN_FIX) if not slips.may_be_slip(k)]
    assert missing == []


def test_a_filter_of_another_word_list_is_not_used() -> None:
    key = slipfilter.source_key()
    assert key is not None and slipfilter.load(spelling.MIN_FIX, key) is not None
    other = ((int.from_bytes(key, "little") + 1) % 2**32).to_bytes(4, "little")
    assert slipfilter.load(spelling.MIN_FIX, other) is None
    assert slipfilter.load(spelling.MIN_FIX + 1, key) is None


def test_the_source_key_changes_with_the_data_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util
    import shutil

    spec = importlib.util.find_spec("spellchecker")
    assert spec is not None and spec.submodule_search_locations
    copy = tmp_path / "spellchecker"
    shutil.copytree(next(iter(spec.submodule_search_locations)), copy)
    installed = slipfilter.source_key()
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "spellchecker", raising=False)
    assert slipfilter.source_key() == installed is not None  # the copy is found, and it is the same
    data = copy / "resources" / "en.json.gz"
    data.write_bytes(data.read_bytes() + b"\0")
    assert slipfilter.source_key() not in (installed, None)
    data.unlink()
    assert slipfilter.source_key() is None


def _in_full(word: str, monkeypatch: pytest.MonkeyPatch) -> bool:
    # is_misspelt as it was before the filter: every word's fixes are built and looked up.
    with monkeypatch.context() as m:
        m.setattr(spelling, "_slips", lambda: SlipFilter(None))
        m.setattr(spelling, "_known_slips", lambda: None)
        return spelling.is_misspelt.__wrapped__(word)


_COMMON = [w for w in spelling.common_words() if len(w) >= 6]
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@st.composite
def near_common(draw: st.DrawFn) -> str:
    """A common word with one letter left out, added, changed or two swapped; maybe capitalised."""
    word = draw(st.sampled_from(_COMMON))
    i = draw(st.integers(0, len(word) - 1))
    edit = draw(st.sampled_from(["delete", "add", "change", "swap", "none"]))
    letter = draw(st.sampled_from(_LETTERS))
    if edit == "delete":
        word = word[:i] + word[i + 1:]
    elif edit == "add":
        word = word[:i] + letter + word[i:]
    elif edit == "change":
        word = word[:i] + letter + word[i + 1:]
    elif edit == "swap" and i + 1 < len(word):
        word = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word.capitalize() if draw(st.booleans()) else word


@settings(max_examples=600, deadline=None)
@given(st.one_of(near_common(), st.text(alphabet=_LETTERS + "ABCXYZé'-", min_size=5, max_size=14)))
def test_is_misspelt_is_unchanged_by_the_filter(word: str) -> None:
    with pytest.MonkeyPatch.context() as m:
        assert spelling.is_misspelt.__wrapped__(word) == _in_full(word, m)


def test_the_corpus_words_are_judged_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news"
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    texts = [p.read_text("utf-8", "replace") for folder in (corpus, seeds) if folder.is_dir()
             for p in sorted(folder.iterdir()) if p.is_file()]
    words = sorted({w for text in texts for w in re.findall(r"[A-Za-z]+", text) if len(w) >= 6})
    assert words
    assert [w for w in words if spelling.is_misspelt.__wrapped__(w)] == [w for w in words if _in_full(w, monkeypatch)]
