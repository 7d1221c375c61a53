"""genanki's `Package.write_to_db`, the same SQL, without re-reading the collection's JSON for every deck.

For each deck, genanki reads the collection's `decks` and `models` JSON back from the database, decodes
it, adds the deck and its note types and encodes it all again: with a subdeck per document that is
quadratic (9 ms of the 20 ms apkg of the 16 news articles). `write_package` keeps each entry's JSON text
instead and joins them into the very strings genanki would write, with genanki's quirks (a note type
added again under its int id is written twice until the next decode keeps the last). It is used only
with the genanki version it was checked against (tests/test_anki.py compares the collection file with
genanki's); with any other, genanki writes the package itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

    import genanki

CHECKED_GENANKI = "0.13.1"


def write_package(package: genanki.Package, cursor: sqlite3.Cursor, timestamp: float, id_gen: Iterator[int]) -> None:
    """Write `package` to the collection at `cursor` as `package.write_to_db` would: the same statements."""
    import genanki
    from genanki.apkg_col import APKG_COL
    from genanki.apkg_schema import APKG_SCHEMA

    if genanki.__version__ != CHECKED_GENANKI:
        package.write_to_db(cursor, timestamp, id_gen)
        return
    cursor.executescript(APKG_SCHEMA)
    cursor.executescript(APKG_COL)
    decks = DecodedJson(cursor.execute("SELECT decks FROM col").fetchone()[0])
    models = DecodedJson(cursor.execute("SELECT models from col").fetchone()[0])
    for deck in package.decks:  # genanki.Deck.write_to_db, deck by deck
        if not isinstance(deck.deck_id, int):
            raise TypeError(f"Deck .deck_id must be an integer, not {deck.deck_id}.")
        if not isinstance(deck.name, str):
            raise TypeError(f"Deck .name must be a string, not {deck.name}.")
        cursor.execute("UPDATE col SET decks = ?", (decks.updated({str(deck.deck_id): deck.to_json()}),))
        for note in deck.notes:
            deck.add_model(note.model)
        types = {model.model_id: model.to_json(timestamp, deck.deck_id) for model in deck.models.values()}
        cursor.execute("UPDATE col SET models = ?", (models.updated(types),))
        for note in deck.notes:
            note.write_to_db(cursor, timestamp, deck.deck_id, id_gen)


class DecodedJson:
    """A JSON object as `json.loads` gives it, each value kept as its JSON text.

    `updated(new)` is `json.dumps(obj)` after `obj = json.loads(text); obj.update(new)`, and the object
    is then what decoding that text gives, without decoding or encoding the values already held.
    """

    def __init__(self, text: str) -> None:
        self._items: dict[str, str] = {key: json.dumps(value) for key, value in json.loads(text).items()}

    def updated(self, new: dict[Any, Any]) -> str:
        """The JSON text of the object updated with `new` (keys str or int), which it then holds."""
        merged: dict[Any, str] = dict(self._items)  # str keys; an int key is another key, as in genanki
        merged.update((key, json.dumps(value)) for key, value in new.items())
        pairs = [(_key_text(key), text) for key, text in merged.items()]
        self._items = {}
        for key, text in pairs:  # decoding keeps a repeated key's first place and its last value
            self._items[key] = text
        return "{" + ", ".join(f"{json.dumps(key)}: {text}" for key, text in pairs) + "}"


def _key_text(key: Any) -> str:
    # The key as it comes back from decoding: json.dumps writes an int key (a note type's id) as its digits.
    return key if isinstance(key, str) else next(iter(json.loads(json.dumps({key: None}))))
