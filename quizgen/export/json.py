"""The JSON contract (`quizgen/1`): Quiz <-> dict, written deterministically."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from quizgen.atomic import write_text_atomic
from quizgen.errors import OutputError
from quizgen.model import Document, Fact, Generator, Question, Quiz

FORMAT = "quizgen/1"

_POSITION_FIELDS = ("speaker", "cue", "content", "content_start", "content_end", "polarity")


def quiz_to_dict(quiz: Quiz) -> dict[str, Any]:
    """The quiz as plain data in the documented contract (see quizgen/data/quiz.schema.json)."""
    return {
        "format": FORMAT,
        "name": quiz.name,
        "title": quiz.title,
        "generator": {
            "version": quiz.generator.version,
            "pipeline": quiz.generator.pipeline,
            "pipeline_version": quiz.generator.pipeline_version,
            "seed": quiz.generator.seed,
        },
        "documents": [
            {"id": d.id, "source": d.source, "title": d.title, "sha256": d.sha256} for d in quiz.documents
        ],
        "facts": [_fact_dict(f) for f in quiz.facts],
        "questions": [_question_dict(q) for q in quiz.questions],
        "warnings": list(quiz.warnings),
    }


def _fact_dict(fact: Fact) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": fact.id,
        "document": fact.document,
        "kind": fact.kind,
        "label": fact.label,
        "answer": fact.answer,
        "sentence": fact.sentence,
        "start": fact.start,
        "end": fact.end,
        "sentence_start": fact.sentence_start,
    }
    if fact.context is not None:
        data["context"] = fact.context
    if fact.kind == "position":
        for name in _POSITION_FIELDS:
            data[name] = getattr(fact, name)
    return data


def _question_dict(question: Question) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": question.id,
        "document": question.document,
        "fact": question.fact,
        "kind": question.kind,
        "type": question.type,
        "prompt": question.prompt,
        "answer": question.answer,
        "sentence": question.sentence,
        "start": question.start,
        "end": question.end,
        "tags": list(question.tags),
    }
    if question.options is not None:
        data["options"] = list(question.options)
    return data


def dumps(quiz: Quiz) -> str:
    """Deterministic JSON text: fixed key order, no timestamps, trailing newline."""
    return dumps_indented(quiz_to_dict(quiz)) + "\n"


def dumps_indented(data: Any) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)`, the same text, made faster.

    With an indent the standard library encodes in Python, one generator per container; here strings
    go through its C string encoder and the rest is joined directly. Anything but str keys, strings,
    ints, booleans, None, lists, tuples and dicts goes to json.dumps itself.
    """
    parts: list[str] = []
    try:
        _encode(data, "\n", parts)
    except _NotPlain:
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    return "".join(parts)


class _NotPlain(Exception):
    """A value dumps_indented leaves to json.dumps."""


_STRING = json.encoder.encode_basestring  # what json.dumps uses with ensure_ascii=False


def _encode(value: Any, newline: str, out: list[str]) -> None:
    kind = type(value)
    if kind is str:
        out.append(_STRING(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in sorted(value.items()):
            if type(key) is not str:
                raise _NotPlain
            out.append(separator)
            out.append(_STRING(key))
            out.append(": ")
            kind = type(item)  # most values are strings and numbers: encoded here, not by another call
            if kind is str:
                out.append(_STRING(item))
            elif kind is int:
                out.append(int.__repr__(item))
            else:
                _encode(item, inner, out)
            separator = "," + inner
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            out.append(separator)
            if type(item) is str:
                out.append(_STRING(item))
            else:
                _encode(item, inner, out)
            separator = "," + inner
        out.append(newline + "]")
    elif kind is int:
        out.append(int.__repr__(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    else:
        raise _NotPlain


def write_json(quiz: Quiz, path: Path) -> Path:
    """Write the quiz's JSON atomically to `path`."""
    write_text_atomic(path, dumps(quiz))
    return path


def quiz_from_dict(data: dict[str, Any]) -> Quiz:
    """Rebuild a Quiz from the contract's data (the inverse of quiz_to_dict, less document text)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise OutputError(f"not a quizgen deck (expected format {FORMAT!r})")
    try:
        gen = data["generator"]
        documents = tuple(
            Document(id=d["id"], source=d["source"], title=d["title"], text="", sha256=d["sha256"])
            for d in data["documents"]
        )
        facts = tuple(
            Fact(
                id=f["id"], document=f["document"], kind=f["kind"], answer=f["answer"],
                sentence=f["sentence"], start=f["start"], end=f["end"],
                sentence_start=f["sentence_start"], label=f["label"], context=f.get("context"),
                **{name: f.get(name) for name in _POSITION_FIELDS},
            )
            for f in data["facts"]
        )
        questions = tuple(
            Question(
                id=q["id"], document=q["document"], fact=q["fact"], kind=q["kind"], type=q["type"],
                prompt=q["prompt"], answer=q["answer"], sentence=q["sentence"], start=q["start"],
                end=q["end"], options=tuple(q["options"]) if "options" in q else None,
                tags=tuple(q.get("tags", ())),
            )
            for q in data["questions"]
        )
        return Quiz(
            name=data["name"], title=data["title"],
            generator=Generator(gen["version"], gen["pipeline"], gen["pipeline_version"], gen["seed"]),
            documents=documents, facts=facts, questions=questions,
            warnings=tuple(data.get("warnings", ())),
        )
    except (KeyError, TypeError, ValueError) as err:
        raise OutputError(f"malformed quizgen deck: {err}") from err


def load_quiz(path: Path) -> Quiz:
    """Read a quiz written by write_json."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise OutputError(f"no such deck: {path}") from err
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise OutputError(f"cannot read deck {path}: {err}") from err
    return quiz_from_dict(data)
