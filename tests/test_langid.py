"""The language identifier's unpacked model cache: same answers, and a broken cache never breaks a build."""

from __future__ import annotations

from pathlib import Path

import pytest
from py3langid import langid

from quizgen import langid as qlangid

SAMPLES = [
    "Le président a dit que la France ne reculera pas devant les menaces de ses voisins.",
    "Der Präsident sagte, dass Deutschland den Vertrag nicht unterschreiben werde.",
    "President Joe Biden will speak to Russian President Vladimir Putin on Tuesday.",
]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("QUIZGEN_HOME", str(tmp_path))
    qlangid.identifier.cache_clear()
    yield tmp_path
    qlangid.identifier.cache_clear()


def test_the_cached_model_answers_as_py3langid_does(home: Path) -> None:
    reference = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    first = qlangid._from_cache(langid)  # unpacks into the cache
    cached = list((home / "cache").glob("py3langid-*-model"))
    assert len(cached) == 1 and not list((home / "cache").glob(".quizgen-tmp-*"))
    assert sorted(p.name for p in cached[0].iterdir()) == sorted(
        [*(f"{a}.npy" for a in qlangid.ARRAYS), "out_feat.int64", "rowbase.int64"])
    again = qlangid._from_cache(langid)  # reads the unpacked copy
    for text in SAMPLES:
        assert first.classify(text) == again.classify(text) == reference.classify(text)
    for ident in (first, again):  # the row offsets given after construction are those it would make
        assert list(ident.tk_row) == list(reference.tk_row) and list(ident._rowbase) == reference._rowbase
        assert list(ident.tk_output) == list(reference.tk_output)


def test_a_corrupt_cache_falls_back_to_py3langid(home: Path) -> None:
    folder = qlangid.model_folder()
    assert folder.parent == home / "cache"
    folder.mkdir(parents=True)
    for name in qlangid.ARRAYS:
        (folder / f"{name}.npy").write_bytes(b"not a model")
    ident = qlangid.identifier()
    assert ident.classify(SAMPLES[0])[0] == "fr"


def test_a_cache_missing_an_array_falls_back_to_py3langid(home: Path) -> None:
    qlangid._from_cache(langid)
    (qlangid.model_folder() / "nextmove.npy").unlink()
    assert qlangid.identifier().classify(SAMPLES[1])[0] == "de"


def test_a_broken_or_unwritable_integer_table_is_made_again(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reference = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    qlangid._from_cache(langid)
    folder = qlangid.model_folder()
    rowbase = folder / "rowbase.int64"
    rowbase.write_bytes(rowbase.read_bytes()[:-12])  # cut short, and not a whole number of entries
    (folder / "out_feat.int64").unlink()
    ident = qlangid._from_cache(langid)
    assert list(ident._rowbase) == reference._rowbase and list(ident.tk_output) == list(reference.tk_output)
    assert rowbase.stat().st_size == 8 * len(reference._rowbase) and (folder / "out_feat.int64").is_file()
    (folder / "out_feat.int64").unlink()

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only cache")

    monkeypatch.setattr(qlangid.tempfile, "mkstemp", refuse)  # a cache it cannot write to (even as root)
    ident = qlangid._from_cache(langid)  # made in memory each time
    assert not (folder / "out_feat.int64").exists()
    assert [ident.classify(text)[0] for text in SAMPLES] == [reference.classify(text)[0] for text in SAMPLES]
    assert list(ident.tk_output) == list(reference.tk_output) and not list(folder.glob(".quizgen-tmp-*"))
