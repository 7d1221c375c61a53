"""The Anki deck: a quiz as an `.apkg` with fixed note types, stable ids and GUIDs, escaped fields."""

from __future__ import annotations

import hashlib
import html
import itertools
import os
import re
import sqlite3
import tempfile
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from quizgen.atomic import write_with
from quizgen.errors import OutputError
from quizgen.export.ankidb import write_package
from quizgen.lazyimport import import_genanki
from quizgen.model import BLANK, Document, Question, Quiz

if TYPE_CHECKING:
    import genanki
else:
    genanki = import_genanki()  # without the PyYAML and asyncio it imports and never uses here

# Identity is fixed once and for all: Anki matches note types by id, so a new id per run would add a
# new note type on every import. Changing a note type's fields or their order changes its schema:
# give it a new id then, or Anki will import the rebuilt deck as a separate copy of the note type.
CLOZE_MODEL_ID = 1_874_395_021
MC_MODEL_ID = 1_874_395_022
CLOZE_MODEL_NAME = "quizgen Cloze"
MC_MODEL_NAME = "quizgen Multiple Choice"

LETTERS = ("A", "B", "C", "D")

_RISKY_COLON = re.compile(r"^:|:$|:(?=:)|(?<=:):")
_AV_TAG = re.compile(r"\[(?=\s*(sound|anki):)", re.I)

# Zip entries carry a local date-time; zip cannot store one before 1980.
_ZIP_EPOCH = 315532800

CSS = """\
.card {
  --qg-fg: #1f1f1f; --qg-bg: #ffffff; --qg-muted: #5f6368; --qg-accent: #0b57d0;
  --qg-border: #c4c7c5; --qg-ok-fg: #0d652d; --qg-ok-bg: #e6f4ea;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 20px; line-height: 1.5; text-align: left; color: var(--qg-fg); background-color: var(--qg-bg);
}
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {
  --qg-fg: #e3e3e3; --qg-bg: #1f1f1f; --qg-muted: #a8abaf; --qg-accent: #a8c7fa;
  --qg-border: #5e5e5e; --qg-ok-fg: #a8dab5; --qg-ok-bg: #0f3d22;
}
.qg { max-width: 40em; margin: 0 auto; padding: 0.75em; overflow-wrap: break-word; word-wrap: break-word; }
.cloze { font-weight: 700; color: var(--qg-accent); }
.qg-stem { margin-bottom: 0.75em; }
.qg-options { list-style: none; margin: 0; padding: 0; }
.qg-opt { border: 1px solid var(--qg-border); border-radius: 0.4em; margin: 0.4em 0; padding: 0.4em 0.6em; }
.qg-letter { display: inline-block; min-width: 1.6em; font-weight: 700; color: var(--qg-muted); }
.qg-correct-A .qg-opt-A, .qg-correct-B .qg-opt-B, .qg-correct-C .qg-opt-C, .qg-correct-D .qg-opt-D {
  border: 2px solid var(--qg-ok-fg); background-color: var(--qg-ok-bg); color: var(--qg-ok-fg);
  font-weight: 600;
}
.qg-correct-A .qg-opt-A::after, .qg-correct-B .qg-opt-B::after,
.qg-correct-C .qg-opt-C::after, .qg-correct-D .qg-opt-D::after { content: " \\2713"; }
.qg-answer { margin-top: 0.75em; font-weight: 700; color: var(--qg-ok-fg); }
#answer { border: 0; border-top: 1px solid var(--qg-border); margin: 1em 0; }
.qg-source { font-size: 0.8em; color: var(--qg-muted); }
.qg-doc { font-style: italic; }
.qg-sentence { margin: 0.3em 0 0 0; padding-left: 0.75em; border-left: 3px solid var(--qg-border); }
.qg-extra { margin-top: 0.75em; font-size: 0.9em; }
@media (max-width: 480px) {
  .card { font-size: 18px; }
  .qg { padding: 0.4em; }
}
"""

_SOURCE = (
    '<div class="qg-source">{{#Document}}<div class="qg-doc">{{Document}}</div>{{/Document}}'
    '{{#Sentence}}<blockquote class="qg-sentence">{{Sentence}}</blockquote>{{/Sentence}}</div>'
    '{{#Extra}}<div class="qg-extra">{{Extra}}</div>{{/Extra}}'
)

_CLOZE_FRONT = '<div class="qg qg-cloze"><div class="qg-text">{{cloze:Text}}</div></div>'
_CLOZE_BACK = (
    '<div class="qg qg-cloze"><div class="qg-text">{{cloze:Text}}</div>'
    '<hr id="answer">' + _SOURCE + "</div>"
)


