"""Frozen dataclasses passed between the stages: Document -> Fact -> Question -> Quiz."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FactKind = Literal["number", "name", "date", "position"]
QuestionType = Literal["cloze", "multiple_choice"]

FACT_KINDS: tuple[FactKind, ...] = ("number", "name", "date", "position")
QUESTION_TYPES: tuple[QuestionType, ...] = ("cloze", "multiple_choice")

BLANK = "_____"


@dataclass(frozen=True, slots=True)
class Document:
    """A document reduced to plain text: paragraphs separated by blank lines."""

    id: str  # a slug of the document's name (file stem, or the title for stdin)
    source: str  # the path as given (never absolute), or "-" for stdin
    title: str
    text: str  # the body text that every offset refers to (the title is not part of it)
    sha256: str  # of the raw bytes read
    # A dated news story (a dateline opens it): its main facts are in its lead, the rest is detail.
    news: bool = False
    # Where the text's headed sections open (offsets into text; none for a text without headings).
    sections: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Fact:
    """A checkable statement found in a document: the answer span and its sentence."""

    id: str
    document: str  # Document.id
    kind: FactKind
    answer: str  # verbatim span of Document.text[start:end]
    sentence: str  # verbatim sentence Document.text[sentence_start:sentence_start+len(sentence)]
    start: int
    end: int
    sentence_start: int
    label: str  # finer type: PERSON, GPE, ORG, LOC, CARDINAL, MONEY, PERCENT, DURATION, YEAR, WEEKDAY, ...
    # Positions only (None for other kinds): who said what.
    speaker: str | None = None  # the speaker as written in the text, or the name it resolves to
    cue: str | None = None  # the reporting verb as in the text
    content: str | None = None  # what was said, verbatim
    content_start: int | None = None
    content_end: int | None = None
    polarity: Literal["positive", "negative"] | None = None  # negative for denied, dismissed, rejected
    who_question: str | None = None  # "Who ...?" form of the sentence, when it could be made
    quote_start: int | None = None  # a short quoted key phrase inside the content (for a content cloze)
    quote_end: int | None = None
    # The sentence as shown to a learner when a leading pronoun was resolved: "[Biden] spoke ...".
    context: str | None = None
    mentions: int = 1  # how often the answer (or speaker) is mentioned in its document
    gender: str | None = None  # people only: "m"/"f" when the document's pronouns agree


@dataclass(frozen=True, slots=True)
class Question:
    """One study question made from one fact."""

    id: str  # stable, content-anchored (see questions.question_id)
    document: str  # Document.id
    fact: str  # Fact.id
    kind: FactKind
    type: QuestionType
    prompt: str  # what the learner sees: the sentence with BLANK, or a "Who ...?" question
    answer: str  # verbatim
    sentence: str  # verbatim source sentence
    start: int  # the answer's offsets in Document.text
    end: int
    options: tuple[str, ...] | None = None  # multiple choice only: the answer once among distractors
    tags: tuple[str, ...] = ()

    @property
    def correct_index(self) -> int | None:
        """Index of the answer in options (multiple choice), else None."""
        return None if self.options is None else self.options.index(self.answer)


@dataclass(frozen=True, slots=True)
class Generator:
    """What made a quiz: recorded in the JSON so outputs can be traced."""

    version: str
    pipeline: str
    pipeline_version: str
    seed: int


@dataclass(frozen=True, slots=True)
class Quiz:
    """Everything a build produces; the exporters only read it."""

    name: str
    title: str
    generator: Generator
    documents: tuple[Document, ...]
    facts: tuple[Fact, ...]
    questions: tuple[Question, ...]
    warnings: tuple[str, ...] = field(default=())

    def document(self, doc_id: str) -> Document:
        """The document with this id."""
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise KeyError(doc_id)
