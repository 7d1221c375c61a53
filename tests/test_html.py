"""The printable HTML quiz: golden output, structure, escaping, templates, and a real browser print."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import CHROMIUM, chromium_command, dump_dom

from quizgen.errors import OutputError
from quizgen.export.html import render_html, write_html
from quizgen.model import BLANK, Document, Fact, Generator, Question, Quiz

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"


# --- building quizzes by hand -------------------------------------------------------------------------


def make_doc(doc_id: str, title: str, sentences: list[str]) -> Document:
    return Document(id=doc_id, source=f"{doc_id}.txt", title=title, text=" ".join(sentences), sha256="0" * 64)


def make_question(
    doc: Document,
    sentence: str,
    answer: str,
    *,
    kind: str = "name",
    options: tuple[str, ...] | None = None,
    prompt: str | None = None,
    n: int = 0,
) -> tuple[Fact, Question]:
    """A fact and its question; a multiple-choice question when `options` is given."""
    sentence_start = doc.text.index(sentence)
    start = sentence_start + sentence.index(answer)
    fact = Fact(
        id=f"{doc.id}-f{n}",
        document=doc.id,
        kind=kind,  # type: ignore[arg-type]
        answer=answer,
        sentence=sentence,
        start=start,
        end=start + len(answer),
        sentence_start=sentence_start,
        label="PERSON",
    )
    question = Question(
        id=f"{doc.id}-q{n}",
        document=doc.id,
        fact=fact.id,
        kind=kind,  # type: ignore[arg-type]
        type="multiple_choice" if options else "cloze",
        prompt=prompt if prompt is not None else sentence.replace(answer, BLANK, 1),
        answer=answer,
        sentence=sentence,
        start=start,
        end=start + len(answer),
        options=options,
    )
    return fact, question


def make_quiz(documents: tuple[Document, ...], pairs: list[tuple[Fact, Question]], title: str) -> Quiz:
    return Quiz(
        name="quiz",
        title=title,
        generator=Generator(version="0.1.0", pipeline="test", pipeline_version="0", seed=0),
        documents=documents,
        facts=tuple(f for f, _ in pairs),
        questions=tuple(q for _, q in pairs),
    )


RIVERS = [
    "The Nile flows north for about 6,650 kilometres before it reaches the Mediterranean Sea.",
    "Explorer John Hanning Speke identified Lake Victoria as the source of the Nile in 1858.",
    "The Aswan High Dam was completed in 1970 and created Lake Nasser.",
    "Cairo, the largest city on the river, has a population of over 20 million people.",
    "The river's annual flood deposited rich silt that fed Egyptian farms for thousands of years.",
]
MOON = [
    "Neil Armstrong stepped onto the Moon on July 20, 1969.",
    "Buzz Aldrin followed him about 19 minutes later.",
    "Michael Collins stayed in orbit aboard the command module Columbia.",
    "NASA officials said the landing site had been chosen for its flat terrain.",
]


def basic_quiz() -> Quiz:
    """Two documents, mixed question types, a 'Who ...?' prompt and the answer twice in one sentence."""
    nile = make_doc("nile", "The Nile", RIVERS)
    moon = make_doc("moon", "Apollo 11", MOON)
    pairs = [
        make_question(nile, RIVERS[0], "6,650", kind="number", n=1),
        make_question(nile, RIVERS[1], "John Hanning Speke", n=2,
                      options=("David Livingstone", "John Hanning Speke", "Henry Stanley", "Richard Burton")),
        make_question(nile, RIVERS[2], "1970", kind="date", n=3, options=("1952", "1964", "1970", "1981")),
        make_question(nile, RIVERS[3], "Cairo", n=4),
        make_question(moon, MOON[0], "July 20, 1969", kind="date", n=5),
        make_question(moon, MOON[1], "Buzz Aldrin", n=6,
                      options=("Buzz Aldrin", "Michael Collins", "Jim Lovell", "Alan Shepard")),
        make_question(moon, MOON[2], "Michael Collins", n=7,
                      prompt="Who stayed in orbit aboard the command module Columbia?",
                      options=("Gene Cernan", "Neil Armstrong", "Frank Borman", "Michael Collins")),
        make_question(moon, MOON[3], "NASA", kind="name", n=8),
    ]
    return make_quiz((nile, moon), pairs, "The Nile; Apollo 11")


# --- parsing the output -------------------------------------------------------------------------------


class Outline(HTMLParser):
    """Tags, attributes and the text of the question part and the key part."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []  # (tag, name, value)
        self.in_key = False
        self.in_style = False
        self.before_key: list[str] = []
        self.key: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, name, value) for name, value in attrs]
        if tag == "section" and ("class", "key") in attrs:
            self.in_key = True
        self.in_style = tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if not self.in_style:
            (self.key if self.in_key else self.before_key).append(data)


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    parser.close()
    return parser