def _options(marked: bool) -> str:
    # Without JavaScript the back can only mark the right option through CSS: the Correct field (a
    # letter) becomes part of a class name, and the stylesheet highlights the matching option.
    cls = "qg-options qg-correct-{{Correct}}" if marked else "qg-options"
    items = "".join(
        f'{{{{#{x}}}}}<li class="qg-opt qg-opt-{x}"><span class="qg-letter">{x}</span> {{{{{x}}}}}</li>'
        f"{{{{/{x}}}}}"
        for x in LETTERS
    )
    return f'<ol class="{cls}">{items}</ol>'


_MC_FRONT = '<div class="qg qg-mc"><div class="qg-stem">{{Stem}}</div>' + _options(False) + "</div>"
_MC_BACK = (
    '<div class="qg qg-mc"><div class="qg-stem">{{Stem}}</div>' + _options(True)
    + '<hr id="answer"><div class="qg-answer">Answer: {{Correct}}. {{Answer}}</div>' + _SOURCE + "</div>"
)


# genanki works out which fields a note type's card needs by rendering its front template once per field
# (chevron: about 6 ms of every build). The templates are fixed, so the answer is too; a test
# recomputes it with genanki.
CLOZE_REQ = [[0, "all", [0, 1, 2, 3]]]
MC_REQ = [[0, "any", [0, 1, 2, 3, 4]]]


def cloze_model() -> genanki.Model:
    """The "quizgen Cloze" note type: the sentence with one cloze, and its source on the back."""
    model = genanki.Model(
        CLOZE_MODEL_ID,
        CLOZE_MODEL_NAME,
        fields=[{"name": n} for n in ("Text", "Document", "Sentence", "Extra")],
        templates=[{"name": "Cloze", "qfmt": _CLOZE_FRONT, "afmt": _CLOZE_BACK}],
        css=CSS,
        model_type=genanki.Model.CLOZE,
    )
    model._req = CLOZE_REQ  # genanki's cached property, filled in beforehand
    return model


def mc_model() -> genanki.Model:
    """The "quizgen Multiple Choice" note type: stem and options A-D; the back marks the right one."""
    model = genanki.Model(
        MC_MODEL_ID,
        MC_MODEL_NAME,
        fields=[
            {"name": n}
            for n in ("Stem", *LETTERS, "Correct", "Answer", "Document", "Sentence", "Extra")
        ],
        templates=[{"name": "Multiple Choice", "qfmt": _MC_FRONT, "afmt": _MC_BACK}],
        css=CSS,
    )
    model._req = MC_REQ
    return model


def field_text(text: str) -> str:
    """Document text as an Anki field: HTML-escaped, and unable to open or close a cloze or a template.

    The entities display as `{`, `}` and `:`, but Anki's cloze and template parsers never see them.
    """
    # quote=False: fields only ever land in element text, and Anki's search matches the stored
    # field, so "France's" should stay searchable rather than become "France&#x27;s".
    escaped = html.escape(text, quote=False).replace("{", "&#123;").replace("}", "&#125;")
    # Anki turns "[sound:x.mp3]" and "[anki:tts]" in a rendered card into audio, whatever field they
    # came from; an entity for the bracket shows the same text but is no longer a tag.
    escaped = _AV_TAG.sub("&#91;", escaped)
    # Only "::" (a cloze hint) and a colon that could join our own "{{c1::" are dangerous; a lone
    # colon ("Note: 10:30") stays as typed, again so that search finds it.
    return _RISKY_COLON.sub("&#58;", escaped)


def cloze_text(question: Question) -> str:
    """The prompt with its first blank turned into `{{c1::answer}}`, everything else escaped."""
    prompt = field_text(question.prompt)
    if BLANK not in prompt:
        raise OutputError(f"cloze question {question.id} has no blank in its prompt")
    return prompt.replace(BLANK, "{{c1::" + field_text(question.answer) + "}}", 1)


def deck_id_for(name: str) -> int:
    """A deck id from the deck's full name: the same name gives the same deck on every build."""
    digest = hashlib.sha256(("quizgen deck\x1f" + name).encode("utf-8")).digest()
    # genanki's recommended range, clear of Anki's Default deck (id 1).
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def tag_slug(text: str) -> str:
    """A tag Anki accepts: lower case, no spaces, `::` kept out so it does not nest."""
    slug = re.sub(r"[^\w-]+", "-", text.lower()).strip("-")
    return slug or "untitled"


def build_timestamp(timestamp: float | None = None) -> float:
    """The build time: `timestamp` if given, else SOURCE_DATE_EPOCH if set, else now."""
    if timestamp is not None:
        return float(timestamp)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or epoch == "":
        return time.time()
    try:
        value = int(epoch)
    except ValueError as err:
        raise OutputError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {epoch!r}") from err
    if value < 0:
        raise OutputError(f"SOURCE_DATE_EPOCH must not be negative, not {epoch!r}")
    return float(value)


