"""The LMS and flashcard writers: each output is parsed back and every question checked.

No Moodle, Canvas or Quizlet runs here: GIFT is read by a reader that follows Moodle's importer
(qformat_gift::readquestion), Moodle XML and QTI by xml.etree against the formats' element
structure, the tab formats by csv, and the Anki text file by importing it into a real Anki collection.
"""

from __future__ import annotations

import csv
import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import genanki
import pytest

from quizgen.errors import OutputError, QuizgenError
from quizgen.export import DEFAULT_FORMATS, OUTPUT_FORMATS, SUFFIXES, write_outputs
from quizgen.export.anki import LETTERS, cloze_text, field_text, write_apkg
from quizgen.export.ankitxt import write_anki_text
from quizgen.export.gift import write_gift
from quizgen.export.moodlexml import write_moodle_xml
from quizgen.export.qti import write_qti
from quizgen.export.quizlet import write_quizlet
from quizgen.model import BLANK, Document, Generator, Question, Quiz

NEW_FORMATS = ("gift", "moodlexml", "qti", "ankitxt", "quizlet")
HOSTILE = "~ = # { } : < > & \" ' \\ * {{c1::x}} :: \\n [html] //"


def _question(qid: str, qtype: str, prompt: str, answer: str, options: tuple[str, ...] | None = None,
              document: str = "alpha") -> Question:
    return Question(
        id=qid, document=document, fact=f"f-{qid}", kind="name", type=qtype,  # type: ignore[arg-type]
        prompt=prompt, answer=answer, sentence=prompt.replace(BLANK, answer), start=0, end=len(answer),
        options=options, tags=("demo",),
    )


def hostile_quiz() -> Quiz:
    docs = (
        Document(id="alpha", source="alpha.txt", title="Alpha: {Report} & <Co>", text="", sha256="0" * 64),
        Document(id="beta", source="beta.txt", title="Beta\tNotes", text="", sha256="0" * 64),
    )
    questions = (
        _question("alpha-c-name-paris-1", "cloze", f"{BLANK} is the capital of France.", "Paris"),
        _question("alpha-c-name-odd-2", "cloze", f"Hostile {HOSTILE} then\ta tab and\nnew line: {BLANK} end.",
                  "A~B=C#D{E}F:G<H>&\"'*{{c1::x}}\\"),
        _question("alpha-m-number-2-3", "multiple_choice", f"The city has {BLANK} million residents.", "2",
                  ("3", "2", "7", "9")),
        _question("beta-m-position-who-4", "multiple_choice", f"Who said {HOSTILE}?", "Biden = ~#",
                  ("Putin {x}", "Biden = ~#", "Zel\tensky: <b>", "Scholz\n& 'co'"), document="beta"),
        _question("beta-m-name-odd-5", "multiple_choice", f"{{{{c1::{BLANK}}}}} met {HOSTILE} there.", "{{c1::y}}",
                  ("{{c1::y}}", "a::b", "100%", "%50% off"), document="beta"),
    )
    return Quiz(name="demo", title="Demo <quiz> & {stuff}", generator=Generator("0.1.0", "test", "0", 0),
                documents=docs, facts=(), questions=questions)


def flat(text: str) -> str:
    """Text as the tab-separated formats keep it: tabs and line breaks as spaces."""
    return re.sub(r"[\t\r\n]", " ", text)


# ---- GIFT -------------------------------------------------------------------------------------

_GIFT_ESCAPES = {":": "\x01", "#": "\x02", "=": "\x03", "{": "\x04", "}": "\x05", "~": "\x06", "n": "\x07"}


def _gift_pre(text: str) -> str:
    # As Moodle's escapedchar_pre: "\\" first, then each escaped control character to a placeholder.
    text = text.replace("\\\\", "\x00")
    for char, mark in _GIFT_ESCAPES.items():
        text = text.replace("\\" + char, mark)
    return text.replace("\x00", "\\")


def _gift_post(text: str) -> str:
    for char, mark in _GIFT_ESCAPES.items():
        text = text.replace(mark, "\n" if char == "n" else char)
    return text


def _gift_text(text: str) -> str:
    text = text.strip()
    if text.startswith("[plain]"):
        text = text[len("[plain]"):]
    return _gift_post(text).strip()