def squash(parts: list[str]) -> str:
    return re.sub(r"\s+", " ", "".join(parts))


# --- golden and structure -----------------------------------------------------------------------------


def test_golden_basic(update_golden: bool) -> None:
    html = render_html(basic_quiz())
    golden = GOLDEN / "html_basic" / "quiz.html"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(html, encoding="utf-8", newline="\n")
    strip = lambda text: [line.rstrip() for line in text.splitlines()]  # noqa: E731
    assert strip(html) == strip(golden.read_text(encoding="utf-8")), "run pytest --update-golden and review"


def test_each_question_once_and_answers_only_in_the_key() -> None:
    quiz = basic_quiz()
    page = outline(render_html(quiz))
    questions, key = squash(page.before_key), squash(page.key)
    # Multiple choice first, then cloze, numbered 1..n in that order.
    numbers = [int(v) for tag, name, v in page.attrs if tag == "li" and name == "value" and v]
    assert numbers == list(range(1, 9)) * 2  # once on the question pages, once in the key
    mc = [q for q in quiz.questions if q.type == "multiple_choice"]
    cloze = [q for q in quiz.questions if q.type == "cloze"]
    positions = [questions.index(max(q.prompt.split(BLANK), key=len).strip()) for q in mc + cloze]
    assert positions == sorted(positions)
    for q in quiz.questions:
        for part in q.prompt.split(BLANK):
            if len(part.strip()) > 3:  # a trailing "." is not a question
                assert questions.count(part.strip()) == 1, part
        assert q.answer in key
        assert q.sentence.replace(q.answer, "") in key.replace(q.answer, "")
    for q in cloze:
        assert q.answer not in questions  # no cloze answer before the key
    assert questions.count(BLANK) == 0  # the blank is drawn, not typed
    assert page.tags.count("section") == 3
    # The key gives letters for multiple choice: C for 1970, A for Aldrin, D for Collins.
    assert re.search(r"\bB John Hanning Speke\b", key) and re.search(r"\bC 1970\b", key)
    assert re.search(r"\bD Michael Collins\b", key)


def test_no_key_leaves_no_answers() -> None:
    quiz = basic_quiz()
    html = render_html(quiz, include_key=False)
    page = outline(html)
    assert not page.key and "<h2>Answer key" not in html and "class=\"key\"" not in html
    for q in quiz.questions:
        if q.type == "cloze":
            assert q.answer not in squash(page.before_key)


def test_title_and_header() -> None:
    quiz = basic_quiz()
    assert "<title>The Nile; Apollo 11</title>" in render_html(quiz)
    html = render_html(quiz, title="Geography & History")
    assert "<title>Geography &amp; History</title>" in html and "<h1>Geography &amp; History</h1>" in html
    text = squash(outline(html).before_key)
    for label in ("Name", "Class", "Date", "Score", "/ 8", "Based on: The Nile; Apollo 11"):
        assert label in text.replace("\xa0", " ")


def test_blank_width_does_not_depend_on_the_answer() -> None:
    html = render_html(basic_quiz())
    blanks = re.findall(r"<span class=\"blank\"[^>]*>", html)
    assert len(blanks) == 7 and len(set(blanks)) == 1  # 4 cloze + 3 multiple choice with a blank
    assert re.search(r"\.blank \{[^}]*width: 9em", html)


def test_quotes_stay_with_their_blank_and_one_document_is_named_once() -> None:
    sentence = 'He has threatened "serious consequences" for Russia.'
    doc = make_doc("talks", "Talks", [sentence])
    quiz = make_quiz((doc,), [make_question(doc, sentence, "serious consequences")], "Talks")
    html = render_html(quiz)
    blank = '<span class="blank" role="img" aria-label="blank"></span>'
    assert f'threatened <span class="nowrap">&#34;{blank}&#34;</span> for Russia.' in html
    key = squash(outline(html).key)
    assert "All answers come from “Talks”." in key and "(Talks)" not in key


