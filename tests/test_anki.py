"""The Anki exporter, checked by importing its packages into a real Anki collection."""

from __future__ import annotations

import dataclasses
import pickle
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import genanki
import pytest

from quizgen.errors import OutputError
from quizgen.export.anki import (
    CLOZE_MODEL_NAME,
    MC_MODEL_NAME,
    build_package,
    cloze_model,
    deck_id_for,
    field_text,
    mc_model,
    write_apkg,
)
from quizgen.model import BLANK, Document, Generator, Question, Quiz

T0 = 1_700_000_000.0


# ---- hand-built quizzes ----------------------------------------------------------------------


def doc(doc_id: str, title: str) -> Document:
    return Document(id=doc_id, source=f"{doc_id}.txt", title=title, text="", sha256="0" * 64)


def cloze(qid: str, document: str, sentence: str, answer: str, kind: str = "name") -> Question:
    """A cloze question whose prompt is `sentence` with `answer` blanked."""
    assert answer in sentence
    return Question(
        id=qid, document=document, fact=f"f-{qid}", kind=kind, type="cloze",  # type: ignore[arg-type]
        prompt=sentence.replace(answer, BLANK, 1), answer=answer, sentence=sentence,
        start=0, end=len(answer),
    )


def mcq(qid: str, document: str, sentence: str, answer: str, options: tuple[str, ...],
        kind: str = "number", prompt: str | None = None) -> Question:
    return Question(
        id=qid, document=document, fact=f"f-{qid}", kind=kind, type="multiple_choice",  # type: ignore[arg-type]
        prompt=prompt or sentence.replace(answer, BLANK, 1), answer=answer, sentence=sentence,
        start=0, end=len(answer), options=options,
    )


def make_quiz(documents: tuple[Document, ...], questions: tuple[Question, ...], name: str = "demo") -> Quiz:
    return Quiz(
        name=name, title="Demo quiz", generator=Generator("0.1.0", "test", "0", 0),
        documents=documents, facts=(), questions=questions,
    )


def two_doc_quiz() -> Quiz:
    docs = (doc("alpha-report", "Alpha Report"), doc("beta-notes", "Beta Notes"))
    return make_quiz(docs, (
        cloze("q-paris", "alpha-report", "Paris is the capital of France.", "Paris"),
        cloze("q-tuesday", "alpha-report", "The summit opened on Tuesday morning.", "Tuesday", "date"),
        mcq("q-million", "alpha-report", "The city has 2 million residents.", "2", ("3", "2", "7", "9")),
        cloze("q-putin", "beta-notes", "Biden spoke with Putin by video.", "Putin"),
        mcq("q-who", "beta-notes", "Biden will reportedly demand a pullback.", "Biden",
            ("Putin", "Zelensky", "Biden", "Scholz"), kind="position",
            prompt="Who will reportedly demand a pullback?"),
    ))


# ---- reading rendered cards ------------------------------------------------------------------


class _Html(HTMLParser):
    """Visible text (style sheets left out), element names and attribute names of a fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(name for name, _ in attrs)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.text.append(data)


def parse(fragment: str) -> _Html:
    parser = _Html()
    parser.feed(fragment)
    parser.close()
    return parser


def visible(fragment: str) -> str:
    return " ".join("".join(parse(fragment).text).split())


# ---- a real Anki collection ------------------------------------------------------------------


@pytest.fixture
def col(tmp_path: Path) -> Iterator[object]:
    collection_mod = pytest.importorskip("anki.collection")
    collection = collection_mod.Collection(str(tmp_path / "c.anki2"))
    yield collection
    collection.close()


def import_apkg(col, path: Path):  # noqa: ANN001, ANN201 - anki types
    """Import with Anki's defaults (update notes if newer) and return the import log."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    request = ImportAnkiPackageRequest(
        package_path=str(path), options=ImportAnkiPackageOptions(with_scheduling=False)
    )
    return col.import_anki_package(request).log


def notes_by_guid(col) -> dict:  # noqa: ANN001
    return {note.guid: note for note in (col.get_note(nid) for nid in col.find_notes(""))}


