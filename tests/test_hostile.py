"""Hostile input: markup, script, template and cloze syntax in documents stays text in every output.

Payloads (tests/fixtures/hostile_payloads.txt) reach the exporters two ways: in hand-built quizzes
that put each one in every field a document controls (so coverage does not depend on what the
extractor picks), and through a real build of .txt, .md and .html documents that embed them in
fact-rich sentences. A payload can only run if the page or card gained an element or attribute
from it, so the checks compare element structure with a benign twin and look for the text.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import genanki
import pytest
from helpers import (
    CHROMIUM,
    FIXTURES,
    Dom,
    anki_collection,
    chromium_command,
    dump_dom,
    import_apkg,
    parse_html,
    run_quizgen,
)

from quizgen.export import write_outputs
from quizgen.export.html import render_html
from quizgen.model import BLANK, Document, Fact, Generator, Question, Quiz
from quizgen.readers import Source, to_document

PAYLOADS = [line for line in (FIXTURES / "hostile_payloads.txt").read_text("utf-8").splitlines() if line]
T0 = 1_700_000_000


def test_enough_payloads() -> None:
    assert len(PAYLOADS) >= 40 and len(set(PAYLOADS)) == len(PAYLOADS)


# ---- hand-built quizzes: every payload in every field ------------------------------------------


def payload_quiz(payloads: list[str], title: str) -> Quiz:
    """Two questions per payload: a cloze whose answer is the payload, and a multiple-choice question
    with the payload in its sentence, prompt, options and its document's title."""
    documents, facts, questions = [], [], []
    per_doc = 12
    for d in range(0, len(payloads), per_doc):
        chunk = payloads[d : d + per_doc]
        sentences = [f"In 2014, agent {p} met 175,000 troops near Kyiv on Tuesday." for p in chunk]
        text = " ".join(sentences)
        doc = Document(id=f"doc{d}", source=f"doc{d}.txt", title=f"Report {d} {chunk[0]}", text=text,
                       sha256="0" * 64)
        documents.append(doc)
        at = 0
        for n, (p, sentence) in enumerate(zip(chunk, sentences, strict=True)):
            i = d + n
            start = at + sentence.index(p)
            facts.append(Fact(id=f"f{i}", document=doc.id, kind="name", answer=p, sentence=sentence,
                              start=start, end=start + len(p), sentence_start=at, label="PERSON"))
            questions.append(Question(
                id=f"c{i}", document=doc.id, fact=f"f{i}", kind="name", type="cloze",
                prompt=sentence.replace(p, BLANK, 1), answer=p, sentence=sentence, start=start, end=start + len(p),
            ))
            kyiv = at + sentence.index("Kyiv")
            prompt = f"Where did agent {p} meet the troops?" if i % 2 else sentence.replace("Kyiv", BLANK)
            questions.append(Question(
                id=f"m{i}", document=doc.id, fact=f"f{i}", kind="name", type="multiple_choice",
                prompt=prompt, answer="Kyiv", sentence=sentence, start=kyiv, end=kyiv + 4,
                options=(f"Lviv {p}", "Kyiv", p, f"{p} Odesa"),
            ))
            at += len(sentence) + 1
    return Quiz(name="hostile", title=title, generator=Generator("0.1.0", "test", "0", 0),
                documents=tuple(documents), facts=tuple(facts), questions=tuple(questions))


BENIGN = [f"Payload{i:02d}" for i in range(len(PAYLOADS))]


def hostile_quiz() -> Quiz:
    return payload_quiz(PAYLOADS, " ".join(PAYLOADS[:8]))


def benign_quiz() -> Quiz:
    """The same quiz with each payload replaced by a plain word: the structure a safe page has."""
    return payload_quiz(BENIGN, " ".join(BENIGN[:8]))


def structure(dom: Dom) -> tuple[list[str], list[tuple[str, str]]]:
    return dom.tags, [(tag, name) for tag, name, _ in dom.attrs]


def assert_no_active_attribute_values(dom: Dom) -> None:
    for tag, name, value in dom.attrs:
        assert not re.search(r"javascript:|alert\(|expression\(|url\(", value, re.I), (tag, name, value)


def test_html_keeps_every_payload_as_text() -> None:
    html = render_html(hostile_quiz())
    page, twin = parse_html(html), parse_html(render_html(benign_quiz()))
    assert structure(page) == structure(twin)  # not one element or attribute more
    assert_no_active_attribute_values(page)
    text = page.visible
    for payload in PAYLOADS:
        squashed = " ".join(payload.split())
        assert text.count(squashed) >= 4, payload  # prompt or options, the key's answer and sentence
    assert "1337" not in html and "loop loop" not in html  # Jinja did not evaluate {{ 7*191 }} or a loop


