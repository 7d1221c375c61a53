"""IMS QTI 1.2: a zip of imsmanifest.xml and one assessment, shaped like Canvas's own QTI exports.

Multiple choice becomes `multiple_choice_question` (`response_lid` + `render_choice`, the right
label scoring 100); a cloze becomes `short_answer_question` (`response_str` + `render_fib`). Stems
are escaped HTML (`text/html`), options and answers plain text (`text/plain`), as Canvas writes them.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from quizgen.atomic import write_bytes_atomic
from quizgen.errors import OutputError
from quizgen.export.moodlexml import html_text, xml_safe
from quizgen.model import Question, Quiz

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
LETTERS = ("A", "B", "C", "D", "E", "F", "G", "H")
# A fixed date in every zip entry (zip cannot store one before 1980): same quiz, same bytes.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def assessment_ident(quiz: Quiz) -> str:
    """The assessment's identifier, also its folder and file name inside the package."""
    return f"quizgen-{quiz.name}"


def _field(parent: ET.Element, label: str, entry: str) -> None:
    field = ET.SubElement(parent, "qtimetadatafield")
    ET.SubElement(field, "fieldlabel").text = label
    ET.SubElement(field, "fieldentry").text = entry


def _mattext(parent: ET.Element, text: str, texttype: str) -> None:
    material = ET.SubElement(parent, "material")
    ET.SubElement(material, "mattext", {"texttype": texttype}).text = text


def _score(resprocessing: ET.Element, respident: str, value: str) -> None:
    condition = ET.SubElement(resprocessing, "respcondition", {"continue": "No"})
    conditionvar = ET.SubElement(condition, "conditionvar")
    ET.SubElement(conditionvar, "varequal", {"respident": respident}).text = value
    ET.SubElement(condition, "setvar", {"action": "Set", "varname": "SCORE"}).text = "100"


def _item(section: ET.Element, number: int, question: Question) -> None:
    if question.type == "multiple_choice":
        qtype = "multiple_choice_question"
        options = question.options or ()
        if question.answer not in options or len(options) > len(LETTERS):
            raise OutputError(
                f"multiple-choice question {question.id} needs its answer among at most {len(LETTERS)} options"
            )
    elif question.type == "cloze":
        qtype = "short_answer_question"
    else:
        raise OutputError(f"question {question.id} has unknown type {question.type!r}")
    item = ET.SubElement(section, "item", {"ident": question.id, "title": f"Question {number}"})
    metadata = ET.SubElement(ET.SubElement(item, "itemmetadata"), "qtimetadata")
    _field(metadata, "question_type", qtype)
    _field(metadata, "points_possible", "1.0")
    presentation = ET.SubElement(item, "presentation")
    _mattext(presentation, html_text(question.prompt), "text/html")
    resprocessing = ET.SubElement(item, "resprocessing")
    outcomes = ET.SubElement(resprocessing, "outcomes")
    ET.SubElement(outcomes, "decvar", {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"})
    if qtype == "multiple_choice_question":
        labels = [f"{question.id}-{letter}" for letter in LETTERS[: len(options)]]
        _field(metadata, "original_answer_ids", ",".join(labels))
        response = ET.SubElement(presentation, "response_lid", {"ident": "response1", "rcardinality": "Single"})
        # quizgen already placed the answer among the options by seed; keep that order.
        choices = ET.SubElement(response, "render_choice", {"shuffle": "No"})
        for label, option in zip(labels, options, strict=True):
            _mattext(ET.SubElement(choices, "response_label", {"ident": label}), xml_safe(option), "text/plain")
        _score(resprocessing, "response1", labels[options.index(question.answer)])
    else:
        response = ET.SubElement(presentation, "response_str", {"ident": "response1", "rcardinality": "Single"})
        ET.SubElement(ET.SubElement(response, "render_fib"), "response_label", {"ident": "answer1", "rshuffle": "No"})
        _score(resprocessing, "response1", xml_safe(question.answer))


def assessment_xml(quiz: Quiz, *, title: str | None = None) -> bytes:
    """The QTI 1.2 assessment document: one section holding every question as an item."""
    root = ET.Element("questestinterop", {"xmlns": QTI_NS})
    assessment = ET.SubElement(root, "assessment", {"ident": assessment_ident(quiz),
                                                    "title": xml_safe(title or quiz.title)})
    metadata = ET.SubElement(assessment, "qtimetadata")
    _field(metadata, "cc_maxattempts", "1")
    section = ET.SubElement(assessment, "section", {"ident": "root_section"})
    for number, question in enumerate(quiz.questions, start=1):
        _item(section, number, question)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def manifest_xml(quiz: Quiz) -> bytes:
    """imsmanifest.xml: the package's one resource, the assessment."""
    ident = assessment_ident(quiz)
    root = ET.Element("manifest", {"identifier": f"{ident}-manifest", "xmlns": CP_NS})
    metadata = ET.SubElement(root, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Content"
    ET.SubElement(metadata, "schemaversion").text = "1.1.3"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    href = f"{ident}/{ident}.xml"
    resource = ET.SubElement(resources, "resource", {"identifier": ident, "type": "imsqti_xmlv1p2", "href": href})
    ET.SubElement(resource, "file", {"href": href})
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def package_bytes(quiz: Quiz, *, title: str | None = None) -> bytes:
    """The QTI package as zip bytes: entries sorted, with fixed dates and permissions."""
    ident = assessment_ident(quiz)
    entries = {"imsmanifest.xml": manifest_xml(quiz), f"{ident}/{ident}.xml": assessment_xml(quiz, title=title)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    return buffer.getvalue()


def write_qti(quiz: Quiz, path: Path, *, title: str | None = None) -> Path:
    """Write the quiz as a QTI 1.2 zip at `path`, atomically; return the path."""
    write_bytes_atomic(path, package_bytes(quiz, title=title))
    return path
