"""PDF, DOCX and EPUB readers, on files generated here: pypdf writes the PDFs (one Helvetica text
line per content-stream operation), python-docx the .docx files and ebooklib the EPUBs."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from quizgen.errors import UnsupportedInput
from quizgen.readers import BINARY_READERS, READERS, Source, collect_sources, decode, to_document

# ---- generators -------------------------------------------------------------------------------


def make_pdf(pages: list[list[str]], *, title: str | None = None, user_password: str | None = None,
             owner_password: str | None = None, image: bool = False) -> bytes:
    """A PDF whose pages hold these lines of text, top to bottom; "" leaves a paragraph gap."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject

    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    }))
    resources = {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
    if image:  # a scan: a picture of the page and no text
        picture = DecodedStreamObject()
        picture.set_data(bytes(range(64)) * 4)
        picture.update({
            NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(16), NameObject("/Height"): NumberObject(16),
            NameObject("/ColorSpace"): NameObject("/DeviceGray"), NameObject("/BitsPerComponent"): NumberObject(8),
        })
        resources[NameObject("/XObject")] = DictionaryObject({NameObject("/Im1"): writer._add_object(picture)})
    for lines in pages:
        page = writer.add_blank_page(612, 792)
        ops = ["q 500 0 0 700 50 50 cm /Im1 Do Q"] if image else []
        y = 750
        for line in lines:
            if line:
                text = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                ops.append(f"BT /F1 11 Tf 72 {y} Td ({text}) Tj ET")
            y -= 14
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("cp1252"))
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject(resources)
    if title:
        writer.add_metadata({"/Title": title})
    if user_password is not None or owner_password is not None:
        # RC4: pypdf reads it without the cryptography package, which quizgen does not require.
        writer.encrypt(user_password or "", owner_password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(blocks: list[tuple[str, str]], *, core_title: str = "") -> bytes:
    """A .docx of (style, text) paragraphs: "Title", "Heading 1", "Heading 2" or "" for body text."""
    import docx

    document = docx.Document()
    for style, text in blocks:
        if style.startswith("Heading"):
            document.add_heading(text, level=int(style.split()[1]))
        elif style == "Title":
            document.add_heading(text, level=0)
        else:
            document.add_paragraph(text)
    document.core_properties.title = core_title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_epub(chapters: list[tuple[str, str]], *, spine_order: list[int] | None = None,
              title: str = "The Widget Book") -> bytes:
    """An EPUB of (file name, XHTML body) chapters; the spine lists them in `spine_order`."""
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("quizgen-test")
    book.set_title(title)
    book.set_language("en")
    items = []
    for name, body in chapters:
        item = epub.EpubHtml(title=name, file_name=name, lang="en")
        item.content = body
        book.add_item(item)
        items.append(item)
    book.toc = items
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *(items[i] for i in (spine_order or range(len(items))))]
    out = io.BytesIO()
    epub.write_epub(out, book)
    return out.getvalue()


def read(suffix: str, data: bytes, name: str = "doc") -> tuple[str, str]:
    """(title, body text) of a document read through readers.to_document."""
    document = to_document(Source(name, f"{name}{suffix}", suffix, data))
    return document.title, document.text


def refused(suffix: str, data: bytes) -> str:
    with pytest.raises(UnsupportedInput) as info:
        read(suffix, data)
    message = str(info.value)
    assert message.startswith(f"doc{suffix} ") and "\n" not in message
    assert info.value.exit_code == 5
    return message


REPORT_PAGES = [
    ["Annual Report 2023", "The Rise of Widgets",
     "The company was founded in 1998 by Ada Lovelace and grew to employ",
     "250 people across four inter-", "national offices in its first decade of trading.",
     "Growth slowed in 2020 when the pandemic closed most of the Franco-",
     "Prussian border factories for several months.", "Page 1 of 3"],
    ["Annual Report 2023", "Revenue rose to 12 million dollars in 2021, as the board of directors",
     "had predicted in its spring forecast for the period.", "Results",
     "The new plant opened in Lyon in March 2022.", "Page 2 of 3"],
    ["Annual Report 2023", "Ada Lovelace retired in 2023 and Charles Babbage became the chief",
     "executive officer of the company.", "Page 3 of 3"],
]


# ---- PDF --------------------------------------------------------------------------------------


