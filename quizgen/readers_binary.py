"""Readers for binary documents (PDF, DOCX, EPUB): raw bytes -> (title, paragraphs).

readers.py registers these in BINARY_READERS and imports this module only when such a file is read.
Each raises UnsupportedInput with a message that readers.to_document prefixes with the file's name.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import zipfile
from collections import Counter

from quizgen.errors import UnsupportedInput

# ---------------------------------------------------------------- PDF

_PAGE_NUMBER = re.compile(
    r"^(page\s+)?(\d{1,4}|[ivxlcdm]{1,7})(\s*(of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.I
)
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_LIST_ITEM = re.compile(r"^([-*•▪◦]|\d{1,3}[.)])\s")
_EDGE_LINES = 2  # how many lines at each end of a page may be a running header or footer
_MIN_TEXT_CHARS = 20  # fewer letters and digits than this in the whole file: no text layer to speak of


def read_pdf(data: bytes) -> tuple[str, list[str]]:
    """The PDF's text layer (pypdf): running headers, footers and page numbers removed, hyphens joined."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    pypdf_log = logging.getLogger("pypdf")
    if not pypdf_log.handlers:
        # pypdf logs each repair it makes to a damaged file; with no handler configured those would
        # reach stderr through logging's last resort, and library code never prints.
        pypdf_log.addHandler(logging.NullHandler())
    try:
        pdf = PdfReader(io.BytesIO(data))
        if pdf.is_encrypted:
            # Many PDFs are encrypted only to restrict printing or copying, with an empty user
            # password: those open without asking, so try that before refusing.
            try:
                opened = pdf.decrypt("")
            except (DependencyError, NotImplementedError) as err:  # AES needs the cryptography package
                raise UnsupportedInput("is an encrypted PDF; save an unencrypted copy to read it") from err
            if not opened:
                raise UnsupportedInput("is a password-protected PDF; save an unencrypted copy to read it")
        pages = [_page_lines(page.extract_text()) for page in pdf.pages]
        title = str((pdf.metadata or {}).get("/Title") or "")
    except UnsupportedInput:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as err:
        raise UnsupportedInput(f"is not a readable PDF ({type(err).__name__})") from err
    if sum(ch.isalnum() for lines in pages for line in lines for ch in line) < _MIN_TEXT_CHARS:
        raise UnsupportedInput("has no text layer (a scanned PDF?); run OCR on it first, e.g. with ocrmypdf")
    paragraphs = _pdf_paragraphs(_strip_running_lines(pages))
    title = _usable_pdf_title(title)
    if not title and paragraphs and _is_heading(paragraphs[0]):
        title = paragraphs.pop(0)
    return title, paragraphs


def _page_lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text.translate(_LIGATURES)).replace("\u00ad\n", "").replace("\u00ad", "")
    return [re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()]


def _running_key(line: str) -> str:
    # Page numbers inside a running header ("Annual Report 2023 — 7") differ from page to page.
    return re.sub(r"\d+", "#", line.casefold())


