"""Paths or stdin -> Documents: decode, reduce markup to text, split off the title, drop non-facts.

Readers are a registry keyed by file suffix. Each returns (title, paragraphs); the shared
cleaning then drops captions, credits, datelines, headings and reference sections, and joins
the paragraphs with blank lines into the body text that every offset refers to.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from quizgen.errors import InputNotFound, InputTooLarge, NotEnglish, UnsupportedInput
from quizgen.model import Document
from quizgen.textscan import may_match

DEFAULT_MAX_WORDS = 500_000  # per document: both books in the shared corpus fit
MAX_BUILD_WORDS = 2_000_000  # per build, all documents together
MAX_BYTES_FACTOR = 20  # raw bytes allowed per word of the limit, checked before decoding

Reader = Callable[[str], "tuple[str, list[str]]"]
READERS: dict[str, Reader] = {}


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for file suffixes."""

    def register(func: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix] = func
        return func

    return register


BinaryReader = Callable[[bytes], "tuple[str, list[str]]"]


def _binary(name: str) -> BinaryReader:
    def read(data: bytes) -> tuple[str, list[str]]:
        from quizgen import readers_binary  # lazily: pypdf, python-docx and ebooklib load slowly

        return getattr(readers_binary, name)(data)

    read.__name__ = name
    return read


# Formats read from their raw bytes, skipping decode(); readers in quizgen/readers_binary.py.
BINARY_READERS: dict[str, BinaryReader] = {
    ".pdf": _binary("read_pdf"), ".docx": _binary("read_docx"), ".epub": _binary("read_epub"),
}


def supported_suffixes() -> list[str]:
    """Every suffix quizgen reads, sorted."""
    return sorted({*READERS, *BINARY_READERS})


@dataclass(frozen=True, slots=True)
class Source:
    """Raw input before reading: where it came from and its bytes."""

    name: str  # the document's name: file stem, or "" for stdin (the title is used)
    source: str  # the path as given, or "-"
    suffix: str
    data: bytes


# ---------------------------------------------------------------- finding inputs


def collect_sources(paths: Iterable[str], stdin: BinaryIO | None = None, *,
                    max_words: int = DEFAULT_MAX_WORDS) -> Iterator[Source]:
    """Expand paths (files, folders recursed in sorted order, "-" for stdin) into raw sources."""
    for given in paths:
        if given == "-":
            if stdin is None:
                raise InputNotFound("no standard input to read")
            yield Source("", "-", ".txt", _read_limited(stdin.read, "standard input", max_words))
            continue
        path = Path(given)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError as err:
            raise InputNotFound(f"no such file or folder: {given}") from err
        except OSError as err:
            raise InputNotFound(f"cannot read {given}: {err.strerror}") from err
        if stat.S_ISDIR(mode):
            suffixes = supported_suffixes()
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in suffixes and p.is_file())
            if not files:
                raise UnsupportedInput(
                    f"no supported documents in folder {given} (looked for {', '.join(suffixes)})"
                )
            for file in files:
                yield _read_file(file, _display(file), max_words)
        elif stat.S_ISREG(mode):
            yield _read_file(path, _display(path), max_words)
        else:
            raise InputNotFound(f"not a regular file or folder: {given}")


def _display(path: Path) -> str:
    # "source" in the JSON is the path as given, never absolute: an absolute path is shown
    # relative to the working folder when it lies inside it, else by its name.
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.name


def _read_file(path: Path, shown: str, max_words: int) -> Source:
    suffix = path.suffix.lower()
    if suffix not in READERS and suffix not in BINARY_READERS:
        raise UnsupportedInput(f"unsupported file type {suffix or '(none)'}: {shown} "
                               f"(quizgen reads {', '.join(supported_suffixes())})")
    try:
        with open(path, "rb") as handle:
            data = _read_limited(handle.read, shown, max_words, os.fstat(handle.fileno()).st_size)
    except PermissionError as err:
        raise InputNotFound(f"permission denied: {shown}") from err
    except OSError as err:
        raise InputNotFound(f"cannot read {shown}: {err.strerror}") from err
    return Source(path.stem, shown.replace(os.sep, "/"), suffix, data)