def test_pdf_text_layer_without_running_lines_and_with_words_rejoined() -> None:
    title, text = read(".pdf", make_pdf(REPORT_PAGES))
    assert title == "The Rise of Widgets"
    assert text.split("\n\n") == [
        "The company was founded in 1998 by Ada Lovelace and grew to employ 250 people across four "
        "international offices in its first decade of trading.",
        "Growth slowed in 2020 when the pandemic closed most of the Franco-Prussian border factories for "
        "several months.",
        "Revenue rose to 12 million dollars in 2021, as the board of directors had predicted in its spring "
        "forecast for the period.",
        "The new plant opened in Lyon in March 2022.",
        "Ada Lovelace retired in 2023 and Charles Babbage became the chief executive officer of the company.",
    ]
    assert "Annual Report" not in text and "Page" not in text


def test_pdf_paragraph_runs_on_across_a_page_break_and_metadata_title_wins() -> None:
    pages = [["The survey of 1851 counted 300 mills along the river, of which most were"],
             ["powered by water until the railway arrived in 1870."]]
    title, text = read(".pdf", make_pdf(pages, title="Mills of the Valley"))
    assert title == "Mills of the Valley"
    assert text == ("The survey of 1851 counted 300 mills along the river, of which most were powered by "
                    "water until the railway arrived in 1870.")


def test_pdf_word_processor_file_name_title_is_ignored() -> None:
    title, _ = read(".pdf", make_pdf(REPORT_PAGES, title="Microsoft Word - report.docx"))
    assert title == "The Rise of Widgets"


def test_pdf_without_text_layer_is_refused() -> None:
    message = refused(".pdf", make_pdf([[], []], image=True))
    assert "no text layer" in message


def test_pdf_with_a_user_password_is_refused() -> None:
    message = refused(".pdf", make_pdf(REPORT_PAGES, user_password="secret"))
    assert "password-protected PDF" in message


def test_pdf_encrypted_only_against_copying_is_read() -> None:
    # An owner password alone restricts printing or copying; the text opens with the empty password.
    title, text = read(".pdf", make_pdf(REPORT_PAGES, owner_password="owner"))
    assert title == "The Rise of Widgets" and "Charles Babbage" in text


@pytest.mark.parametrize("data", [b"%PDF-1.7\n%garbage that is not a pdf", b"not a pdf at all, plain bytes"])
def test_corrupt_pdf_is_refused(data: bytes) -> None:
    assert "not a readable PDF" in refused(".pdf", data)