def package_rows(path: Path, sql: str) -> list[tuple]:
    """Rows straight from the package's SQLite, without Anki."""
    with zipfile.ZipFile(path) as zf:
        data = zf.read("collection.anki2")
    db = path.with_suffix(".sqlite")
    db.write_bytes(data)
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()
        db.unlink()


def guids_in(path: Path) -> list[str]:
    return sorted(guid for (guid,) in package_rows(path, "SELECT guid FROM notes"))


def note_mods_in(path: Path) -> set[int]:
    return {mod for (mod,) in package_rows(path, "SELECT mod FROM notes")}


# ---- importing -------------------------------------------------------------------------------


@pytest.mark.anki
def test_import_gives_one_note_per_question_in_subdecks_with_tags(col, tmp_path: Path) -> None:
    quiz = two_doc_quiz()
    log = import_apkg(col, write_apkg(quiz, tmp_path / "demo.apkg", timestamp=T0))

    assert (len(log.new), len(log.updated), len(log.duplicate), len(log.conflicting)) == (5, 0, 0, 0)
    assert col.note_count() == len(quiz.questions)
    assert col.card_count() == len(quiz.questions)
    names = {d.name for d in col.decks.all_names_and_ids()}
    assert {"demo", "demo::Alpha Report", "demo::Beta Notes"} <= names
    notes = notes_by_guid(col)
    by_id = {q.id: notes[genanki.guid_for(q.id)] for q in quiz.questions}
    assert {n.note_type()["name"] for n in by_id.values()} == {CLOZE_MODEL_NAME, MC_MODEL_NAME}
    assert sorted(by_id["q-paris"].tags) == ["alpha-report", "cloze", "name", "quizgen"]
    assert sorted(by_id["q-who"].tags) == ["beta-notes", "multiple_choice", "position", "quizgen"]
    assert all(" " not in tag for n in by_id.values() for tag in n.tags)
    deck_of = {qid: col.decks.name(n.cards()[0].did) for qid, n in by_id.items()}
    assert deck_of["q-paris"] == deck_of["q-million"] == "demo::Alpha Report"
    assert deck_of["q-putin"] == deck_of["q-who"] == "demo::Beta Notes"


@pytest.mark.anki
def test_single_document_uses_one_deck_named_by_deck_name(col, tmp_path: Path) -> None:
    quiz = make_quiz((doc("alpha", "Alpha"),), (cloze("q1", "alpha", "Oslo is in Norway.", "Oslo"),))
    import_apkg(col, write_apkg(quiz, tmp_path / "a.apkg", deck_name="Geography  quiz", timestamp=T0))
    (note,) = notes_by_guid(col).values()
    assert col.decks.name(note.cards()[0].did) == "Geography quiz"
    assert not any(d.name.startswith("Geography quiz::") for d in col.decks.all_names_and_ids())


@pytest.mark.anki
def test_cards_hide_the_answer_on_the_front_and_show_it_on_the_back(col, tmp_path: Path) -> None:
    quiz = two_doc_quiz()
    import_apkg(col, write_apkg(quiz, tmp_path / "demo.apkg", timestamp=T0))
    notes = notes_by_guid(col)
    for question in quiz.questions:
        (card,) = notes[genanki.guid_for(question.id)].cards()
        front, back = card.question(), card.answer()
        assert "<script" not in front.lower() and "<script" not in back.lower()
        if question.type == "cloze":
            # Anki itself copies the answer into a data-cloze attribute for add-ons; what the
            # learner sees is the text.
            assert question.answer not in visible(front)
            assert "[...]" in visible(front)
            assert question.answer in visible(back)
        else:
            letter = "ABCD"[question.correct_index or 0]
            assert all(option in visible(front) for option in question.options or ())
            assert "qg-correct-" not in front.split("</style>")[-1] and "Answer:" not in visible(front)
            assert f'class="qg-options qg-correct-{letter}"' in back
            assert f"Answer: {letter}. {question.answer}" in visible(back)
        assert question.sentence not in visible(front)
        assert question.sentence in visible(back)  # the source, on the back only
        assert "Alpha Report" in visible(back) or "Beta Notes" in visible(back)