def _read_limited(read: Callable[[int], bytes], shown: str, max_words: int, expected: int = 0) -> bytes:
    # Up to the limit and one byte more, to tell a file over it. A file's size (`expected`) is asked for
    # first: reading the limit at once makes a 10 MB buffer for every file. Then on, if the file grew.
    limit = max_words * MAX_BYTES_FACTOR
    data = read(min(expected, limit) + 1) if expected > 0 else b""
    if len(data) > expected or not data:
        data += read(limit + 1 - len(data))
    if len(data) > limit:
        raise InputTooLarge(f"{shown} is over {limit:,} bytes (the limit for --max-words {max_words:,})")
    return data


# ---------------------------------------------------------------- decoding

_BINARY_MAGIC = (b"\x89PNG", b"PK\x03\x04", b"\x7fELF", b"%PDF", b"GIF8", b"\xff\xd8\xff", b"MZ", b"\x1f\x8b")


def decode(data: bytes, shown: str) -> str:
    """Bytes -> text: UTF-8 (with or without BOM), UTF-16/32 by BOM, else a detected legacy encoding."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise UnsupportedInput(f"{shown} is not valid UTF-16 text") from err
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:8192]:
        raise UnsupportedInput(f"{shown} is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise UnsupportedInput(f"{shown} cannot be decoded as text")
    # In English text the non-ASCII bytes are a few accents and quotes, too few for charset-normalizer
    # to tell Western from Baltic or Central European code pages ("café" came out as "cafķ"). Any
    # encoding it finds plausible may be right, and Windows-1252 (a superset of Latin-1 in print)
    # is by far the most common for English, so it wins whenever it is among them.
    best = next((m for m in matches if m.encoding == "cp1252"), matches[0])
    text = str(best)
    if _control_ratio(text) > 0.01:
        raise UnsupportedInput(f"{shown} is binary, not text")
    return text


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cs") and ch not in "\n\r\t\f")
    return bad / len(sample)


# ---------------------------------------------------------------- readers


@reader(".txt")
def read_txt(text: str) -> tuple[str, list[str]]:
    """Plain text: paragraphs split on blank lines; a first line without final punctuation is the title."""
    blocks = _blocks(text)
    title = ""
    if blocks and "\n" not in blocks[0] and not _ends_sentence(blocks[0]) and len(blocks[0].split()) <= 30:
        title = blocks.pop(0)
    return title, blocks


def _blocks(text: str) -> list[str]:
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        # List items stay one a line; hard-wrapped prose lines are joined into one paragraph.
        current: list[str] = []
        for line in lines:
            if _LIST_ITEM.match(line):
                if current:
                    paragraphs.append(" ".join(current))
                    current = []
                paragraphs.append(line)
            else:
                current.append(line)
        if current:
            paragraphs.append(" ".join(current))
    return paragraphs


@reader(".md", ".markdown")
def read_markdown(text: str) -> tuple[str, list[str]]:
    """Markdown via markdown-it-py: headings, paragraphs and list items as text; code left out."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    title = ""
    paragraphs: list[str] = []
    heading_level = 0
    list_depth = 0
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "list_item_open":
            list_depth += 1
        elif token.type == "list_item_close":
            list_depth -= 1
        elif token.type == "inline":
            content = _inline_text(token.children or [])
            if not content:
                continue
            if heading_level == 1 and not title:
                title = content
            elif heading_level:
                paragraphs.append(content)  # headings are dropped by clean_paragraphs, but end sections
            elif tokens[i - 1].type != "th_open" and tokens[i - 1].type != "td_open":
                # A list item that is no sentence keeps its marker, so that it is not taken for a heading.
                paragraphs.append(f"- {content}" if list_depth and not _ends_sentence(content) else content)
        elif token.type == "heading_close":
            heading_level = 0
    if not title and paragraphs and not _ends_sentence(paragraphs[0]):
        title = paragraphs.pop(0)
    return title, paragraphs


def _inline_text(children: list) -> str:  # noqa: ANN001 - markdown-it tokens
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            continue
    return re.sub(r"\s+", " ", "".join(parts)).strip()


