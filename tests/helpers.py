"""Shared test helpers: running the real CLI, snapshots of an output folder, headless Chromium, Anki.

test_html.py and test_anki.py grew their own copies of the browser and Anki helpers; new tests use
these so there is one place to change a Chromium flag or the Anki import call.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
SEED_DOC = REPO / "seeds" / "biden-putin-ukraine.txt"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
SOURCE_DATE_EPOCH = "1700000000"  # fixed, so two builds of the same input are the same bytes


# ---- the real CLI ----------------------------------------------------------------------------


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a quizgen subprocess: fixed build time, no colour, one BLAS thread."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_COLOR": "1", "OMP_NUM_THREADS": "1",
           "OPENBLAS_NUM_THREADS": "1", "PYTHONFAULTHANDLER": ""}
    env.pop("QUIZGEN_MODEL", None)
    env.update(extra)
    return env


def run_quizgen(args: Sequence[str | os.PathLike], *, cwd: Path, stdin: bytes | None = None,
                timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python -m quizgen.cli ARGS` as a user would run it; stdout and stderr captured as text."""
    run = subprocess.run(
        [sys.executable, "-m", "quizgen.cli", *map(str, args)],
        cwd=cwd, env=cli_env(), input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True, timeout=timeout,
    )
    decoded = (run.stdout.decode("utf-8", "replace"), run.stderr.decode("utf-8", "replace"))
    return subprocess.CompletedProcess(run.args, run.returncode, *decoded)


def assert_one_error_line(result: subprocess.CompletedProcess[str], code: int, *needles: str) -> str:
    """Exactly one `quizgen:` line on stderr, the exit code `code`, no traceback; return the line."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("quizgen: "), lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == code, (result.returncode, lines[0])
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (relative path -> bytes)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---- HTML as a browser would see it ----------------------------------------------------------


class Dom(HTMLParser):
    """Element names, attributes and text (outside style and title) of a page or fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.text: list[str] = []
        self._hidden = 0  # inside <style>/<title>: not text a reader sees in the body

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, name, value or "") for name, value in attrs]
        if tag in ("style", "title"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)

    @property
    def visible(self) -> str:
        """The text with whitespace runs squashed to one space."""
        return " ".join("".join(self.text).split())


def parse_html(html: str) -> Dom:
    dom = Dom()
    dom.feed(html)
    dom.close()
    return dom


@contextmanager
def chromium_command() -> Iterator[list[str]]:
    """Headless Chromium's command line with a fresh profile and no network chatter (flags for root)."""
    assert CHROMIUM is not None
    profile = Path(tempfile.mkdtemp(prefix="quizgen-chromium-"))
    try:
        yield [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--mute-audio", f"--user-data-dir={profile}",
        ]
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def dump_dom(chromium: list[str], page: Path) -> tuple[str, str]:
    """The DOM after Chromium loaded `page` and ran whatever it would run, and the browser's log."""
    run = subprocess.run(
        [*chromium, "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout, run.stderr


# ---- Anki ------------------------------------------------------------------------------------


@contextmanager
def anki_collection(folder: Path) -> Iterator[object]:
    """A fresh, empty Anki collection in `folder`."""
    from anki.collection import Collection

    col = Collection(str(folder / "collection.anki2"))
    try:
        yield col
    finally:
        col.close()


def import_apkg(col, path: Path):  # noqa: ANN001, ANN201 - anki's types
    """Import an .apkg into `col` without scheduling; return the import log."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions(with_scheduling=False))
    return col.import_anki_package(request).log


def rendered_cards(col) -> list[tuple[object, str, str]]:  # noqa: ANN001
    """(note, front HTML, back HTML) for every card in the collection, as Anki renders them."""
    cards = []
    for note_id in col.find_notes(""):
        note = col.get_note(note_id)
        for card in note.cards():
            cards.append((note, card.question(), card.answer()))
    return cards
