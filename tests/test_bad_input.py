"""The bad-input matrix (tests/BAD_INPUT.md): every case runs the real CLI and must fail in one line.

Each case checks: one `quizgen:` line on stderr, the exit code documented in quizgen/errors.py, no
traceback, and an output folder left exactly as a first good build wrote it.
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import FIXTURES, assert_one_error_line, run_quizgen, snapshot
from typer.testing import CliRunner

from quizgen import cli
from quizgen.export import write_outputs
from quizgen.model import BLANK, Document, Fact, Generator, Question, Quiz
from quizgen.readers import Source, to_document

LANG = FIXTURES / "lang"
ENGLISH = (
    "In 2014, Vladimir Putin said that 175,000 troops had gathered near Kyiv on Tuesday. "
    "Joe Biden met Angela Merkel in Berlin on 3 March 2015, and 40 officials attended the talks. "
    "The café in Zürich served 1,200 guests, and the naïve plan of Mayor Corine Mauch cost 3 million francs."
)
UNDECODABLE = b"The caf\xc3 was \xff\xfe open " + bytes(range(128, 256)) * 10
RUSSIAN_1251 = (LANG / "russian.txt").read_text("utf-8").encode("cp1251")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", ENGLISH * 20)
    return buffer.getvalue()


def _prebuilt_quiz() -> Quiz:
    sentence = "Joe Biden met Angela Merkel in Berlin on 3 March 2015."
    doc = Document(id="doc", source="doc.txt", title="Doc", text=sentence, sha256="0" * 64)
    fact = Fact(id="doc-f1", document="doc", kind="name", answer="Berlin", sentence=sentence,
                start=32, end=38, sentence_start=0, label="GPE")
    questions = (
        Question(id="doc-q1", document="doc", fact="doc-f1", kind="name", type="cloze",
                 prompt=sentence.replace("Berlin", BLANK), answer="Berlin", sentence=sentence, start=32, end=38),
        Question(id="doc-q2", document="doc", fact="doc-f1", kind="name", type="multiple_choice",
                 prompt=sentence.replace("Berlin", BLANK), answer="Berlin", sentence=sentence, start=32, end=38,
                 options=("Paris", "Berlin", "Vienna", "Rome")),
    )
    return Quiz(name="doc", title="Doc", generator=Generator("0.1.0", "test", "0", 0), documents=(doc,),
                facts=(fact,), questions=questions)


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Decks from a first good build, named as a build of `doc.*` would name them."""
    out = tmp_path_factory.mktemp("first") / "decks"
    write_outputs(_prebuilt_quiz(), out, timestamp=1_700_000_000)
    (out / "notes.txt").write_text("the user's own file, also never touched\n", encoding="utf-8")
    return out


@pytest.fixture
def work(tmp_path: Path, first_build: Path) -> Path:
    """A working folder with `decks/` holding the first build; the tests run the CLI inside it."""
    shutil.copytree(first_build, tmp_path / "decks")
    return tmp_path


def refused(work: Path, args: list[str], code: int, *needles: str, stdin: bytes | None = None) -> str:
    """Run `quizgen build ARGS --out decks`, expect one error line, and the decks untouched."""
    before = snapshot(work / "decks")
    assert before
    result = run_quizgen(["build", *args, "--out", "decks"], cwd=work, stdin=stdin)
    line = assert_one_error_line(result, code, *needles)
    assert snapshot(work / "decks") == before
    return line


def put(work: Path, name: str, data: bytes | str) -> str:
    path = work / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return name


# ---- the matrix: (id, input maker, exit code, what the message must say) -----------------------

Maker = Callable[[Path], list[str]]


def _empty_folder(work: Path) -> list[str]:
    put(work, "pics/photo.jpg", PNG)
    put(work, "pics/data.csv", "a,b\n1,2\n")
    return ["pics"]


def _fifo(work: Path) -> list[str]:
    os.mkfifo(work / "doc.txt")
    return ["doc.txt"]


def _loop(work: Path) -> list[str]:
    (work / "doc.txt").symlink_to("doc.txt")
    return ["doc.txt"]


def _open_fails(work: Path) -> list[str]:
    # Runs as root in CI, where chmod 000 does not stop a read: /proc/self/mem stats as a regular
    # file but every read of it at offset 0 fails with EIO, so the open-and-read path is exercised.
    (work / "doc.txt").symlink_to("/proc/self/mem")
    return ["doc.txt"]