@reader(".html", ".htm")
def read_html(text: str) -> tuple[str, list[str]]:
    """HTML reduced to its main text by trafilatura: menus, footers, scripts and styles are left out."""
    import trafilatura
    from trafilatura.metadata import extract_metadata

    body = trafilatura.extract(
        text, include_comments=False, include_tables=False, include_images=False,
        include_links=False, favor_precision=True, deduplicate=False,
    ) or ""
    title = ""
    try:
        meta = extract_metadata(text)
        title = (meta.title or "") if meta else ""
    except Exception:  # noqa: BLE001 - trafilatura's metadata parser fails on some broken pages
        title = ""
    if not title:
        match = re.search(r"<title[^>]*>(.*?)</title>", text, re.S | re.I)
        if match:
            import html as html_lib

            title = html_lib.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()
    title = re.sub(r"\s+[-–—|]\s+Wikipedia.*$", "", title).strip()
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    if not paragraphs:
        paragraphs = _html_blocks(text)
    if paragraphs and title and paragraphs[0].strip() == title:
        paragraphs.pop(0)
    return title, paragraphs


_SKIPPED_ELEMENTS = frozenset(
    "head script style noscript template nav header footer aside form button select textarea svg math "
    "iframe object embed canvas".split()
)
_BLOCK_ELEMENTS = frozenset(
    "address article blockquote body dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr html li main "
    "ol p pre section table td th tr ul br".split()
)


class _BlockText(HTMLParser):
    """Text of block elements, one paragraph per block, leaving out scripts, styles and page chrome."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._parts: list[str] = []
        self._skipping: list[str] = []  # open skipped elements; a stack, since unclosed tags are common

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._parts)).strip()
        if text:
            self.blocks.append(text)
        self._parts = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_ELEMENTS:
            self._skipping.append(tag)
        elif tag in _BLOCK_ELEMENTS and not self._skipping:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._skipping:
            while self._skipping and self._skipping.pop() != tag:
                pass
        elif tag in _BLOCK_ELEMENTS and not self._skipping:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._parts.append(data)

    def close(self) -> None:
        """Finish parsing and keep the last block."""
        super().close()
        self._flush()


def _html_blocks(text: str) -> list[str]:
    # trafilatura parses with libxml2, which gives up on markup nested over 255 levels deep and then
    # finds no text at all; the standard library's parser is flat, so nesting costs it nothing.
    parser = _BlockText()
    parser.feed(text)
    parser.close()
    return parser.blocks


# ---------------------------------------------------------------- cleaning

_REFERENCE_HEADINGS = {
    "sources", "references", "see also", "external links", "notes", "further reading", "bibliography",
    "footnotes", "citations", "related news", "notes and references",
}
_CREDIT = re.compile(
    r"(\bImages?:|\bPhoto(?:graph)?:|\bCredit:|\bCourtesy of\b|\bAP Photo\b|\bfrom file\b|"
    r"(Getty Images|Reuters|AFP|Associated Press|Shutterstock)\.?\s*$)",
)
# One of these is in every match of _CREDIT: most paragraphs need not be searched at every position.
_CREDIT_WORDS = ("Image", "Photo", "Credit:", "Courtesy of", "from file", "Reuters", "AFP", "Associated Press",
                 "Shutterstock")
_SPACES = re.compile(r"[ \t]+")
_CAPTION_START = re.compile(r"^(A |An |The )?(composite )?(photo|picture|image|file photo)\b", re.I)
_WEEKDAY_OR_MONTH = (
    r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
    r"July|August|September|October|November|December)"
)
_DATELINE = re.compile(rf"^{_WEEKDAY_OR_MONTH}[\w ,.]*\d{{4}}\.?$|^\d{{1,2}} {_WEEKDAY_OR_MONTH} \d{{4}}\.?$")
_LEADING_DATELINE = re.compile(rf"^{_WEEKDAY_OR_MONTH}, {_WEEKDAY_OR_MONTH} \d{{1,2}}, \d{{4}}\s+(?=[A-Z])")
_BYLINE = re.compile(r"^(By|Written by|Reported by)\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3}$")
_CITATION = re.compile(r"\s?\[(\d+|[a-z]|edit|note \d+|nb \d+|[a-z][a-z ?]*)\]")  # [3], [edit], [update]


_GUTENBERG_START = re.compile(r"^\*{3} ?START OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK[^\n]*$", re.M | re.I)
_GUTENBERG_END = re.compile(r"^\*{3} ?END OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK", re.M | re.I)
_GUTENBERG_TITLE = re.compile(r"^Title: *(.+)$", re.M)


def strip_gutenberg(text: str) -> tuple[str, str | None]:
    """A Project Gutenberg book's own text, without the licence around it, and its title (or None)."""
    start = _GUTENBERG_START.search(text)
    if start is None:
        return text, None
    end = _GUTENBERG_END.search(text, start.end())
    title = _GUTENBERG_TITLE.search(text[: start.start()])
    return text[start.end() : end.start() if end else len(text)], title.group(1).strip() if title else None


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """Drop what is never a source of facts; stop at reference sections."""
    return clean_sections(paragraphs)[0]