def test_truncated_pdf_is_refused_or_read_partially() -> None:
    data = make_pdf(REPORT_PAGES)
    try:
        read(".pdf", data[: len(data) // 3])
    except UnsupportedInput as err:
        assert str(err).startswith("doc.pdf ")


# ---- DOCX -------------------------------------------------------------------------------------


def test_docx_paragraphs_and_headings() -> None:
    data = make_docx([
        ("Title", "The Rise of Widgets"),
        ("", "The company was founded in 1998 by Ada Lovelace."),
        ("", ""),
        ("Heading 2", "Growth"),
        ("", "Revenue rose to 12 million dollars in 2021.\tIt fell in 2022."),
        ("Heading 1", "References"),
        ("", "Smith, J. (2020). Widgets. Widget Press."),
    ])
    title, text = read(".docx", data)
    assert title == "The Rise of Widgets"
    assert text.split("\n\n") == [
        "The company was founded in 1998 by Ada Lovelace.",
        "Revenue rose to 12 million dollars in 2021. It fell in 2022.",
    ]


def test_docx_first_heading_1_is_the_title_else_the_document_properties() -> None:
    title, _ = read(".docx", make_docx([("Heading 1", "Widgets"), ("", "Ada Lovelace founded it in 1998.")]))
    assert title == "Widgets"
    title, _ = read(".docx", make_docx([("", "Ada Lovelace founded it in 1998.")], core_title="From Properties"))
    assert title == "From Properties"
    title, _ = read(".docx", make_docx([("", "Ada Lovelace founded it in 1998.")]))
    assert title == "doc"  # the file's name


def test_docx_without_text_is_empty() -> None:
    assert refused(".docx", make_docx([("", ""), ("", "   ")])).endswith("is empty")


def test_encrypted_docx_is_refused() -> None:
    # Word wraps a password-protected .docx in an OLE compound file; its header is enough to tell.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"EncryptedPackage"
    assert "encrypted" in refused(".docx", ole)


@pytest.mark.parametrize("data", [b"PK\x03\x04 truncated zip", b"plain text pretending", None])
def test_corrupt_docx_is_refused(data: bytes | None) -> None:
    if data is None:  # a real zip, but not a Word document
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("hello.txt", "hello")
        data = out.getvalue()
    assert "not a readable .docx" in refused(".docx", data)


# ---- EPUB -------------------------------------------------------------------------------------

CHAPTERS = [
    ("c1.xhtml", "<h1>Chapter One</h1><p>The war began in 1914 &amp; ended in 1918.</p>"
                 "<script>var x = 'not text.';</script><ul><li><p>Paris was liberated in 1944.</p></li></ul>"),
    ("c2.xhtml", "<h1>Chapter Two</h1><div>Peace came to Europe in 1945.</div>"
                 "<aside>A sidebar that is not text.</aside>"),
]


def test_epub_chapters_in_spine_order() -> None:
    title, text = read(".epub", make_epub(CHAPTERS, spine_order=[1, 0]))
    assert title == "The Widget Book"
    assert text.split("\n\n") == [
        "Peace came to Europe in 1945.",
        "The war began in 1914 & ended in 1918.",
        "Paris was liberated in 1944.",
    ]


def with_encryption_xml(epub: bytes, xml: str) -> bytes:
    """The EPUB with a META-INF/encryption.xml added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(epub)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("META-INF/encryption.xml", xml)
    return out.getvalue()


def test_epub_with_encrypted_text_is_refused() -> None:
    data = with_encryption_xml(make_epub(CHAPTERS), (
        '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
        '<EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#">'
        '<EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
        '<CipherData><CipherReference URI="EPUB/c1.xhtml"/></CipherData></EncryptedData></encryption>'
    ))
    assert "DRM-protected" in refused(".epub", data)


def test_epub_with_obfuscated_fonts_only_is_read() -> None:
    data = with_encryption_xml(make_epub(CHAPTERS), (
        '<encryption><EncryptedData><EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>'
        '<CipherData><CipherReference URI="EPUB/font.otf"/></CipherData></EncryptedData></encryption>'
    ))
    assert "1945" in read(".epub", data)[1]


@pytest.mark.parametrize("data", [b"PK\x03\x04 truncated", b"not an epub"])
def test_corrupt_epub_is_refused(data: bytes) -> None:
    assert "not a readable EPUB" in refused(".epub", data)


# ---- shared behaviour -------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".epub"])
def test_empty_binary_file_is_refused(suffix: str) -> None:
    assert refused(suffix, b"").endswith("is empty")
    assert refused(suffix, b"  \n").endswith("is empty")


def test_binary_suffixes_are_registered_apart_from_text_readers() -> None:
    assert set(BINARY_READERS) == {".pdf", ".docx", ".epub"}
    assert not set(BINARY_READERS) & set(READERS)
    with pytest.raises(UnsupportedInput, match="binary"):
        decode(make_pdf(REPORT_PAGES), "doc.txt")  # a PDF named .txt is still refused as text


def test_folders_and_files_of_binary_formats_are_collected(tmp_path: Path) -> None:
    (tmp_path / "b.pdf").write_bytes(make_pdf(REPORT_PAGES))
    (tmp_path / "a.docx").write_bytes(make_docx([("", "Ada Lovelace founded it in 1998.")]))
    (tmp_path / "c.EPUB").write_bytes(make_epub(CHAPTERS))
    (tmp_path / "skip.doc").write_bytes(b"old word")
    sources = list(collect_sources([str(tmp_path)]))
    assert [s.suffix for s in sources] == [".docx", ".pdf", ".epub"]
    docs = [to_document(s) for s in sources]
    assert [d.title for d in docs] == ["a", "The Rise of Widgets", "The Widget Book"]
    with pytest.raises(UnsupportedInput, match=r"\.docx, \.epub, .*\.pdf"):
        list(collect_sources([str(tmp_path / "skip.doc")]))


@pytest.mark.model
def test_generated_docx_and_pdf_build_into_questions(tmp_path: Path) -> None:
    import textwrap

    from quizgen.pipeline import Settings, build_quiz

    seed = Path(__file__).resolve().parent.parent / "seeds" / "biden-putin-ukraine.txt"
    heading, *paragraphs = [p for p in seed.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    (tmp_path / "seed.docx").write_bytes(make_docx([("Title", heading), *(("", p) for p in paragraphs)]))
    lines = [heading]
    for paragraph in paragraphs:
        wrapped = textwrap.wrap(paragraph.encode("cp1252", "replace").decode("cp1252"), 90)
        lines += [*wrapped, ""]
    pages = [lines[i:i + 45] for i in range(0, len(lines), 45)]
    (tmp_path / "seed.pdf").write_bytes(make_pdf(pages))
    for name in ("seed.docx", "seed.pdf"):
        quiz = build_quiz([str(tmp_path / name)], Settings.make(seed=0))
        assert quiz.questions, name
        (document,) = quiz.documents
        assert "Biden" in document.title
        for question in quiz.questions:
            # A "Who ...?" question's answer is the speaker's resolved name, which may be
            # written differently in its sentence ("The Russian president" -> Vladimir Putin).
            if question.prompt.startswith("Who "):
                continue
            assert question.answer in question.sentence


def test_a_project_gutenberg_book_is_read_without_its_licence(tmp_path: Path) -> None:
    from quizgen.readers import read_documents

    book = tmp_path / "book.txt"
    licence = "Project Gutenberg-tm is synonymous with the free distribution of electronic works."
    book.write_text(
        "\ufeffThe Project Gutenberg EBook of Tales, by A. Writer\r\n\r\nTitle: Tales of the Sea\r\n\r\n"
        "*** START OF THIS PROJECT GUTENBERG EBOOK TALES OF THE SEA ***\r\n\r\n"
        "The ship sailed from Bristol in 1820 with forty men aboard.\r\n\r\n"
        "*** END OF THIS PROJECT GUTENBERG EBOOK TALES OF THE SEA ***\r\n\r\n" + licence + "\r\n",
        "utf-8")
    (doc,) = read_documents([str(book)])
    assert doc.title == "Tales of the Sea"
    assert "Bristol in 1820" in doc.text and "Gutenberg" not in doc.text


def test_a_dateline_marks_a_news_story(tmp_path: Path) -> None:
    from quizgen.readers import read_documents

    body = ("The council approved the new bridge over the river on Monday after a long debate.\n\n"
            "Work on the bridge is expected to start in the spring and to take two years.\n")
    story, article = tmp_path / "story.txt", tmp_path / "article.txt"
    story.write_text("Council approves bridge\n\nMonday, March 4, 2024\n\n" + body, "utf-8")
    article.write_text("Council approves bridge\n\n" + body, "utf-8")
    (news,), (plain,) = read_documents([str(story)]), read_documents([str(article)])
    assert news.news and not plain.news
    assert news.text == plain.text  # the dateline itself is never read as a fact


def test_headings_mark_where_sections_open(tmp_path: Path) -> None:
    from quizgen.readers import read_documents

    paragraphs = ["Rivers carry water from the hills to the sea.", "They shape the land they cross.",
                  "Glaciers are rivers of ice that move slowly downhill.", "Ice ages made them larger."]
    markdown = tmp_path / "notes.md"
    markdown.write_text(f"# Notes\n\n## Rivers\n\n{paragraphs[0]}\n\n{paragraphs[1]}\n\n## Glaciers\n\n"
                        f"{paragraphs[2]}\n\n- a list item, no heading\n\n{paragraphs[3]}\n", "utf-8")
    plain = tmp_path / "notes.txt"
    plain.write_text(f"Notes\n\nRivers\n\n{paragraphs[0]}\n\n{paragraphs[1]}\n\nGlaciers\n\n{paragraphs[2]}\n\n"
                     f"{paragraphs[3]}\n", "utf-8")
    html = tmp_path / "notes.html"
    html.write_text("<html><head><title>Notes</title></head><body><article><h1>Notes</h1><h2>Rivers</h2>"
                    + "".join(f"<p>{p}</p>" for p in paragraphs[:2]) + "<h2>Glaciers</h2>"
                    + "".join(f"<p>{p}</p>" for p in paragraphs[2:]) + "</article></body></html>", "utf-8")
    for path in (markdown, plain, html):
        (doc,) = read_documents([str(path)])
        assert doc.text == "\n\n".join(paragraphs), path.suffix
        # The first section opens the text; the second opens at "Glaciers ...", whatever the format.
        assert doc.sections == (doc.text.index("Glaciers are"),), path.suffix
    plain.write_text("Notes\n\n" + "\n\n".join(paragraphs) + "\n", "utf-8")
    (undivided,) = read_documents([str(plain)])
    assert undivided.sections == ()