def _subdeck_names(quiz: Quiz, root: str) -> dict[str, str]:
    """Document id -> full deck name; one subdeck per document only when there are several."""
    if len(quiz.documents) <= 1:
        return {doc.id: root for doc in quiz.documents}
    names: dict[str, str] = {}
    seen: set[str] = set()
    for doc in quiz.documents:
        # "::" in a title would nest one deck deeper than the others.
        title = " ".join(doc.title.replace("::", ":").split()) or doc.id
        if title.casefold() in seen:  # Anki compares deck names without case
            title = f"{title} ({doc.id})"
        seen.add(title.casefold())
        names[doc.id] = f"{root}::{title}"
    return names


def _note(question: Question, doc: Document, models: tuple[genanki.Model, genanki.Model]) -> genanki.Note:
    source = [field_text(doc.title), field_text(question.sentence), ""]
    if question.type == "cloze":
        model, fields = models[0], [cloze_text(question), *source]
    elif question.type == "multiple_choice":
        options = question.options or ()
        if question.answer not in options or len(options) > len(LETTERS):
            raise OutputError(
                f"multiple-choice question {question.id} needs its answer among at most 4 options"
            )
        padded = [field_text(o) for o in options] + [""] * (len(LETTERS) - len(options))
        letter = LETTERS[options.index(question.answer)]
        model = models[1]
        fields = [field_text(question.prompt), *padded, letter, field_text(question.answer), *source]
    else:
        raise OutputError(f"question {question.id} has unknown type {question.type!r}")
    tags = dict.fromkeys(["quizgen", question.kind, question.type, tag_slug(doc.id)])
    tags.update(dict.fromkeys(tag_slug(t) for t in question.tags))
    # The GUID is the question's id alone, so a rebuild updates the note even after its text changed.
    note = genanki.Note(model=model, fields=fields, tags=list(tags), guid=genanki.guid_for(question.id))
    # genanki's cached property, filled in as it would fill it: its cached_property would import asyncio.
    note.cards = note._cloze_cards() if model.model_type == model.CLOZE else note._front_back_cards()
    return note


def build_package(quiz: Quiz, *, deck_name: str | None = None) -> genanki.Package:
    """The quiz as a genanki Package: one deck, or a deck with one subdeck per document."""
    root = " ".join((deck_name or "").split()) or quiz.name
    names = _subdeck_names(quiz, root)
    decks: dict[str, genanki.Deck] = {root: genanki.Deck(deck_id_for(root), root, html.escape(quiz.title))}
    for name in names.values():
        decks.setdefault(name, genanki.Deck(deck_id_for(name), name))
    models = (cloze_model(), mc_model())
    seen: set[str] = set()
    for question in quiz.questions:
        if question.id in seen:
            raise OutputError(f"question id {question.id} occurs twice; Anki would merge the two notes")
        seen.add(question.id)
        try:
            doc = quiz.document(question.document)
        except KeyError as err:
            raise OutputError(f"question {question.id} has unknown document {question.document!r}") from err
        decks[names[doc.id]].add_note(_note(question, doc, models))
    for deck in decks.values():
        for model in models:  # so both note types exist even in a quiz with one kind of question
            deck.add_model(model)
    return genanki.Package(list(decks.values()))


def write_apkg(
    quiz: Quiz, path: Path, *, deck_name: str | None = None, timestamp: float | None = None
) -> Path:
    """Write the quiz as an Anki package at `path`, atomically; return the path.

    Notes are stamped with `timestamp` (default: SOURCE_DATE_EPOCH, else now): Anki replaces an
    existing note only with a newer one, so a rebuild must carry a later time to update notes.
    """
    path = Path(path)
    package = build_package(quiz, deck_name=deck_name)
    stamp = build_timestamp(timestamp)
    write_with(path, lambda tmp: _write_package(package, tmp, stamp))
    return path


def _write_package(package: genanki.Package, target: Path, timestamp: float) -> None:
    # genanki's own write_to_file stamps zip entries with the temp file's mtime; writing the zip here
    # with the build time keeps the same quiz and timestamp byte-for-byte the same package.
    with tempfile.TemporaryDirectory(prefix="quizgen-apkg-") as folder:
        db_path = Path(folder) / "collection.anki2"
        conn = sqlite3.connect(db_path)
        try:
            # A scratch file, zipped and written atomically below: no journal file and no fsyncs
            # (about 25 ms of every build); the database's bytes are the same.
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute("PRAGMA journal_mode=MEMORY")
            write_package(package, conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
            conn.commit()
        finally:
            conn.close()
        date_time = time.gmtime(max(int(timestamp), _ZIP_EPOCH))[:6]
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, data in (("collection.anki2", db_path.read_bytes()), ("media", b"{}")):
                info = zipfile.ZipInfo(name, date_time=date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, data)