HEADING_MAX_WORDS = 12
_LIST_ITEM = re.compile(r"^([-*•]|\d+[.)])\s")


def clean_sections(paragraphs: list[str]) -> tuple[list[str], list[int]]:
    """The paragraphs `clean_paragraphs` keeps, and the indexes of those that follow a heading (a short
    line that is no sentence): where the document's sections open."""
    kept: list[str] = []
    openings: list[int] = []
    after_heading = False
    after_caption_heading = False
    for raw in paragraphs:
        para = (_CITATION.sub("", raw) if "[" in raw else raw).strip()  # every citation has its "["
        if "  " in para or "\t" in para:  # a single space stays as it is
            para = _SPACES.sub(" ", para)
        if not para:
            continue
        bare = (re.sub(r"^#+\s*", "", para) if para.startswith("#") else para).strip().rstrip(":").strip().lower()
        if bare in _REFERENCE_HEADINGS:
            break
        if para.startswith("^ ") or _DATELINE.match(para) or _BYLINE.match(para):
            continue
        para = _LEADING_DATELINE.sub("", para)
        if may_match(para, _CREDIT_WORDS) and _CREDIT.search(para):
            continue
        if not _ends_sentence(para):
            # Headings, list fragments, captions' titles: never whole sentences.
            after_caption_heading = bool(re.search(r"\b(Photo|Image|Picture|Composite)\b", para))
            if not after_caption_heading and len(para.split()) <= HEADING_MAX_WORDS and not _LIST_ITEM.match(para):
                after_heading = True
            continue
        if after_caption_heading and _CAPTION_START.match(para):
            after_caption_heading = False
            continue
        after_caption_heading = False
        if after_heading and kept:
            openings.append(len(kept))
        after_heading = False
        kept.append(para)
    return kept, openings


def is_news_story(paragraphs: list[str]) -> bool:
    """Whether a dateline ("Sunday, August 2, 2015") opens the text: a dated news story."""
    return any(_DATELINE.match(p.strip()) or _LEADING_DATELINE.match(p.strip()) for p in paragraphs[:3])


def _ends_sentence(text: str) -> bool:
    return _SENTENCE_END.search(text.strip()) is not None


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


# ---------------------------------------------------------------- documents


@functools.lru_cache(maxsize=65536)
def slugify(text: str, fallback: str = "quiz") -> str:
    """A lowercase ASCII slug for ids, file names and tags (cached: fact and question ids slug the same answers)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return slug[:60].strip("-") or fallback


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=32)
def word_count(text: str) -> int:
    """The number of words in `text` (split at white space): a document's is asked for several times."""
    return len(text.split())


def _read_binary(read: BinaryReader, data: bytes, shown: str) -> tuple[str, list[str]]:
    try:
        return read(data)
    except UnsupportedInput as err:  # the binary readers say what is wrong; the file's name goes first
        raise UnsupportedInput(f"{shown} {err}") from err
    except RecursionError as err:
        raise UnsupportedInput(f"{shown}: its structure is nested too deeply to read") from err