def _strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and lines repeated at the top or bottom of most pages."""
    counts: Counter[str] = Counter()
    for lines in pages:
        edges = lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]
        counts.update({_running_key(line) for line in edges})
    # "Most pages": more than half, and never on a one-page document where nothing repeats.
    repeated = {key for key, n in counts.items() if len(pages) >= 2 and n > len(pages) / 2}
    stripped: list[list[str]] = []
    for lines in pages:
        keep = list(lines)
        for index in [*range(min(_EDGE_LINES, len(lines))), *range(max(0, len(lines) - _EDGE_LINES), len(lines))]:
            line = lines[index]
            if _PAGE_NUMBER.match(line) or _running_key(line) in repeated:
                keep[index] = ""
        stripped.append([line for line in keep if line])
    return stripped


def _pdf_paragraphs(pages: list[list[str]]) -> list[str]:
    """Join wrapped lines into paragraphs; a paragraph may run on across a page break.

    Plain-text extraction has no blank lines between paragraphs, so a paragraph is taken to end at a
    line that ends a sentence and stops well short of the full line width, and headings and list
    items stand alone.
    """
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    widths = sorted(len(line) for line in lines)
    full = widths[int(len(widths) * 0.9)] if len(widths) >= 5 else widths[-1]
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        heading = _is_heading(line) and (len(line) < 0.7 * full or _title_case(line))
        starts_block = heading or bool(_LIST_ITEM.match(line))
        if current and starts_block:
            paragraphs.append(current)
            current = ""
        current = _join_line(current, line) if current else line
        if starts_block or (_ends_sentence(line) and len(line) < 0.85 * full):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _join_line(text: str, line: str) -> str:
    # "inter-" + "national" was one word broken by the line; "Franco-" + "Prussian" keeps its hyphen.
    if re.search(r"[^\W\d_]-$", text) and not text.endswith(" -"):
        if line[:1].islower():
            return text[:-1] + line
        return text + line
    return f"{text} {line}"


def _usable_pdf_title(title: str) -> str:
    title = re.sub(r"\s+", " ", title).strip()
    # Word processors often leave the file name or "Untitled" as the title.
    if not title or re.search(r"\.(docx?|pdf|odt|rtf|txt|tex|indd)$", title, re.I):
        return ""
    if re.match(r"^(microsoft word|untitled)\b", title, re.I):
        return ""
    return title


def _is_heading(text: str) -> bool:
    # A line broken at a hyphen, comma or conjunction is prose running on, not a heading.
    if re.search(r"[-,;–—]$|\b(and|or|of|the|a|an|to|in)$", text):
        return False
    return len(text.split()) <= 15 and not _ends_sentence(text) and text[:1].isupper()


_MINOR_WORDS = frozenset(
    "a an the and or but nor for so yet of in on at to by up as via per vs with from into onto over than".split()
)


def _title_case(text: str) -> bool:
    # A headline as wide as the text ("After Losing Afghanistan, Biden Plays ... on Ukraine"): every
    # word but the small ones capitalised, which a line of running prose almost never is.
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    major = [w for w in words if w.lower() not in _MINOR_WORDS]
    return len(words) >= 3 and all(w[0].isupper() for w in major)


def _ends_sentence(text: str) -> bool:
    from quizgen.readers import _ends_sentence as ends

    return ends(text)


# ---------------------------------------------------------------- DOCX

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_docx(data: bytes) -> tuple[str, list[str]]:
    """Word .docx (python-docx): body paragraphs and headings; the first Title or Heading 1 is the title."""
    if data.startswith(_OLE_MAGIC):
        # Word saves a password-protected .docx inside an OLE container, the same kind of file as .doc.
        raise UnsupportedInput("is encrypted (password-protected) or an old .doc file, not a .docx")
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]
        core_title = document.core_properties.title or ""
    except (zipfile.BadZipFile, KeyError, ValueError, AttributeError, OSError) as err:
        raise UnsupportedInput(f"is not a readable .docx file ({type(err).__name__})") from err
    except Exception as err:  # noqa: BLE001 - python-docx and lxml raise their own types for broken parts
        raise UnsupportedInput(f"is not a readable .docx file ({type(err).__name__})") from err
    title = ""
    paragraphs: list[str] = []
    for style, raw in blocks:
        text = re.sub(r"\s+", " ", raw).strip()
        if not text:
            continue
        if not title and style in ("Title", "Heading 1"):
            title = text
            continue
        paragraphs.append(text)  # other headings are dropped by clean_paragraphs, but end sections
    return title or re.sub(r"\s+", " ", core_title).strip(), paragraphs


# ---------------------------------------------------------------- EPUB

_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "dd", "dt", "pre", "div")
_SKIPPED_TAGS = ("script", "style", "nav", "aside", "table", "figure", "head", "svg", "math")
_FONT_OBFUSCATION = ("http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC")


def read_epub(data: bytes) -> tuple[str, list[str]]:
    """EPUB (ebooklib): the chapters of the spine in reading order, each reduced to its text blocks."""
    _refuse_drm(data)
    from ebooklib import ITEM_NAVIGATION, epub

    try:
        book = epub.read_epub(io.BytesIO(data), options={"ignore_ncx": True})
        titles = book.get_metadata("DC", "title")
        chapters: list[bytes] = []
        for idref, linear in book.spine:
            item = book.get_item_with_id(idref)
            # Non-linear items (footnote pages, pop-ups) and the table of contents are not the text.
            if item is None or linear == "no" or isinstance(item, epub.EpubNav):
                continue
            if item.get_type() == ITEM_NAVIGATION or "nav" in (getattr(item, "properties", None) or []):
                continue
            chapters.append(item.get_content())
    except UnsupportedInput:
        raise
    except Exception as err:  # noqa: BLE001 - ebooklib raises bare exceptions, KeyError, lxml and zip errors
        raise UnsupportedInput(f"is not a readable EPUB file ({type(err).__name__})") from err
    title = re.sub(r"\s+", " ", titles[0][0]).strip() if titles and titles[0][0] else ""
    paragraphs = [para for chapter in chapters for para in xhtml_paragraphs(chapter)]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs.pop(0)
    return title, paragraphs


def _refuse_drm(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "META-INF/encryption.xml" not in archive.namelist():
                return
            manifest = archive.read("META-INF/encryption.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError) as err:
        raise UnsupportedInput(f"is not a readable EPUB file ({type(err).__name__})") from err
    algorithms = re.findall(r'EncryptionMethod[^>]*Algorithm="([^"]+)"', manifest)
    # Fonts are often "obfuscated" through the same file; only encrypted text makes the book unreadable.
    if any(algorithm not in _FONT_OBFUSCATION for algorithm in algorithms):
        raise UnsupportedInput("is DRM-protected (encrypted); quizgen cannot read it")


def xhtml_paragraphs(content: bytes) -> list[str]:
    """Text blocks (paragraphs, headings, list items) of an (X)HTML chapter, in document order.

    A chapter file holds the main text only, so there is no boilerplate for trafilatura to remove, and
    its precision mode would drop short chapters whole.
    """
    import lxml.html
    from lxml import etree

    if not content.strip():
        return []
    try:
        root = lxml.html.document_fromstring(content)
    except (etree.ParserError, ValueError):
        return []
    for bad in root.xpath("|".join(f"//{tag}" for tag in _SKIPPED_TAGS)):
        bad.drop_tree()
    paragraphs: list[str] = []
    for element in root.iter(*_BLOCK_TAGS):
        # A list item, quote or div holding paragraphs is read through those paragraphs instead.
        if any(child.tag in _BLOCK_TAGS for child in element.iterdescendants()):
            continue
        text = re.sub(r"\s+", " ", element.text_content()).strip()
        if text:
            paragraphs.append(text)
    return paragraphs