@pytest.mark.anki
def test_rebuild_after_an_edit_updates_notes_in_place(col, tmp_path: Path) -> None:
    quiz = two_doc_quiz()
    import_apkg(col, write_apkg(quiz, tmp_path / "v1.apkg", timestamp=T0))
    before = {guid: (note.id, list(note.fields)) for guid, note in notes_by_guid(col).items()}
    studied = notes_by_guid(col)[genanki.guid_for("q-putin")].cards()[0]
    col.sched.set_due_date([studied.id], "5")  # progress a learner has made must survive a rebuild

    edited = cloze("q-paris", "alpha-report", "Paris has been the capital of France since 987.", "Paris")
    quiz2 = dataclasses.replace(quiz, questions=(edited, *quiz.questions[1:]))

    # An equal timestamp is not newer: Anki keeps its notes and logs duplicates.
    same_time = import_apkg(col, write_apkg(quiz2, tmp_path / "v2.apkg", timestamp=T0))
    assert (len(same_time.new), len(same_time.updated), len(same_time.duplicate)) == (0, 0, 5)
    assert "since 987" not in notes_by_guid(col)[genanki.guid_for("q-paris")]["Text"]

    log = import_apkg(col, write_apkg(quiz2, tmp_path / "v2.apkg", timestamp=T0 + 60))
    # Anki counts every note with a newer time as updated, whether or not its fields changed.
    assert (len(log.new), len(log.updated), len(log.duplicate), len(log.conflicting)) == (0, 5, 0, 0)
    after = notes_by_guid(col)
    assert col.note_count() == len(quiz.questions)
    assert after.keys() == before.keys()
    paris = genanki.guid_for("q-paris")
    assert after[paris].id == before[paris][0]
    assert after[paris]["Text"] == "{{c1::Paris}} has been the capital of France since 987."
    assert after[paris]["Sentence"] == "Paris has been the capital of France since 987."
    for guid, (note_id, fields) in before.items():
        if guid != paris:
            assert (after[guid].id, list(after[guid].fields)) == (note_id, fields)
    assert col.get_card(studied.id).ivl > 0  # still a review card
    assert col.card_count() == len(quiz.questions)


# ---- hostile text ----------------------------------------------------------------------------


HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{{c1::x}}",
)


@pytest.mark.anki
def test_markup_and_cloze_syntax_in_documents_stay_text(col, tmp_path: Path) -> None:
    sentences = [f"Ada wrote {h} in the notes." for h in HOSTILE]
    questions = [cloze(f"q{i}", "evil", s, "Ada") for i, s in enumerate(sentences)]
    questions.append(cloze("q-answer", "evil", "The tag <img src=x onerror=alert(1)> was found.",
                           "<img src=x onerror=alert(1)>"))
    questions.append(mcq("q-mc", "evil", "Ada wrote {{c1::x}} twice.", "{{c1::x}}",
                         ("{{c1::x}}", "<script>alert(1)</script>", "a::b", "}}")))
    quiz = make_quiz((doc("evil", "<b>Evil</b> {{Text}} :: doc"),), tuple(questions))
    import_apkg(col, write_apkg(quiz, tmp_path / "evil.apkg", timestamp=T0))

    assert col.card_count() == len(questions)
    for note in notes_by_guid(col).values():
        for card in note.cards():
            for side in (card.question(), card.answer()):
                tree = parse(side)
                assert "script" not in tree.tags and "img" not in tree.tags and "b" not in tree.tags
                assert not [a for a in tree.attrs if a.startswith("on")]
                assert "<script" not in side and "<img" not in side
            back = visible(card.answer())
            assert "<b>Evil</b> {{Text}} :: doc" in back
    notes = notes_by_guid(col)
    for i, hostile in enumerate(HOSTILE):
        (card,) = notes[genanki.guid_for(f"q{i}")].cards()
        assert hostile in visible(card.question())  # shown as the same characters, on both sides
        assert f"Ada wrote {hostile} in the notes." in visible(card.answer())
    (tag_card,) = notes[genanki.guid_for("q-answer")].cards()
    assert "<img src=x onerror=alert(1)>" not in visible(tag_card.question())
    assert "<img src=x onerror=alert(1)>" in visible(tag_card.answer())
    (mc_card,) = notes[genanki.guid_for("q-mc")].cards()
    for option in ("{{c1::x}}", "<script>alert(1)</script>", "a::b", "}}"):
        assert option in visible(mc_card.question())


