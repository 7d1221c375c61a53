"""The printable HTML quiz: one self-contained worksheet (inline CSS, no script) with an answer key."""

from __future__ import annotations

import contextlib
import functools
import re
from pathlib import Path
from typing import NamedTuple

import jinja2
import jinja2.bccache

import quizgen
from quizgen.atomic import write_text_atomic
from quizgen.errors import OutputError
from quizgen.model import BLANK, Fact, Question, Quiz
from quizgen.userdirs import cache_dir

TEMPLATE = "quiz.html"
LETTERS = "ABCDEFGHIJ"
_LEADING = re.compile(r"^[^\s\w]+")  # punctuation right after a blank
_TRAILING = re.compile(r"[^\s\w]+$")  # punctuation right before a blank


# The templates' view of a quiz. NamedTuples, not frozen dataclasses: as immutable, and this module is
# imported during a build, where making a slotted dataclass takes 0.6 ms and a NamedTuple 0.1 ms.
class HtmlQuestion(NamedTuple):
    """A question as the templates see it: its number and the prompt split around the blank."""

    number: int
    question: Question
    prompt_parts: tuple[str, ...]  # text between blanks: one part means no blank
    glue: tuple[tuple[str, str], ...]  # per blank: the punctuation that must not wrap away from it
    options: tuple[tuple[str, str], ...]  # (letter, option); empty for cloze


class KeyEntry(NamedTuple):
    """One line of the answer key: the answer and the sentence it came from, split to bold the answer."""

    number: int
    letter: str | None  # multiple choice only
    answer: str
    before: str  # source sentence up to the answer (the whole sentence when it cannot be located)
    found: str  # the answer as written in the sentence, or "" when not located
    after: str
    document: str  # the document's title


def builtin_templates() -> Path:
    """The built-in template folder: inside the installed package, else the source tree's `templates/`."""
    package_dir = Path(quizgen.__file__).resolve().parent / "templates"
    if package_dir.is_dir():
        return package_dir
    repo_dir = Path(quizgen.__file__).resolve().parent.parent / "templates"
    if repo_dir.is_dir():
        return repo_dir
    raise OutputError(f"quizgen's HTML templates are missing (looked in {package_dir} and {repo_dir})")


def make_env(template_dir: Path | None = None) -> jinja2.Environment:
    """A Jinja2 environment: the user's folder first, then the built-ins, also reachable as `!builtin/`."""
    builtin = str(builtin_templates())
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        template_dir = Path(template_dir)
        if not template_dir.is_dir():
            raise OutputError(f"template folder {template_dir} does not exist or is not a folder")
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders.append(jinja2.FileSystemLoader(builtin))
    # The prefix lets an override extend the template it replaces: {% extends "!builtin/quiz.html" %}.
    loaders.append(jinja2.PrefixLoader({"!builtin": jinja2.FileSystemLoader(builtin)}))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@functools.lru_cache(maxsize=4)
def _builtin_env(cache_folder: str) -> jinja2.Environment:
    # One per process (and cache folder): its loaded templates are kept, checked against their files.
    return make_env()


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept in the cache folder; a cache that cannot be read or written is skipped."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a broken cache only costs the compile
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    # Compiling the templates is about 30 ms of every build; the compiled code is keyed by the source.
    folder = cache_dir() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _QuietBytecodeCache(str(folder))


def render_html(
    quiz: Quiz,
    *,
    title: str | None = None,
    include_key: bool = True,
    template_dir: Path | None = None,
) -> str:
    """The quiz as one HTML page: multiple choice, then cloze, then (optionally) the key on its own page."""
    env = make_env(template_dir) if template_dir is not None else _builtin_env(str(cache_dir()))
    titles = {doc.id: doc.title for doc in quiz.documents}
    facts = {fact.id: fact for fact in quiz.facts}
    ordered = [q for q in quiz.questions if q.type == "multiple_choice"]
    ordered += [q for q in quiz.questions if q.type == "cloze"]
    items = [_item(number, q) for number, q in enumerate(ordered, start=1)]
    context = {
        "title": title or quiz.title or "; ".join(doc.title for doc in quiz.documents) or "Quiz",
        "quiz": quiz,
        "sources": [doc.title for doc in quiz.documents],
        "multiple_choice": [item for item in items if item.question.type == "multiple_choice"],
        "cloze": [item for item in items if item.question.type == "cloze"],
        "total": len(items),
        "include_key": include_key,
        "key": [_key_entry(item, facts.get(item.question.fact), titles) for item in items],
    }
    try:
        html = env.get_template(TEMPLATE).render(context)
    except jinja2.TemplateError as err:
        where = f" in {err.name}" if isinstance(err, jinja2.TemplateSyntaxError) and err.name else ""
        raise OutputError(f"HTML template error{where}: {err.message or err}") from err
    # Trailing spaces would make byte-identical output depend on editor settings of template authors.
    return "\n".join(line.rstrip() for line in html.splitlines()) + "\n"


def write_html(
    quiz: Quiz,
    path: Path,
    *,
    title: str | None = None,
    include_key: bool = True,
    template_dir: Path | None = None,
) -> Path:
    """Render the quiz (see `render_html`) and write it atomically to `path`; return `path`."""
    path = Path(path)
    html = render_html(quiz, title=title, include_key=include_key, template_dir=template_dir)
    write_text_atomic(path, html)
    return path


def _item(number: int, question: Question) -> HtmlQuestion:
    options = tuple(zip(LETTERS, question.options or (), strict=False))
    parts = question.prompt.split(BLANK)
    glue: list[tuple[str, str]] = []
    # Characters touching a blank (an opening quote, a closing period) stay on its line: a `"` left
    # at the end of one line with the blank on the next reads as a stray mark.
    for i in range(1, len(parts)):
        after = _LEADING.match(parts[i])
        suffix = after.group() if after else ""
        parts[i] = parts[i][len(suffix) :]
        before = _TRAILING.search(parts[i - 1])
        prefix = before.group() if before else ""
        parts[i - 1] = parts[i - 1][: len(parts[i - 1]) - len(prefix)]
        glue.append((prefix, suffix))
    return HtmlQuestion(number, question, tuple(parts), tuple(glue), options)


def _key_entry(item: HtmlQuestion, fact: Fact | None, titles: dict[str, str]) -> KeyEntry:
    q = item.question
    letter = LETTERS[q.correct_index] if q.correct_index is not None else None
    sentence, answer = q.sentence, q.answer
    # Prefer the exact offset (the answer may occur twice in its sentence); fall back to the first match.
    at = q.start - fact.sentence_start if fact is not None and fact.document == q.document else -1
    if not (at >= 0 and sentence[at : at + len(answer)] == answer):
        at = sentence.find(answer) if answer else -1
    if at < 0:
        before, found, after = sentence, "", ""
    else:
        before, found, after = sentence[:at], answer, sentence[at + len(answer) :]
    return KeyEntry(item.number, letter, answer, before, found, after, titles.get(q.document, q.document))