def test_deterministic_and_self_contained(tmp_path: Path) -> None:
    quiz = basic_quiz()
    first = write_html(quiz, tmp_path / "a.html").read_bytes()
    second = write_html(quiz, tmp_path / "b.html").read_bytes()
    assert first == second == render_html(quiz).encode("utf-8")
    page = outline(first.decode("utf-8"))
    assert {"script", "link", "img", "iframe", "object", "embed", "svg"}.isdisjoint(page.tags)
    assert not [a for a in page.attrs if a[1] in ("src", "href", "style") or a[1].startswith("on")]
    assert not re.search(r"url\(|@import|https?://", first.decode("utf-8"))
    assert first.endswith(b"</html>\n") and b" \n" not in first


def test_print_css() -> None:
    html = render_html(basic_quiz())
    assert re.search(r"@page \{\s*/\*[^*]*\*/\s*margin: 16mm 18mm", html)
    assert "font-size: 11.5pt" in html and "break-inside: avoid" in html
    assert ".key { page: key; break-before: page" in html


# --- templates ----------------------------------------------------------------------------------------


def test_override_extends_builtin_and_replaces_one_block(tmp_path: Path) -> None:
    (tmp_path / "quiz.html").write_text(
        '{% extends "!builtin/quiz.html" %}\n'
        "{% block instructions %}<p class=\"instructions\">No calculators. {{ total }} points.</p>"
        "{% endblock %}\n",
        encoding="utf-8",
    )
    quiz = basic_quiz()
    html = render_html(quiz, template_dir=tmp_path)
    builtin = render_html(quiz)
    assert "No calculators. 8 points." in html and "Each question is worth one point" not in html
    # Everything else is the built-in page (up to the line breaks Jinja trims around a block).
    ours = re.sub(r"\s+", "", html.replace("No calculators. 8 points.", ""))
    theirs = builtin.replace("Answer all 8 questions. Each question is worth one point.", "")
    assert ours == re.sub(r"\s+", "", theirs)


def test_override_partial(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "cloze.html").write_text(
        '<li class="question cloze" value="{{ item.number }}">CLOZE {{ item.question.prompt }}</li>\n',
        encoding="utf-8",
    )
    html = render_html(basic_quiz(), template_dir=tmp_path)
    assert html.count("CLOZE ") == 4


def test_bad_template_dir_and_broken_template(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="template folder"):
        render_html(basic_quiz(), template_dir=tmp_path / "missing")
    (tmp_path / "quiz.html").write_text("{% block x %}", encoding="utf-8")
    with pytest.raises(OutputError, match="template"):
        render_html(basic_quiz(), template_dir=tmp_path)
    (tmp_path / "quiz.html").write_text("{{ no_such_variable }}", encoding="utf-8")
    with pytest.raises(OutputError, match="no_such_variable"):
        render_html(basic_quiz(), template_dir=tmp_path)


def test_renders_from_an_installed_wheel(tmp_path: Path) -> None:
    """The templates ship in the wheel: render with nothing from the source tree on the path."""
    pytest.importorskip("hatchling")
    # Build from a copy: the wheel then holds exactly the tracked layout, and the tree gets no build files.
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy2(REPO / "pyproject.toml", src)
    for folder in ("quizgen", "templates"):
        shutil.copytree(REPO / folder, src / folder, ignore=shutil.ignore_patterns("__pycache__"))
    readme = REPO / "README.md"
    (src / "README.md").write_text(readme.read_text("utf-8") if readme.exists() else "quizgen\n", "utf-8")
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", src, "--no-deps", "--no-build-isolation", "-q", "-w", dist],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = dist.glob("quizgen-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        assert "quizgen/templates/quiz.html" in archive.namelist()
        archive.extractall(site)
    script = (
        "import sys, pathlib, quizgen\n"
        "from quizgen.export.html import builtin_templates, render_html\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from test_html import basic_quiz\n"
        "print(pathlib.Path(quizgen.__file__).parent)\n"
        "print(builtin_templates())\n"
        "sys.stdout.write(render_html(basic_quiz()))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    run = subprocess.run(
        [sys.executable, "-c", script, str(Path(__file__).parent)],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60,
    )
    assert run.returncode == 0, run.stderr
    package, templates, html = run.stdout.split("\n", 2)
    assert Path(package) == site / "quizgen"
    assert Path(templates) == site / "quizgen" / "templates"
    assert html == render_html(basic_quiz())