CASES: list[tuple[str, Maker, int, tuple[str, ...]]] = [
    ("missing path", lambda w: ["nope.txt"], 4, ("no such file or folder: nope.txt",)),
    ("missing folder", lambda w: ["nowhere/"], 4, ("no such file or folder",)),
    ("folder without documents", _empty_folder, 5, ("no supported documents in folder pics",)),
    ("unsupported suffix", lambda w: [put(w, "doc.xyz", ENGLISH)], 5, ("unsupported file type .xyz",)),
    ("no suffix", lambda w: [put(w, "README", ENGLISH)], 5, ("unsupported file type (none)",)),
    ("open or read fails", _open_fails, 4, ("cannot read doc.txt",)),
    ("symlink loop", _loop, 4, ("cannot read doc.txt",)),
    ("FIFO", _fifo, 4, ("not a regular file or folder: doc.txt",)),
    ("/dev/null", lambda w: ["/dev/null"], 4, ("not a regular file or folder: /dev/null",)),
    ("empty file", lambda w: [put(w, "doc.txt", b"")], 5, ("doc.txt is empty",)),
    ("whitespace only", lambda w: [put(w, "doc.md", " \n\t\r\n\u00a0\u3000\n")], 5, ("doc.md is empty",)),
    ("empty stdin", lambda w: ["-"], 5, ("standard input is empty",)),
    ("PNG as .txt", lambda w: [put(w, "doc.txt", PNG)], 5, ("doc.txt is binary",)),
    ("zip as .md", lambda w: [put(w, "doc.md", _zip_bytes())], 5, ("doc.md is binary",)),
    ("ELF as .html", lambda w: [put(w, "doc.html", Path(shutil.which("ls") or "/bin/ls").read_bytes()[:30000])],
     5, ("doc.html is binary",)),
    ("NUL bytes in text", lambda w: [put(w, "doc.txt", ENGLISH.encode() + b"\x00\x00" + ENGLISH.encode())],
     5, ("doc.txt is binary",)),
    ("undecodable bytes", lambda w: [put(w, "doc.txt", UNDECODABLE)], 5, ("doc.txt cannot be decoded",)),
    ("invalid UTF-16", lambda w: [put(w, "doc.txt", b"\xff\xfe" + "Hello there. ".encode("utf-16-le") + b"\x00\xd8")],
     5, ("doc.txt is not valid UTF-16",)),
    ("too many words (--max-words)", lambda w: [put(w, "doc.txt", "word " * 1000), "--max-words", "999"],
     7, ("doc.txt has 1,000 words, over the limit of 999",)),
    ("too many bytes for --max-words", lambda w: [put(w, "doc.txt", ENGLISH * 10), "--max-words", "20"],
     7, ("doc.txt is over 400 bytes", "--max-words 20")),
    ("French", lambda w: [str(LANG / "french.txt")], 8, ("french.txt looks like French",)),
    ("German", lambda w: [str(LANG / "german.txt")], 8, ("german.txt looks like German",)),
    ("Spanish", lambda w: [str(LANG / "spanish.txt")], 8, ("spanish.txt looks like Spanish",)),
    ("Russian", lambda w: [str(LANG / "russian.txt")], 8, ("russian.txt looks like Russian",)),
    ("Chinese", lambda w: [str(LANG / "chinese.txt")], 8, ("chinese.txt looks like Chinese",)),
    ("Russian in Windows-1251", lambda w: [put(w, "doc.txt", RUSSIAN_1251)], 8, ("doc.txt looks like Russian",)),
    ("several files, one German",
     lambda w: [put(w, "a.txt", ENGLISH), str(LANG / "german.txt"), put(w, "c.txt", ENGLISH)],
     8, ("german.txt looks like German",)),
    ("--name ../x", lambda w: [put(w, "doc.txt", ENGLISH), "--name", "../x"], 9, ("invalid output name '../x'",)),
    ("--name a/b", lambda w: [put(w, "doc.txt", ENGLISH), "--name", "a/b"], 9, ("invalid output name 'a/b'",)),
    ("--name ..", lambda w: [put(w, "doc.txt", ENGLISH), "--name", ".."], 9, ("invalid output name '..'",)),
    ("--name a\\b", lambda w: [put(w, "doc.txt", ENGLISH), "--name", "a\\b"], 9, ("invalid output name",)),
    ("--name .hidden", lambda w: [put(w, "doc.txt", ENGLISH), "--name", ".hidden"], 9, ("invalid output name",)),
    ("--name ''", lambda w: [put(w, "doc.txt", ENGLISH), "--name", ""], 9, ("invalid output name",)),
]