@pytest.mark.browser
def test_html_payloads_stay_inert_in_chromium(tmp_path: Path) -> None:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed")
    hostile = tmp_path / "hostile.html"
    write_outputs(hostile_quiz(), tmp_path, ["html"])
    # Control: payloads pasted in raw must show up in the DOM and the log, or this test is blind.
    # alert() would block headless Chromium for good, so the control logs instead; refresh, base
    # and remote-script payloads are left out, since they navigate away or wait on the network.
    control = tmp_path / "control.html"
    raw = [p.replace("alert(", "console.log(") for p in PAYLOADS
           if re.search(r"<(script|img|svg|iframe)\b", p, re.I) and "SRC=//" not in p]
    control.write_text("<!doctype html><title>c</title><p>x</p>" + "\n".join(raw), encoding="utf-8")
    with chromium_command() as chromium:
        dom_text, log = dump_dom(chromium, hostile)
        control_dom, control_log = dump_dom(chromium, control)
    assert "CONSOLE" in control_log and {"img", "svg", "script"} <= set(parse_html(control_dom).tags)

    dom, source = parse_html(dom_text), parse_html(hostile.read_text("utf-8"))
    assert dom.tags.count("li") > len(PAYLOADS)  # the page did load
    assert structure(dom) == structure(source)  # nothing injected while the page loaded
    assert_no_active_attribute_values(dom)
    assert "CONSOLE" not in log and "127.0.0.1" not in log
    for payload in PAYLOADS:
        assert " ".join(payload.split()) in dom.visible, payload


# ---- Anki --------------------------------------------------------------------------------------


def card_sides(apkg: Path, folder: Path) -> dict[str, list[tuple[str, str]]]:
    """Note GUID -> (front, back) of each of its cards, as Anki renders them."""
    folder.mkdir()
    with anki_collection(folder) as col:
        import_apkg(col, apkg)
        sides: dict[str, list[tuple[str, str]]] = {}
        for note_id in col.find_notes(""):  # type: ignore[attr-defined]
            note = col.get_note(note_id)  # type: ignore[attr-defined]
            sides[note.guid] = [(card.question(), card.answer()) for card in note.cards()]
    return sides


def visible_text(fragment: str) -> str:
    return parse_html(fragment).visible


@pytest.mark.anki
def test_anki_cards_show_every_payload_as_text(tmp_path: Path) -> None:
    pytest.importorskip("anki")
    quiz, twin = hostile_quiz(), benign_quiz()
    hostile = card_sides(write_outputs(quiz, tmp_path / "h", ["apkg"], timestamp=T0)[0], tmp_path / "ch")
    benign = card_sides(write_outputs(twin, tmp_path / "b", ["apkg"], timestamp=T0)[0], tmp_path / "cb")
    assert len(hostile) == len(quiz.questions)
    by_guid = {genanki.guid_for(q.id): q for q in quiz.questions}
    for guid, cards in hostile.items():
        assert len(cards) == 1, by_guid[guid].id  # a payload's {{c2::...}} made no second card
        (front, back), (benign_front, benign_back) = cards[0], benign[guid][0]
        for side, benign_side in ((front, benign_front), (back, benign_back)):
            dom = parse_html(side)
            assert structure(dom) == structure(parse_html(benign_side))
            assert_no_active_attribute_values(_without_cloze_data(dom))
        question = by_guid[guid]
        payload = PAYLOADS[int(question.id[1:])]
        shown = " ".join(payload.split())
        assert shown in visible_text(back), (question.id, payload)
        if question.type == "multiple_choice":
            assert shown in visible_text(front)  # in the options
        assert "[anki:play" not in front + back  # no [sound:] tag became audio


def _without_cloze_data(dom: Dom) -> Dom:
    # Anki copies the cloze answer into a data-cloze attribute for add-ons; it is escaped text there.
    clean = Dom()
    clean.attrs = [a for a in dom.attrs if a[1] != "data-cloze"]
    return clean


# ---- a real build of documents that carry the payloads ----------------------------------------


PEOPLE = ["Vladimir Putin", "Joe Biden", "Angela Merkel", "Emmanuel Macron", "Olaf Scholz", "Boris Johnson"]
CITIES = ["Kyiv", "Berlin", "Paris", "Warsaw", "Vienna", "Madrid", "Rome"]


def sentence(i: int, payload: str) -> str:
    # Varied people, places and numbers, so the extractor does not see one sentence 59 times.
    return (f"In {1950 + i}, {PEOPLE[i % 6]} said {payload} and {(i + 2) * 1000:,} troops gathered near "
            f"{CITIES[i % 7]}, according to {PEOPLE[(i + 1) % 6]}.")