# --- untrusted text -----------------------------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "<svg onload=alert(3)>",
    "javascript:alert(4)",
    "<a href=\"javascript:alert(5)\">click</a>",
    "' onmouseover='alert(6)",
    "<style>body{background:url(http://127.0.0.1:9/x)}</style>",
    "</textarea></title><script>console.log('pwned')</script>",
    "<iframe srcdoc=\"<script>alert(7)</script>\"></iframe>",
    "&lt;script&gt;alert(8)&lt;/script&gt;",
]


def hostile_quiz() -> Quiz:
    """Every field a document controls carries a payload: titles, sentences, answers, options, prompts."""
    sentences = [f"Agent {p} met the minister in Vienna on Monday." for p in PAYLOADS]
    doc = make_doc("evil", "<script>alert('title')</script><img src=x onerror=alert(0)>", sentences)
    pairs = []
    for n, (payload, sentence) in enumerate(zip(PAYLOADS, sentences, strict=True)):
        answer = f"Agent {payload}"
        if n % 2:
            pairs.append(make_question(doc, sentence, answer, n=n))
        else:
            options = (answer, "<b onclick=alert(9)>x</b>", "<img src=x onerror=alert(10)>", "Vienna")
            prompt = f"Who {payload} met the minister?" if n % 4 == 0 else None
            pairs.append(make_question(doc, sentence, answer, n=n, options=options, prompt=prompt))
    return make_quiz((doc,), pairs, doc.title)


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "p", "div", "span",
    "section", "ol", "li", "strong",
}
ALLOWED_ATTRS = {"lang", "charset", "http-equiv", "content", "name", "class", "value", "role", "aria-label"}


def assert_inert(page: Outline) -> None:
    assert set(page.tags) <= ALLOWED_TAGS, set(page.tags) - ALLOWED_TAGS
    assert {name for _, name, _ in page.attrs} <= ALLOWED_ATTRS
    for _, _name, value in page.attrs:
        assert "alert" not in (value or "") and "javascript" not in (value or "")


def test_payloads_are_escaped() -> None:
    quiz = hostile_quiz()
    html = render_html(quiz, title=None)
    page = outline(html)
    assert_inert(page)
    text = squash(page.before_key + page.key)
    for payload in PAYLOADS:
        assert payload in text  # shown as text, verbatim
    assert page.tags.count("style") == 1 and page.tags.count("title") == 1


# --- a real browser -----------------------------------------------------------------------------------

browser = pytest.mark.browser


@pytest.fixture
def chromium() -> Iterator[list[str]]:
    """The headless Chromium command line, with a fresh profile and no network chatter."""
    if CHROMIUM is None:
        pytest.skip("chromium is not installed")
    with chromium_command() as command:
        yield command


def print_pdf(chromium: list[str], html: Path, pdf: Path) -> None:
    run = subprocess.run(
        [*chromium, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()],
        capture_output=True, text=True, timeout=90,
    )
    assert run.returncode == 0 and pdf.exists(), run.stderr


