"""Which words count as a source's slips: a table of real words, names and slips from the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.spelling import is_misspelt

SLIPS = ["recieve", "anniversay", "Technlogy", "govermnent", "aquire", "concurent"]
NOT_SLIPS = [
    "receive", "Blinken", "Kamen", "Zelensky", "codec", "crypto", "apps", "localist", "reposted",
    "centre", "colour", "organised", "defence", "ischaemic", "travelled", "catalogue", "kilometres",
    "haka", "waka", "NATO", "didn", "Taipei", "2014", "co-founder", "café",
]


@pytest.mark.parametrize("word", SLIPS)
def test_slips_are_found(word: str) -> None:
    assert is_misspelt(word)


@pytest.mark.parametrize("word", NOT_SLIPS)
def test_real_words_names_and_british_spellings_are_not_slips(word: str) -> None:
    assert not is_misspelt(word)


def _clear_spelling_caches() -> None:
    from quizgen import spelling

    for cached_function in (spelling._list_text, spelling.common_words, spelling._common, spelling._known_words,
                            spelling._shipped, spelling.is_misspelt):
        cached_function.cache_clear()


def test_a_build_with_the_shipped_words_reads_no_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from quizgen import spelling

    monkeypatch.setenv("QUIZGEN_HOME", str(tmp_path))
    _clear_spelling_caches()
    try:
        assert spelling.is_misspelt("recieve") and not spelling.is_misspelt("receive")
        assert spelling.is_misspelt("Technlogy") and not spelling.is_misspelt("Blinken")
        assert spelling._list_text.cache_info().currsize == 0 and not (tmp_path / "cache").exists()
    finally:
        _clear_spelling_caches()


def test_the_cached_list_is_written_once_and_a_broken_one_falls_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from quizgen import slipfilter, spelling

    monkeypatch.setenv("QUIZGEN_HOME", str(tmp_path))
    monkeypatch.setattr(slipfilter, "source_key", lambda: None)  # another pyspellchecker: nothing shipped is used
    clear = _clear_spelling_caches
    clear()
    try:
        assert spelling._shipped() is None
        known, common = spelling._known_words(), spelling._common()
        cached = list((tmp_path / "cache").glob("pyspellchecker-*-en.txt"))
        assert len(cached) == 1 and "\nreceive\n" in known and "receive" in common
        assert known.count("\n") > len(common) + 1
        cached[0].write_text("truncated\n", "utf-8")
        clear()
        assert spelling.is_misspelt("recieve") and not spelling.is_misspelt("receive")
    finally:
        clear()
