"""Exporters: each turns a Quiz into one output format and writes it atomically."""

from __future__ import annotations

import os
from pathlib import Path

from quizgen.atomic import remove_stale_temps
from quizgen.errors import OutputError, UsageError
from quizgen.model import Quiz

OUTPUT_FORMATS = ("json", "apkg", "html", "gift", "moodlexml", "qti", "ankitxt", "quizlet")
DEFAULT_FORMATS = ("json", "apkg", "html")

# File name endings: Moodle's file picker takes GIFT only as .txt and Moodle XML only as .xml.
SUFFIXES = {
    "json": ".json", "apkg": ".apkg", "html": ".html", "gift": ".gift.txt", "moodlexml": ".moodle.xml",
    "qti": ".qti.zip", "ankitxt": ".anki.txt", "quizlet": ".quizlet.txt",
}


def check_out_dir(out_dir: Path) -> None:
    """Raise OutputError unless `out_dir` is a writable folder or could be made one.

    Called before a build, so a typo in --out fails at once instead of after minutes of parsing.
    """
    out_dir = Path(out_dir)
    for folder in (out_dir, *out_dir.parents):
        if not folder.exists():
            continue
        if not folder.is_dir():
            where = "" if folder == out_dir else f" ({folder} is a file)"
            raise OutputError(f"output path {out_dir} is not a folder{where}")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputError(f"cannot write to {folder}: permission denied")
        return


def write_outputs(
    quiz: Quiz,
    out_dir: Path,
    formats: list[str] | tuple[str, ...] = DEFAULT_FORMATS,
    *,
    title: str | None = None,
    deck_name: str | None = None,
    include_key: bool = True,
    template_dir: Path | None = None,
    timestamp: float | None = None,
) -> list[Path]:
    """Write `quiz` as each of `formats` into `out_dir` as `<quiz.name><suffix>`; return the paths."""
    unknown = sorted(set(formats) - set(OUTPUT_FORMATS))
    if unknown:
        raise UsageError(f"unknown output format {unknown[0]!r} (choose from {', '.join(OUTPUT_FORMATS)})")
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"output path {out_dir} is not a folder")
    remove_stale_temps(out_dir)
    written: list[Path] = []
    for fmt in OUTPUT_FORMATS:  # fixed order, whatever order the user gave
        if fmt not in formats:
            continue
        target = out_dir / f"{quiz.name}{SUFFIXES[fmt]}"
        if fmt == "json":
            from quizgen.export.json import write_json

            written.append(write_json(quiz, target))
        elif fmt == "apkg":
            from quizgen.export.anki import write_apkg

            written.append(write_apkg(quiz, target, deck_name=deck_name, timestamp=timestamp))
        elif fmt == "html":
            from quizgen.export.html import write_html

            written.append(
                write_html(quiz, target, title=title, include_key=include_key, template_dir=template_dir)
            )
        elif fmt == "gift":
            from quizgen.export.gift import write_gift

            written.append(write_gift(quiz, target))
        elif fmt == "moodlexml":
            from quizgen.export.moodlexml import write_moodle_xml

            written.append(write_moodle_xml(quiz, target))
        elif fmt == "qti":
            from quizgen.export.qti import write_qti

            written.append(write_qti(quiz, target, title=title))
        elif fmt == "ankitxt":
            from quizgen.export.ankitxt import write_anki_text

            written.append(write_anki_text(quiz, target, deck_name=deck_name))
        elif fmt == "quizlet":
            from quizgen.export.quizlet import write_quizlet

            written.append(write_quizlet(quiz, target))
    return written