def write_documents(folder: Path) -> list[Path]:
    folder.mkdir()
    txt = "Hostile plain text\n\n" + "\n\n".join(sentence(i, p) for i, p in enumerate(PAYLOADS)) + "\n"
    md = "# Hostile markdown\n\n" + "\n\n".join(sentence(i, p) for i, p in enumerate(PAYLOADS)) + "\n"
    paragraphs = "\n".join(f"<p>{sentence(i, p)}</p>" for i, p in enumerate(PAYLOADS))
    html = (f"<!doctype html><html><head><title>Hostile page</title></head>"
            f"<body><article>{paragraphs}</article></body></html>")
    paths = [folder / "plain.txt", folder / "marked.md", folder / "page.html"]
    for path, text in zip(paths, (txt, md, html), strict=True):
        path.write_text(text, encoding="utf-8")
    return paths


def test_plain_text_documents_keep_payloads_verbatim(tmp_path: Path) -> None:
    plain = write_documents(tmp_path / "docs")[0]
    doc = to_document(Source("plain", "plain.txt", ".txt", plain.read_bytes()))
    for i, payload in enumerate(PAYLOADS):
        assert sentence(i, payload) in doc.text, payload  # a .txt document is text: nothing is interpreted


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The three hostile documents built by the real CLI into `out/`."""
    work = tmp_path_factory.mktemp("hostile")
    docs = write_documents(work / "docs")
    result = run_quizgen(["build", *docs, "--out", "out", "--name", "hostile", "--max-questions", "40"], cwd=work)
    assert result.returncode == 0, result.stderr
    yield work / "out"
    shutil.rmtree(work, ignore_errors=True)


@pytest.mark.model
def test_built_documents_keep_payloads_as_text(hostile_build: Path) -> None:
    quiz = json.loads((hostile_build / "hostile.json").read_text("utf-8"))
    carrying = [q for q in quiz["questions"] if any(p in q["sentence"] for p in PAYLOADS)]
    # How many payload sentences become questions is the extractor's choice; the hand-built quizzes
    # above cover every payload in every field regardless.
    assert carrying, "no question came from a sentence carrying a payload"
    page = parse_html((hostile_build / "hostile.html").read_text("utf-8"))
    assert_no_active_attribute_values(page)
    assert {"script", "img", "svg", "iframe", "a", "object", "embed", "link", "math", "form", "input"}.isdisjoint(
        page.tags
    )
    for q in carrying:
        assert " ".join(q["sentence"].split()) in page.visible  # the key shows each sentence verbatim


@pytest.mark.model
@pytest.mark.browser
def test_built_quiz_is_inert_in_chromium(hostile_build: Path) -> None:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed")
    page = hostile_build / "hostile.html"
    with chromium_command() as chromium:
        dom_text, log = dump_dom(chromium, page)
    dom, source = parse_html(dom_text), parse_html(page.read_text("utf-8"))
    assert structure(dom) == structure(source) and dom.tags.count("li") > 10
    assert "CONSOLE" not in log and "127.0.0.1" not in log


@pytest.mark.model
@pytest.mark.anki
def test_built_deck_is_inert_in_anki(hostile_build: Path, tmp_path: Path) -> None:
    pytest.importorskip("anki")
    quiz = json.loads((hostile_build / "hostile.json").read_text("utf-8"))
    sides = card_sides(hostile_build / "hostile.apkg", tmp_path / "col")
    assert len(sides) == len(quiz["questions"])
    allowed = {"style", "div", "span", "ol", "li", "hr", "blockquote"}
    for cards in sides.values():
        assert len(cards) == 1
        for side in cards[0]:
            dom = parse_html(side)
            assert set(dom.tags) <= allowed, set(dom.tags) - allowed
            assert_no_active_attribute_values(_without_cloze_data(dom))
            assert "[anki:play" not in side
    backs = " ".join(visible_text(back) for cards in sides.values() for _, back in cards)
    for q in quiz["questions"]:
        assert " ".join(q["sentence"].split()) in backs


def test_anki_field_text_breaks_audio_tags() -> None:
    from quizgen.export.anki import field_text

    for tag in ("[sound:evil.mp3]", "[SOUND:x.ogg]", "[anki:tts lang=en_US]hi[/anki:tts]"):
        escaped = field_text(tag)
        assert not re.search(r"\[(sound|anki):", escaped, re.I) and "&#91;" in escaped
    assert field_text("a [1] b [note] c") == "a [1] b [note] c"  # other brackets stay searchable