def read_gift(source: str) -> tuple[str, list[dict]]:
    """A small GIFT reader for the subset quizgen writes, following Moodle's importer step by step."""
    category = ""
    questions: list[dict] = []
    for block in re.split(r"\n\s*\n", source):
        lines = [line for line in block.split("\n") if not line.strip().startswith("//")]
        text = _gift_pre("\n".join(lines).strip())
        if not text:
            continue
        if text.startswith("$CATEGORY:"):
            category = text[len("$CATEGORY:"):].strip()
            continue
        assert text.startswith("::"), text
        name, text = text[2:].split("::", 1)
        start, finish = text.index("{"), text.index("}")
        answers = text[start + 1:finish].strip()
        # Answers closing the text follow a question; anywhere else they stand for a missing word.
        stem = text[:start] if text.endswith("}") else text[:start] + BLANK + text[finish + 1:]
        assert answers and answers[0] in "=~", answers
        question: dict = {"name": _gift_post(name), "prompt": _gift_text(stem)}
        if "~" in answers:
            choices = [c.strip() for c in answers.replace("=", "~=").split("~") if c.strip()]
            question["type"] = "multiple_choice"
            question["options"] = [_gift_text(c.lstrip("=")) for c in choices]
            question["right"] = [_gift_text(c[1:]) for c in choices if c.startswith("=")]
            assert all(not re.match(r"^%-*[0-9]{1,2}\.?[0-9]*%", c.lstrip("=")) for c in choices), choices
        else:
            question["type"] = "cloze"
            right = [a.strip() for a in answers.split("=") if a.strip()]
            assert all(not re.match(r"^%-*[0-9]{1,2}\.?[0-9]*%", a) for a in right), right
            question["right"] = [_gift_text(a).replace("\\*", "*") for a in right]
        questions.append(question)
    return category, questions


def test_gift_round_trip(tmp_path: Path) -> None:
    quiz = hostile_quiz()
    source = write_gift(quiz, tmp_path / "q.gift.txt").read_text(encoding="utf-8")
    category, questions = read_gift(source)
    assert category == "$course$/top/demo"
    assert len(questions) == len(quiz.questions)
    for question, parsed in zip(quiz.questions, questions, strict=True):
        assert parsed["name"] == question.id
        assert parsed["type"] == question.type
        if BLANK in question.prompt:
            assert parsed["prompt"] == question.prompt.strip()
        else:  # answers after the stem: Moodle shows the stem alone
            assert parsed["prompt"] == question.prompt
        assert parsed["right"] == [question.answer]
        if question.type == "multiple_choice":
            assert parsed["options"] == [o.strip() for o in question.options or ()]


def test_gift_escapes_every_control_character() -> None:
    from quizgen.export.gift import escape

    assert escape("a~b=c#d{e}f:g\\h\ni") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"


# ---- Moodle XML -------------------------------------------------------------------------------


def _html_back(text: str) -> str:
    return html.unescape(text.replace("<br>", "\n"))


def test_moodle_xml_round_trip(tmp_path: Path) -> None:
    quiz = hostile_quiz()
    root = ET.parse(write_moodle_xml(quiz, tmp_path / "q.moodle.xml")).getroot()
    assert root.tag == "quiz"
    category, *elements = root.findall("question")
    assert category.get("type") == "category"
    assert category.findtext("category/text") == "$course$/top/demo"
    assert len(elements) == len(quiz.questions)
    for question, element in zip(quiz.questions, elements, strict=True):
        assert element.findtext("name/text") == question.id
        assert element.find("questiontext").get("format") == "html"
        assert _html_back(element.findtext("questiontext/text")) == question.prompt
        answers = element.findall("answer")
        if question.type == "multiple_choice":
            assert element.get("type") == "multichoice"
            assert element.findtext("single") == "true"
            assert [_html_back(a.findtext("text")) for a in answers] == list(question.options or ())
            right = [_html_back(a.findtext("text")) for a in answers if a.get("fraction") == "100"]
            assert right == [question.answer]
            assert {a.get("fraction") for a in answers} == {"100", "0"}
        else:
            assert element.get("type") == "shortanswer"
            assert [a.get("fraction") for a in answers] == ["100"]
            assert answers[0].findtext("text").replace("\\*", "*") == question.answer


def test_moodle_xml_drops_characters_xml_cannot_hold(tmp_path: Path) -> None:
    quiz = hostile_quiz()
    odd = _question("alpha-c-name-ff-9", "cloze", f"Form\x0cfeed and \x00null: {BLANK}.", "X\x01")
    quiz = Quiz(quiz.name, quiz.title, quiz.generator, quiz.documents, (), (odd,))
    root = ET.parse(write_moodle_xml(quiz, tmp_path / "q.xml")).getroot()
    assert root.findtext("question[@type='shortanswer']/questiontext/text") == f"Formfeed and null: {BLANK}."


