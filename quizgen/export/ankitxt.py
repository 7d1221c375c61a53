"""Anki's text import: one note per line, tab-separated, carrying the same GUIDs as the .apkg.

The notes are the ones quizgen.export.anki builds (same note types, fields, tags, decks and
`genanki.guid_for(question.id)` GUIDs), so importing this file after the .apkg updates those notes
rather than adding copies. Anki matches note types by name here: the .apkg brings them into a
collection, and rows naming a note type the collection lacks are not imported.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from quizgen.atomic import write_text_atomic
from quizgen.export.anki import build_package
from quizgen.lazyimport import import_genanki
from quizgen.model import Quiz

genanki = import_genanki()

_BREAKS = re.compile(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


def _cell(text: str) -> str:
    # Fields are HTML (#html:true), where a line break or tab shows as a space anyway; as raw
    # characters they would split the row or the line.
    return _BREAKS.sub(" ", text)


def dumps(quiz: Quiz, *, deck_name: str | None = None) -> str:
    """The quiz in Anki's text-import format, with the header lines that tell Anki how to read it."""
    package = build_package(quiz, deck_name=deck_name)
    rows: list[tuple[str, str, str, list[str], list[str]]] = []
    for deck in package.decks:
        for note in deck.notes:
            rows.append((note.guid, note.model.name, deck.name, list(note.fields), list(note.tags)))
    order = {genanki.guid_for(q.id): i for i, q in enumerate(quiz.questions)}
    rows.sort(key=lambda row: order[row[0]])  # the quiz's order, not deck by deck
    width = max((len(row[3]) for row in rows), default=0)
    tags_column = 3 + width + 1
    header = [
        "#separator:tab", "#html:true", "#guid column:1", "#notetype column:2", "#deck column:3",
        f"#tags column:{tags_column}",
    ]
    buffer = io.StringIO()
    # Every cell quoted: a GUID may begin with "#", which Anki would take for a comment line.
    writer = csv.writer(buffer, delimiter="\t", quoting=csv.QUOTE_ALL, lineterminator="\n")
    for guid, notetype, deck, fields, tags in rows:
        padded = fields + [""] * (width - len(fields))  # the tags column is the same for every note type
        writer.writerow([_cell(guid), _cell(notetype), _cell(deck), *map(_cell, padded), _cell(" ".join(tags))])
    return "\n".join(header) + "\n" + buffer.getvalue()


def write_anki_text(quiz: Quiz, path: Path, *, deck_name: str | None = None) -> Path:
    """Write the quiz as an Anki text-import file at `path`, atomically; return the path."""
    write_text_atomic(path, dumps(quiz, deck_name=deck_name))
    return path
