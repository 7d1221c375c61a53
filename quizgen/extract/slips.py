"""Slips in a source sentence that a question would print as they are.

quizgen never rewrites a sentence, so a sentence with a slip in it makes a question a teacher would have
to correct. Each check here is narrow: it names a slip readers found in real articles, and a sentence
it does not recognise is left alone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from quizgen.spelling import misspelt_words

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_SPACED_HYPHEN = re.compile(r"[A-Za-z] - [a-z]")  # "Scientology - owned", not "1801 - 1840" or "Paris - Berlin"
_UNHYPHENATED_AGE = re.compile(r"\b\d[\d,]* (?:year|month|week|day|century) old\b")  # "a 2000 year old tradition"
_TIME_WORDS = ("Year", "Week", "Month", "Weekend", "Night", "Morning", "Evening", "Afternoon")
_CAPITAL_TIME = re.compile(rf"(?<![.!?:\"“] )\b(?:Last|Next|This) (?:{'|'.join(_TIME_WORDS)})\b")


def source_slip(sent: Span, text: str) -> str | None:
    """What is wrong with the sentence as written (`text` is its text), or None when nothing is found."""
    if misspelt_words(re.findall(r"[A-Za-z]+", text)):
        return "misspelt word"  # "recieve"
    if _SPACED_HYPHEN.search(text):
        return "spaced hyphen"
    if _UNHYPHENATED_AGE.search(text):
        return "age without hyphens"
    match = _CAPITAL_TIME.search(text)
    if match and match.start() > 0:
        return "capitalised time word"  # "The event grew. ... and Last Year over 4 million came"
    root = sent.root
    if _disagreeing_subject(root) or _joined_subject_singular_verb(root):
        return "subject and verb disagree"
    if _comma_before_verb(root):
        return "comma between subject and verb"
    if any(_comma_before_defining_that(t) for t in sent if t.lower_ == "that"):
        return "comma before a defining 'that'"
    return None


def _disagreeing_subject(root: Token) -> bool:
    # "The magazine MicroMega describe ...": a singular subject with a plural verb.
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    if root.tag_ != "VBP" or len(subjects) != 1:
        return False
    subject = subjects[0]
    return subject.tag_ in ("NN", "NNP") and not any(c.dep_ in ("conj", "cc") for c in subject.children)


def _joined_subject_singular_verb(root: Token) -> bool:
    # "New Zealand's isolation ... and island biogeography has influenced ...": two subjects, one verb.
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    if len(subjects) != 1:
        return False
    subject = subjects[0]
    joined = any(c.dep_ == "cc" and c.lower_ == "and" for c in subject.children) and any(
        c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") for c in subject.children)
    verb = next((c for c in root.children if c.dep_ in ("aux", "auxpass") and c.i < root.i), root)
    return joined and verb.tag_ == "VBZ"


def _comma_before_verb(root: Token) -> bool:
    # "The firm Secunia.com, has said ...": one comma between a subject and its verb.
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) != 1:
        return False
    subject = subjects[0]
    doc = root.doc
    words = list(subject.subtree)
    while words and words[-1].is_punct:  # the parser often hangs the comma on the subject
        words.pop()
    if not words:
        return False
    last = words[-1].i
    verb_start = min([c.i for c in root.children if c.dep_ in ("aux", "auxpass", "neg") and c.i > last] + [root.i])
    between = doc[last + 1 : verb_start]
    return (len(between) == 1 and between[0].text == "," and not any(w.text == "," for w in words)
            and subject.i < root.i)


def _comma_before_defining_that(token: Token) -> bool:
    # "a software platform by Mozilla, that allows ...": a defining clause set off by a comma.
    doc = token.doc
    return (token.i > 1 and doc[token.i - 1].text == "," and doc[token.i - 2].pos_ in ("NOUN", "PROPN")
            and token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ in ("relcl", "advcl")
            and token.head.i > token.i)