def test_field_text_escapes_html_and_neutralises_cloze_syntax() -> None:
    assert field_text("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert field_text("{{c1::x}}") == "&#123;&#123;c1&#58;&#58;x&#125;&#125;"
    assert field_text("Note: at 10:30") == "Note: at 10:30"  # a lone colon stays searchable
    assert field_text(":x:") == "&#58;x&#58;"  # could otherwise join our own "{{c1::" or "}}"
    assert field_text("France's \"capital\"") == "France's \"capital\""


def test_templates_use_no_javascript_and_style_night_mode() -> None:
    for model in (cloze_model(), mc_model()):
        for template in model.templates:
            assert "<script" not in template["qfmt"] + template["afmt"]
        assert ".nightMode" in model.css and ".night_mode" in model.css
        assert "@media" in model.css
    assert "{{cloze:Text}}" in cloze_model().templates[0]["qfmt"]


# ---- identity and time -----------------------------------------------------------------------


def test_same_quiz_and_timestamp_give_same_guids_and_bytes(tmp_path: Path) -> None:
    quiz = two_doc_quiz()
    a = write_apkg(quiz, tmp_path / "a.apkg", timestamp=T0)
    b = write_apkg(quiz, tmp_path / "b.apkg", timestamp=T0)
    assert guids_in(a) == guids_in(b) == sorted(genanki.guid_for(q.id) for q in quiz.questions)
    assert a.read_bytes() == b.read_bytes()
    c = write_apkg(quiz, tmp_path / "c.apkg", timestamp=T0 + 1)
    assert guids_in(c) == guids_in(a)  # time changes, identity does not


def test_deck_ids_come_from_the_name() -> None:
    assert deck_id_for("demo") == deck_id_for("demo")
    assert deck_id_for("demo") != deck_id_for("demo::Alpha Report")
    assert 1 << 30 <= deck_id_for("demo") < 1 << 31


def test_source_date_epoch_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    quiz = two_doc_quiz()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
    assert note_mods_in(write_apkg(quiz, tmp_path / "a.apkg")) == {1234567890}
    assert note_mods_in(write_apkg(quiz, tmp_path / "b.apkg", timestamp=T0)) == {int(T0)}  # explicit wins
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(OutputError, match="SOURCE_DATE_EPOCH"):
        write_apkg(quiz, tmp_path / "c.apkg")


def test_default_timestamp_is_now(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr("quizgen.export.anki.time.time", lambda: 1_800_000_000.5)
    assert note_mods_in(write_apkg(two_doc_quiz(), tmp_path / "a.apkg")) == {1_800_000_000}


# ---- errors and atomicity --------------------------------------------------------------------


def test_bad_questions_raise_and_leave_the_old_file(tmp_path: Path) -> None:
    target = write_apkg(two_doc_quiz(), tmp_path / "demo.apkg", timestamp=T0)
    old = target.read_bytes()
    no_blank = dataclasses.replace(cloze("q1", "alpha-report", "Oslo is in Norway.", "Oslo"), prompt="Oslo")
    wrong_answer = mcq("q2", "alpha-report", "It has 2 rooms.", "2", ("3", "4", "5", "6"))
    orphan = cloze("q3", "nowhere", "Oslo is in Norway.", "Oslo")
    docs = two_doc_quiz().documents
    for bad in (no_blank, wrong_answer, orphan):
        with pytest.raises(OutputError):
            write_apkg(make_quiz(docs, (bad,)), target, timestamp=T0)
    with pytest.raises(OutputError, match="twice"):
        q = cloze("q1", "alpha-report", "Oslo is in Norway.", "Oslo")
        write_apkg(make_quiz(docs, (q, q)), target, timestamp=T0)
    assert target.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.apkg"]


# ---- end to end ------------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.anki
def test_seeds_build_imports_one_note_per_question(col, tmp_path: Path) -> None:
    from quizgen.pipeline import Settings, build_quiz

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    quiz = build_quiz([str(seeds)], Settings.make(seed=0))
    assert quiz.questions
    log = import_apkg(col, write_apkg(quiz, tmp_path / "seeds.apkg", timestamp=T0))
    assert len(log.new) == col.note_count() == col.card_count() == len(quiz.questions)
    for note in notes_by_guid(col).values():
        (card,) = note.cards()
        assert "<script" not in card.question() + card.answer()


def test_required_fields_given_to_genanki_are_what_it_works_out() -> None:
    for model in (cloze_model(), mc_model()):
        given = model._req
        del model.__dict__["_req"]  # genanki's cached property computes it again from the templates
        assert given == model._req


def test_cards_given_to_genanki_are_what_it_works_out() -> None:
    package = build_package(two_doc_quiz())
    notes = [note for deck in package.decks for note in deck.notes]
    assert {n.model.model_type for n in notes} == {genanki.Model.CLOZE, genanki.Model.FRONT_BACK}
    for note in notes:
        given = [(c.ord, c.suspend) for c in note.cards]
        del note.__dict__["cards"]  # genanki's cached property works them out again
        assert given == [(c.ord, c.suspend) for c in note.cards]


def test_writing_a_deck_imports_neither_yaml_nor_asyncio_nor_chevron(tmp_path: Path) -> None:
    # genanki imports all three and quizgen uses none (quizgen.lazyimport); a stand-in gives the real module.
    (tmp_path / "quiz.pickle").write_bytes(pickle.dumps(two_doc_quiz()))
    code = ("import pickle, sys\nfrom pathlib import Path\nfrom quizgen.export.anki import write_apkg\n"
            "quiz = pickle.loads(Path('quiz.pickle').read_bytes())\n"
            "write_apkg(quiz, Path('quiz.apkg'), timestamp=0)\n"
            "print('yaml' in sys.modules, 'asyncio' in sys.modules, 'chevron' in sys.modules)\n"
            "import genanki.model\nprint(genanki.model.yaml.safe_load('[1, 2]'), 'yaml' in sys.modules)\n"
            "print(genanki.model.chevron.render('{{a}}', {'a': 'x'}), 'chevron' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stdout.split() == ["False", "False", "False", "[1,", "2]", "True", "x", "True"]


def _collection_bytes(tmp_path: Path, name: str, write: object) -> tuple[bytes, list[tuple[str, str]]]:
    import itertools

    path = tmp_path / name
    conn = sqlite3.connect(path)
    write(conn.cursor(), T0, itertools.count(int(T0 * 1000)))  # type: ignore[operator]
    conn.commit()
    columns = conn.execute("SELECT decks, models FROM col").fetchall()
    conn.close()
    return path.read_bytes(), columns


def test_package_written_without_json_round_trips_is_genanki_s_to_the_byte(tmp_path: Path) -> None:
    from quizgen.export.ankidb import CHECKED_GENANKI, write_package

    assert genanki.__version__ == CHECKED_GENANKI  # else write_package leaves it all to genanki
    quiz = two_doc_quiz()
    package = build_package(quiz)
    assert len(package.decks) == 3  # a deck with two subdecks: each deck re-reads the JSON in genanki
    ours = _collection_bytes(tmp_path, "ours.anki2", lambda *a: write_package(build_package(quiz), *a))
    theirs = _collection_bytes(tmp_path, "theirs.anki2", lambda *a: build_package(quiz).write_to_db(*a))
    assert ours == theirs


def test_decoded_json_updates_as_decoding_and_encoding_again_would() -> None:
    import json

    from quizgen.export.ankidb import DecodedJson

    text = '{"1": {"a": [1, 2.5, null, "\\u00e9"]}, "7": {"b": true}}'
    held, reference = DecodedJson(text), text
    for new in ({"2": {"c": (1, 2)}}, {7: {"d": 1}, "1": {"e": "x"}}, {7: {"f": 2}}, {"9": {}, 1: [1e16]}):
        obj = json.loads(reference)
        obj.update(new)
        reference = json.dumps(obj)
        assert held.updated(new) == reference
