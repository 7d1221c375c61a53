"""Moodle XML: the quiz as `<quiz>` of `<question>` elements for Moodle's question bank import.

Multiple choice becomes `multichoice` (one answer at fraction 100, the rest 0); a cloze becomes
`shortanswer` with the blank in its text. Question and option texts are HTML (escaped from the
document's plain text); short answers stay plain, since Moodle compares them with what is typed.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from quizgen.atomic import write_bytes_atomic
from quizgen.errors import OutputError
from quizgen.model import Question, Quiz

# XML 1.0 cannot hold these at all, escaped or not; PDFs' text layers do carry form feeds and the like.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """Text with the characters XML 1.0 forbids removed (ElementTree would write them as they are)."""
    return _NOT_XML.sub("", text)


def html_text(text: str) -> str:
    """Plain document text as an HTML fragment: escaped, line breaks kept as <br>."""
    return html.escape(xml_safe(text)).replace("\r", "").replace("\n", "<br>")


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = xml_safe(text)
    return element


def _question(quiz_root: ET.Element, question: Question) -> None:
    if question.type == "multiple_choice":
        qtype = "multichoice"
    elif question.type == "cloze":
        qtype = "shortanswer"
    else:
        raise OutputError(f"question {question.id} has unknown type {question.type!r}")
    element = ET.SubElement(quiz_root, "question", {"type": qtype})
    _text(element, "name", question.id)
    _text(element, "questiontext", html_text(question.prompt), "html")
    _text(element, "generalfeedback", html_text(question.sentence), "html")
    ET.SubElement(element, "defaultgrade").text = "1"
    ET.SubElement(element, "hidden").text = "0"
    if qtype == "multichoice":
        options = question.options or ()
        if question.answer not in options:
            raise OutputError(f"multiple-choice question {question.id} has its answer missing from its options")
        ET.SubElement(element, "penalty").text = "0.3333333"
        ET.SubElement(element, "single").text = "true"
        # quizgen already placed the answer among the options by seed; keep that order.
        ET.SubElement(element, "shuffleanswers").text = "false"
        ET.SubElement(element, "answernumbering").text = "ABCD"
        for option in options:
            answer = _text(element, "answer", html_text(option), "html")
            answer.set("fraction", "100" if option == question.answer else "0")
            _text(answer, "feedback", "", "html")
    else:
        ET.SubElement(element, "penalty").text = "0.1"
        ET.SubElement(element, "usecase").text = "0"
        # A bare * in a short answer is Moodle's wildcard; \* matches a literal star.
        answer = _text(element, "answer", question.answer.replace("*", "\\*"), "moodle_auto_format")
        answer.set("fraction", "100")
        _text(answer, "feedback", "", "html")
    if question.tags:
        tags = ET.SubElement(element, "tags")
        for tag in question.tags:
            _text(tags, "tag", tag)


def build_tree(quiz: Quiz) -> ET.ElementTree:
    """The quiz as a Moodle XML element tree: a category, then one question element per question."""
    root = ET.Element("quiz")
    category = ET.SubElement(root, "question", {"type": "category"})
    # quiz.name is a slug: nothing in it that Moodle would read as a path separator.
    _text(category, "category", f"$course$/top/{quiz.name}")
    _text(category, "info", html_text(quiz.title), "html")
    for question in quiz.questions:
        _question(root, question)
    ET.indent(root, space="  ")
    return ET.ElementTree(root)


def dumps(quiz: Quiz) -> bytes:
    """The quiz as Moodle XML bytes (UTF-8, with an XML declaration and a final newline)."""
    return ET.tostring(build_tree(quiz).getroot(), encoding="utf-8", xml_declaration=True) + b"\n"


def write_moodle_xml(quiz: Quiz, path: Path) -> Path:
    """Write the quiz as Moodle XML at `path`, atomically; return the path."""
    write_bytes_atomic(path, dumps(quiz))
    return path