# ---- QTI --------------------------------------------------------------------------------------

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


def _metadata(item: ET.Element) -> dict[str, str]:
    fields = item.iter(f"{QTI}qtimetadatafield")
    return {f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry") for f in fields}


def test_qti_round_trip(tmp_path: Path) -> None:
    quiz = hostile_quiz()
    path = write_qti(quiz, tmp_path / "q.qti.zip", title="My <quiz>")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        (resource,) = manifest.iter(f"{CP}resource")
        assert resource.get("type") == "imsqti_xmlv1p2"
        href = resource.find(f"{CP}file").get("href")
        assert names == sorted(names) == sorted(["imsmanifest.xml", href])
        assessment_root = ET.fromstring(archive.read(href))
    assert assessment_root.tag == f"{QTI}questestinterop"
    assessment = assessment_root.find(f"{QTI}assessment")
    assert assessment.get("title") == "My <quiz>"
    items = list(assessment.iter(f"{QTI}item"))
    assert len(items) == len(quiz.questions)
    for question, item in zip(quiz.questions, items, strict=True):
        assert item.get("ident") == question.id
        meta = _metadata(item)
        stem = item.find(f"{QTI}presentation/{QTI}material/{QTI}mattext")
        assert stem.get("texttype") == "text/html"
        assert _html_back(stem.text) == question.prompt
        (varequal,) = item.iter(f"{QTI}varequal")
        (setvar,) = item.iter(f"{QTI}setvar")
        assert setvar.text == "100"
        if question.type == "multiple_choice":
            assert meta["question_type"] == "multiple_choice_question"
            lid = item.find(f"{QTI}presentation/{QTI}response_lid")
            assert lid.get("rcardinality") == "Single"
            labels = lid.findall(f"{QTI}render_choice/{QTI}response_label")
            options = {label.get("ident"): label.findtext(f"{QTI}material/{QTI}mattext") for label in labels}
            assert list(options.values()) == list(question.options or ())
            assert varequal.get("respident") == lid.get("ident")
            assert options[varequal.text] == question.answer
            assert meta["original_answer_ids"].split(",") == list(options)
        else:
            assert meta["question_type"] == "short_answer_question"
            response = item.find(f"{QTI}presentation/{QTI}response_str")
            assert response.find(f"{QTI}render_fib") is not None
            assert varequal.get("respident") == response.get("ident")
            assert varequal.text == question.answer


# ---- Anki text --------------------------------------------------------------------------------


def read_anki_text(source: str) -> tuple[dict[str, str], list[list[str]]]:
    lines = source.split("\n")
    headers = {}
    while lines and lines[0].startswith("#"):
        key, value = lines.pop(0)[1:].split(":", 1)
        headers[key] = value
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter="\t"))
    return headers, rows


def test_anki_text_round_trip(tmp_path: Path) -> None:
    quiz = hostile_quiz()
    source = write_anki_text(quiz, tmp_path / "q.anki.txt").read_text(encoding="utf-8")
    headers, rows = read_anki_text(source)
    assert headers == {"separator": "tab", "html": "true", "guid column": "1", "notetype column": "2",
                       "deck column": "3", "tags column": "14"}
    assert len(rows) == len(quiz.questions)
    for question, row in zip(quiz.questions, rows, strict=True):
        assert len(row) == 14
        guid, notetype, deck, *fields, tags = row
        assert guid == genanki.guid_for(question.id)
        assert deck == {"alpha": "demo::Alpha: {Report} & <Co>", "beta": "demo::Beta Notes"}[question.document]
        assert {"quizgen", "demo", question.type}.issubset(tags.split())
        assert not any("\t" in f or "\n" in f for f in fields)
        if question.type == "cloze":
            assert notetype == "quizgen Cloze"
            assert fields[0] == flat(cloze_text(question))
            assert fields[4:] == [""] * 6
        else:
            assert notetype == "quizgen Multiple Choice"
            stem, *options, letter, answer = fields[:7]
            assert html.unescape(stem) == flat(question.prompt)
            assert [html.unescape(o) for o in options] == [flat(o) for o in question.options or ()]
            assert options[LETTERS.index(letter)] == answer == flat(field_text(question.answer))