@pytest.mark.parametrize(("maker", "code", "needles"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_refused_in_one_line(work: Path, maker: Maker, code: int, needles: tuple[str, ...]) -> None:
    refused(work, maker(work), code, *needles)


def test_unreadable_file(work: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads a chmod 000 file; 'open or read fails' covers the same path")
    path = work / put(work, "doc.txt", ENGLISH)
    path.chmod(0)
    try:
        refused(work, ["doc.txt"], 4, "permission denied: doc.txt")
    finally:
        path.chmod(0o644)


def test_stdin_binary(work: Path) -> None:
    refused(work, ["-"], 5, "standard input is binary", stdin=PNG)


# ---- output problems: found before the build, so no model is needed to see them --------------


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("decks/doc.json", "output path decks/doc.json is not a folder"),  # the folder is a file
        ("decks/doc.json/sub", "decks/doc.json/sub is not a folder (decks/doc.json is a file)"),  # a file in the way
    ],
)
def test_a_file_where_the_output_folder_should_be(work: Path, out: str, message: str) -> None:
    put(work, "doc.txt", ENGLISH)
    before = snapshot(work / "decks")
    result = run_quizgen(["build", "doc.txt", "--out", out], cwd=work)
    assert_one_error_line(result, 9, message)
    assert snapshot(work / "decks") == before


def test_read_only_output_folder(work: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into a read-only folder; the file-in-the-way cases cover output errors")
    put(work, "doc.txt", ENGLISH)
    (work / "decks").chmod(0o555)
    try:
        result = run_quizgen(["build", "doc.txt", "--out", "decks"], cwd=work)
        assert_one_error_line(result, 9, "permission denied")
    finally:
        (work / "decks").chmod(0o755)


# ---- cases that need the trained pipeline -----------------------------------------------------


@pytest.mark.model
def test_no_facts_writes_nothing(work: Path) -> None:
    doc = put(work, "doc.txt", "The weather was nice and everyone was happy about it. "
                               "They went for a walk in the park together and talked about the food.")
    refused(work, [doc], 6, "no facts worth asking about in doc.txt; nothing written")


@pytest.mark.model
def test_malformed_html_builds(work: Path) -> None:
    put(work, "deep.html", MALFORMED["5000 nested divs"])
    put(work, "broken.html", MALFORMED["unclosed tags and broken entities"])
    result = run_quizgen(["build", "deep.html", "broken.html", "--out", "out", "--name", "malformed"], cwd=work)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (work / "out" / "malformed.json").read_text("utf-8").count('"sentence"') > 0


# ---- readers on malformed HTML and legacy encodings (no model) --------------------------------

SENTENCES = "<p>In 2014, Vladimir Putin said that 175,000 troops gathered near Kyiv on Tuesday.</p>"
MALFORMED = {
    "5000 nested divs": "<html><body>" + "<div>" * 5000 + SENTENCES + "</div>" * 10,
    "5000 nested spans inside a paragraph": "<p>In 2014, Vladimir Putin said " + "<span>" * 5000
    + "that 175,000 troops gathered near Kyiv on Tuesday.</p>",
    "unclosed tags and broken entities": (
        "<html><head><title>Broken & page</title><body><p>In 2014, Vladimir Putin said that 175,000 troops "
        "gathered near Kyiv &nbsp &#x110000; &#99999999; &amp;&; on Tuesday.<p>Joe Biden met <b>Angela Merkel "
        "in <i>Berlin on 3 March 2015, and 40 officials attended.<div><table><tr><td>"
    ),
    "stray closing tags and bad attributes": (
        "</div></p></body><p class=\"x\" id= =>In 2014, Vladimir Putin said that 175,000 troops gathered near Kyiv "
        "on Tuesday.</b></i></span><p <<>>Joe Biden met Angela Merkel in Berlin on 3 March 2015.</p></html></html>"
    ),
    "comment and CDATA never closed": SENTENCES + "<!-- a comment that never ends <p>text</p>",
    "script never closed": SENTENCES + "<script>var x = '<p>not text</p>';",
}


@pytest.mark.parametrize("markup", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_html_is_read(markup: str) -> None:
    doc = to_document(Source("page", "page.html", ".html", markup.encode("utf-8")))
    assert "175,000 troops gathered near Kyiv" in doc.text
    assert "not text" not in doc.text and "<" not in doc.text


LEGACY = {
    "latin-1": ("latin-1", "Mr. Müller visited the café in Zürich, and 1,200 people watched the naïve show."),
    "cp1252": ("cp1252", "“Mr. Müller” visited the café in Zürich — 1,200 people watched the naïve show."),
    "utf-16 (BOM)": ("utf-16", "Mr. Müller visited the café in Zürich, and 1,200 people watched the naïve show."),
    "utf-8 (BOM)": ("utf-8-sig", "Mr. Müller visited the café in Zürich, and 1,200 people watched the naïve show."),
}


@pytest.mark.parametrize(("encoding", "text"), LEGACY.values(), ids=LEGACY.keys())
def test_legacy_encodings_are_read_not_refused(encoding: str, text: str) -> None:
    long_text = f"{text} " + ENGLISH.split(". ")[1] + ".\n"
    doc = to_document(Source("doc", "doc.txt", ".txt", long_text.encode(encoding)))
    for word in ("Müller", "café", "Zürich", "naïve"):
        assert word in doc.text, (word, doc.text)


@pytest.mark.model
def test_legacy_encoding_survives_into_the_quiz_json(work: Path) -> None:
    put(work, "doc.txt", ENGLISH.encode("cp1252"))
    result = run_quizgen(["build", "doc.txt", "--out", "out", "--format", "json"], cwd=work)
    assert result.returncode == 0, result.stderr
    written = (work / "out" / "doc.json").read_text("utf-8")
    assert "Zürich" in written and "café" in written


# ---- in-process: limits checked before parsing, unexpected errors ---------------------------


def _no_pipeline(*args: object, **kwargs: object) -> None:
    raise AssertionError("the pipeline was loaded before the input was checked")


def test_build_word_limit_is_checked_before_parsing(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizgen.readers.MAX_BUILD_WORDS", 100)
    monkeypatch.setattr("quizgen.pipeline.load_pipeline", _no_pipeline)
    monkeypatch.chdir(work)
    for name in ("a.txt", "b.txt", "c.txt"):
        put(work, name, ENGLISH)  # 57 words each: the second file takes the build over 100
    before = snapshot(work / "decks")
    result = CliRunner().invoke(cli.app, ["build", "a.txt", "b.txt", "c.txt", "--out", "decks"])
    assert result.exit_code == 7
    assert result.stderr.splitlines() == [
        "quizgen: the build is over 100 words; build fewer documents at once"
    ]
    assert snapshot(work / "decks") == before


def test_document_word_limit_is_checked_before_parsing(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizgen.pipeline.load_pipeline", _no_pipeline)
    monkeypatch.chdir(work)
    put(work, "doc.txt", ENGLISH)
    result = CliRunner().invoke(cli.app, ["build", "doc.txt", "--max-words", "30", "--out", "decks"])
    assert result.exit_code == 7 and result.stderr.startswith("quizgen: doc.txt has")


@pytest.fixture
def exploding_build(monkeypatch: pytest.MonkeyPatch, work: Path) -> Iterator[Path]:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaboom in the pipeline\nsecond line of detail")

    monkeypatch.setattr("quizgen.pipeline.build_quiz", explode)
    monkeypatch.chdir(work)
    put(work, "doc.txt", ENGLISH)
    yield work
    cli._state["debug"] = False  # the root callback sets it; the next test must not inherit it


def test_unexpected_exception_is_one_line(exploding_build: Path) -> None:
    result = CliRunner().invoke(cli.app, ["build", "doc.txt", "--out", "decks"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "quizgen: unexpected error: RuntimeError: kaboom in the pipeline (run with --debug for details)"
    ]
    assert "Traceback" not in result.output


def test_debug_shows_the_traceback(exploding_build: Path) -> None:
    result = CliRunner().invoke(cli.app, ["--debug", "build", "doc.txt", "--out", "decks"])
    assert result.exit_code == 1
    assert isinstance(result.exception, RuntimeError)  # re-raised, so Python prints the traceback
    assert result.exc_info is not None and result.exc_info[2] is not None


def test_debug_leaves_expected_errors_as_one_line(work: Path) -> None:
    # --debug is for unexpected errors; a user error stays a message, not a traceback.
    result = run_quizgen(["--debug", "build", "nope.txt", "--out", "decks"], cwd=work)
    assert_one_error_line(result, 4, "no such file or folder")


def test_interrupt_is_one_line(monkeypatch: pytest.MonkeyPatch, work: Path) -> None:
    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("quizgen.pipeline.build_quiz", interrupt)
    monkeypatch.chdir(work)
    put(work, "doc.txt", ENGLISH)
    result = CliRunner().invoke(cli.app, ["build", "doc.txt", "--out", "decks"])
    assert result.exit_code == 130 and result.stderr.splitlines() == ["quizgen: interrupted"]


@pytest.mark.parametrize(("size", "expected"), [(400, 400), (400, 100), (400, 0), (100, 400), (401, 401), (401, 100),
                                               (900, 0), (0, 0), (0, 400)])
def test_a_file_is_read_whole_or_refused_whatever_size_it_said_it_had(size: int, expected: int) -> None:
    # `expected` is the size the file had when asked; it may have grown or shrunk before it is read.
    import io

    from quizgen.errors import InputTooLarge
    from quizgen.readers import MAX_BYTES_FACTOR, _read_limited

    data = bytes(range(256)) * 4
    stream = io.BytesIO(data[:size])
    max_words = 400 // MAX_BYTES_FACTOR
    if size > 400:
        with pytest.raises(InputTooLarge, match="over 400 bytes"):
            _read_limited(stream.read, "doc.txt", max_words, expected)
    else:
        assert _read_limited(stream.read, "doc.txt", max_words, expected) == data[:size]