def to_document(src: Source, *, max_words: int = DEFAULT_MAX_WORDS) -> Document:
    """Read one raw source into a Document, or raise a QuizgenError saying why it cannot be."""
    shown = src.source if src.source != "-" else "standard input"
    if not src.data.strip():
        raise UnsupportedInput(f"{shown} is empty")
    binary = BINARY_READERS.get(src.suffix)
    if binary is not None:
        title, paragraphs = _read_binary(binary, src.data, shown)
        text = "\n\n".join(paragraphs)
    else:
        text = decode(src.data, shown).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnsupportedInput(f"{shown} is empty")
    words = len(text.split())
    if words > max_words:
        raise InputTooLarge(f"{shown} has {words:,} words, over the limit of {max_words:,} (--max-words)")
    if binary is None:
        text, book_title = strip_gutenberg(text)
        try:
            title, paragraphs = READERS[src.suffix](text)
        except RecursionError as err:
            raise UnsupportedInput(f"{shown}: markup is nested too deeply to read") from err
        title = book_title or title
    title = re.sub(r"\s+", " ", title).strip()
    kept, openings = clean_sections(paragraphs)
    body = "\n\n".join(kept)
    if not body.strip():
        # Cleaning keeps only sentences ending in Western punctuation, so a Chinese or Japanese
        # document loses everything: name its language rather than call it empty.
        check_english("\n\n".join([title, *paragraphs]), shown)
        raise UnsupportedInput(f"{shown} has no readable text")
    check_english(body, shown)
    name = src.name or title or "quiz"
    return Document(
        id=slugify(name), source=src.source, title=title or src.name or "Untitled",
        text=body, sha256=hashlib.sha256(src.data).hexdigest(), news=is_news_story(paragraphs),
        sections=_offsets(kept, openings),
    )


def _offsets(paragraphs: list[str], indexes: list[int]) -> tuple[int, ...]:
    """Where paragraphs[i] starts in "\n\n".join(paragraphs), for each i in indexes (ascending)."""
    offsets, at, wanted = [], 0, set(indexes)
    for i, para in enumerate(paragraphs):
        if i in wanted:
            offsets.append(at)
        at += len(para) + 2
    return tuple(offsets)


_LANGUAGE_NAMES = {
    "fr": "French", "de": "German", "es": "Spanish", "ru": "Russian", "zh": "Chinese", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "ja": "Japanese", "ko": "Korean", "ar": "Arabic", "pl": "Polish",
    "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "cs": "Czech", "el": "Greek", "hi": "Hindi",
}


def check_english(text: str, shown: str) -> None:
    """Refuse a document whose language is identified (py3langid) as other than English."""
    # py3langid walks every character in Python: 1,000 are plenty (over the corpus and the test languages
    # English scores at least 0.9999 and the others at most 0.0001, as with 2,500).
    sample = text[:1000]
    if len(sample.split()) < 8 and not re.search(r"[\u0400-\u04ff\u3040-\u30ff\u4e00-\u9fff]", sample):
        return  # too short to identify reliably; the extractors find little in it anyway
    ident = _identifier()
    ranked = dict(ident.rank(sample))
    top = max(ranked, key=ranked.__getitem__)
    # English is refused only when the identifier is sure it is not English.
    if top != "en" and ranked.get("en", 0.0) < 0.05:
        language = _LANGUAGE_NAMES.get(top, top)
        raise NotEnglish(f"{shown} looks like {language}, not English (quizgen reads English documents)")


def _identifier():  # noqa: ANN202
    from quizgen.langid import identifier

    return identifier()


def read_documents(paths: Iterable[str], stdin: BinaryIO | None = None, *,
                   max_words: int = DEFAULT_MAX_WORDS) -> Iterator[Document]:
    """Read every path into Documents, enforcing the per-document and per-build word limits."""
    total = 0
    for src in collect_sources(paths, stdin, max_words=max_words):
        doc = to_document(src, max_words=max_words)
        total += word_count(doc.text)
        if total > MAX_BUILD_WORDS:
            raise InputTooLarge(f"the build is over {MAX_BUILD_WORDS:,} words; build fewer documents at once")
        yield doc