@pytest.mark.anki
def test_anki_text_updates_the_notes_of_the_apkg(tmp_path: Path) -> None:
    collection_mod = pytest.importorskip("anki.collection")
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest, ImportCsvRequest

    col = collection_mod.Collection(str(tmp_path / "c.anki2"))
    try:
        quiz = hostile_quiz()
        apkg = write_apkg(quiz, tmp_path / "q.apkg", timestamp=1_700_000_000)
        col.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(apkg), options=ImportAnkiPackageOptions(with_scheduling=True)))
        assert col.note_count() == len(quiz.questions)
        # A rebuild with one prompt reworded: the text import must update that note, not add one.
        changed = quiz.questions[2]
        reworded = Question(**{**{f: getattr(changed, f) for f in changed.__dataclass_fields__},
                               "prompt": f"Reworded: the city has {BLANK} million residents."})
        quiz = Quiz(quiz.name, quiz.title, quiz.generator, quiz.documents, (),
                    (*quiz.questions[:2], reworded, *quiz.questions[3:]))
        path = write_anki_text(quiz, tmp_path / "q.anki.txt")
        metadata = col.get_csv_metadata(str(path), None)
        log = col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log
        assert col.note_count() == len(quiz.questions)
        assert not log.new and not log.conflicting and not log.missing_notetype
        assert len(log.updated) + len(log.duplicate) == len(quiz.questions)
        # Updated: the reworded note, and those whose tabs and line breaks became spaces in the text file.
        updated = {col.get_note(entry.id.nid).guid for entry in log.updated}
        assert genanki.guid_for(changed.id) in updated
        assert genanki.guid_for(quiz.questions[0].id) not in updated
        notes = {col.get_note(nid).guid: col.get_note(nid) for nid in col.find_notes("")}
        for question in quiz.questions:
            note = notes[genanki.guid_for(question.id)]
            first = note.fields[0]
            if question.type == "cloze":
                assert first == flat(cloze_text(question))
            else:
                assert html.unescape(first) == flat(question.prompt)
                assert note["Answer"] == flat(field_text(question.answer))
    finally:
        col.close()


# ---- Quizlet ----------------------------------------------------------------------------------


def test_quizlet_round_trip(tmp_path: Path) -> None:
    quiz = hostile_quiz()
    source = write_quizlet(quiz, tmp_path / "q.quizlet.txt").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(source), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) == len(quiz.questions) == source.count("\n")
    for question, row in zip(quiz.questions, rows, strict=True):
        assert row == [" ".join(flat(question.prompt).split()), " ".join(flat(question.answer).split())]


# ---- all writers ------------------------------------------------------------------------------

WRITERS = {"gift": write_gift, "moodlexml": write_moodle_xml, "qti": write_qti, "ankitxt": write_anki_text,
           "quizlet": write_quizlet}


@pytest.mark.parametrize("fmt", NEW_FORMATS)
def test_writers_are_deterministic(fmt: str, tmp_path: Path) -> None:
    first = WRITERS[fmt](hostile_quiz(), tmp_path / "a").read_bytes()
    second = WRITERS[fmt](hostile_quiz(), tmp_path / "b").read_bytes()
    assert first == second
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".quizgen-tmp-")]


@pytest.mark.parametrize("fmt", NEW_FORMATS)
def test_writers_refuse_a_multiple_choice_without_its_answer(fmt: str, tmp_path: Path) -> None:
    broken = _question("alpha-m-x-1", "multiple_choice", f"{BLANK} won.", "A", ("B", "C", "D", "E"))
    quiz = Quiz("demo", "Demo", Generator("0.1.0", "test", "0", 0), hostile_quiz().documents, (), (broken,))
    if fmt == "quizlet":  # term and definition only: the options are not written, so nothing to check
        WRITERS[fmt](quiz, tmp_path / "x")
        return
    with pytest.raises(OutputError):
        WRITERS[fmt](quiz, tmp_path / "x")


def test_write_outputs_writes_every_format_and_keeps_the_default(tmp_path: Path) -> None:
    assert DEFAULT_FORMATS == ("json", "apkg", "html")
    assert set(NEW_FORMATS) <= set(OUTPUT_FORMATS)
    written = write_outputs(hostile_quiz(), tmp_path, list(reversed(OUTPUT_FORMATS)), timestamp=1_700_000_000)
    assert [p.name for p in written] == [f"demo{SUFFIXES[f]}" for f in OUTPUT_FORMATS]
    assert all(p.stat().st_size > 0 for p in written)
    default = write_outputs(hostile_quiz(), tmp_path / "d", timestamp=1_700_000_000)
    assert sorted(p.name for p in default) == ["demo.apkg", "demo.html", "demo.json"]
    with pytest.raises(QuizgenError, match="unknown output format 'aiken'"):
        write_outputs(hostile_quiz(), tmp_path, ["gift", "aiken"])