def pdf_pages(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


@browser
def test_prints_to_pdf(tmp_path: Path, chromium: list[str]) -> None:
    quiz = basic_quiz()
    html = write_html(quiz, tmp_path / "quiz.html")
    pdf = tmp_path / "quiz.pdf"
    print_pdf(chromium, html, pdf)
    pages = pdf_pages(pdf)
    assert len(pages) >= 2
    assert all(page.strip() for page in pages)  # no blank trailing page
    key_page = next(i for i, page in enumerate(pages) if "Answer key" in page)
    assert key_page >= 1 and "Answer key" not in "".join(pages[:key_page])
    questions = re.sub(r"\s+", " ", "".join(pages[:key_page]))
    key = re.sub(r"\s+", " ", "".join(pages[key_page:]))
    for number in range(1, len(quiz.questions) + 1):
        assert re.search(rf"(^|\s){number}\.\s", questions), number
        assert re.search(rf"(^|\s){number}\.\s", key), number
    for q in quiz.questions:
        if q.type == "cloze":
            assert q.answer not in questions
        assert q.answer in key
    assert "Page 1" in pages[0] and "Answer key, page" in pages[-1]


@browser
def test_without_key_prints_questions_only(tmp_path: Path, chromium: list[str]) -> None:
    quiz = basic_quiz()
    with_key, without_key = tmp_path / "keyed.pdf", tmp_path / "quiz.pdf"
    print_pdf(chromium, write_html(quiz, tmp_path / "keyed.html"), with_key)
    print_pdf(chromium, write_html(quiz, tmp_path / "quiz.html", include_key=False), without_key)
    keyed, pages = pdf_pages(with_key), pdf_pages(without_key)
    question_pages = next(i for i, page in enumerate(keyed) if "Answer key" in page)
    # The same question pages as the keyed print (how many depends on the browser's fonts), and no key.
    assert len(pages) == question_pages and not any("Answer key" in page for page in pages)
    text = re.sub(r"\s+", " ", "".join(pages))
    assert all(re.search(rf"(^|\s){n}\.\s", text) for n in range(1, len(quiz.questions) + 1))



def long_quiz() -> Quiz:
    """Enough questions for several pages, each with text found nowhere else (to locate it in the PDF)."""
    # Uneven heights (longer sentences, one-column options), so page ends fall at varied places.
    sentences = [
        f"In year {1800 + n} the council of town number {n} met for the {n}th time to argue about bridges"
        + " and roads and ferries" * (n % 5)
        + f", and the minutes of meeting {n} ran to many pages."
        for n in range(36)
    ]
    doc = make_doc("long", "Council minutes", sentences)
    pairs = []
    for n, sentence in enumerate(sentences):
        answer = str(1800 + n)
        if n % 3:
            pad = " (as the older records of the council describe it)" if n % 4 == 1 else ""
            options = tuple(answer if i == 1 else f"Option {'ABCD'[i]} of item {n}{pad}" for i in range(4))
            pairs.append(make_question(doc, sentence, answer, kind="date", n=n, options=options))
        else:
            pairs.append(make_question(doc, sentence, answer, kind="date", n=n))
    return make_quiz((doc,), pairs, doc.title)


@browser
def test_no_question_is_split_across_pages(tmp_path: Path, chromium: list[str]) -> None:
    quiz = long_quiz()
    pdf = tmp_path / "long.pdf"
    print_pdf(chromium, write_html(quiz, tmp_path / "long.html"), pdf)
    pages = [re.sub(r"\s+", " ", page) for page in pdf_pages(pdf)]
    key_page = next(i for i, page in enumerate(pages) if "Answer key" in page)
    assert key_page >= 3 and all(page.strip() for page in pages)
    for n in range(36):
        where = [i for i, page in enumerate(pages[:key_page]) if f"town number {n} met" in page]
        assert len(where) == 1, n
        if n % 3:
            assert f"Option D of item {n}" in pages[where[0]], n  # the last option sits with its prompt


@browser
def test_dom_dump_sees_a_script_that_runs(tmp_path: Path, chromium: list[str]) -> None:
    """Control: the checks below would notice a script that ran, so their passing means something."""
    page = tmp_path / "control.html"
    page.write_text(
        "<p>x</p><script>console.log('ran'); document.body.append(document.createElement('img'))</script>",
        encoding="utf-8",
    )
    dom, log = dump_dom(chromium, page)
    assert "img" in outline(dom).tags and "CONSOLE" in log and '"ran"' in log


@browser
def test_payloads_stay_inert_in_chromium(tmp_path: Path, chromium: list[str]) -> None:
    dom_text, log = dump_dom(chromium, write_html(hostile_quiz(), tmp_path / "evil.html"))
    dom = outline(dom_text)
    assert "<main" in dom_text and dom.tags.count("li") > len(PAYLOADS)  # the page did load
    assert_inert(dom)
    text = squash(dom.before_key + dom.key)
    for payload in PAYLOADS:
        assert payload in text
    # Any console message (a script running, a CSP violation from an injected fetch) is logged here.
    assert "CONSOLE" not in log and "Content Security Policy" not in log, log
    assert "alert" not in log and "pwned" not in log
