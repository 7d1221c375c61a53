"""Slips in a source sentence that a question would print as they are.

quizgen never rewrites a sentence, so a sentence with a slip in it makes a question a teacher would have
to correct. Each check here is narrow: it names a slip readers found in real articles, and a sentence
it does not recognise is left alone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from quizgen.spelling import MIN_FIX, misspelt_words
from quizgen.textscan import may_match

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# The words misspelt_words looks at: runs of letters, six or more long (shorter ones are never slips).
_LONG_WORD = re.compile(rf"[A-Za-z]{{{MIN_FIX - 1},}}")
_SPACED_HYPHEN = re.compile(r"[A-Za-z] - [a-z]")  # "Scientology - owned", not "1801 - 1840" or "Paris - Berlin"
_UNHYPHENATED_AGE = re.compile(r"\b\d[\d,]* (?:year|month|week|day|century) old\b")  # "a 2000 year old tradition"
# "garrison of 501st Legion" (no "the"), "two minutes in the second half" (for "into"), "this years theme".
_MISSING_WORD = re.compile(r"\b(?:of|in|at|from|by|with) \d+(?:st|nd|rd|th) [A-Z]|\b(?:minutes|seconds) in the "
                           r"(?:first|second) half\b|\b(?:[Tt]his|[Tt]hat|[Ll]ast|[Nn]ext) years\b"
                           r"|\b[Tt]he injury time\b")
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th) ")  # in every match of _MISSING_WORD's first form
_SPACED_CURRENCY = re.compile(r"[$€£] \d")
_FOOTNOTE = re.compile(r"\[(?:n |note |nb )?\d+\]|\[(?:citation needed|clarification needed|when\?)\]", re.I)
_SHOUTED = re.compile(r"\b[A-Z]{3,}\b")
_DOUBLE_HEDGE = re.compile(r"\b(?:claim|claims|claimed|alleged|alleges)\b[^.;]*\ballegedly\b")
_LOOSE_HYPHEN = re.compile(r"[a-z]- [\"'‘“a-z]")  # "the claim- 'legacy backlog'"
_A_THEN_S = re.compile(r"\b[Aa]n? (?:\w+ )?\w+s\b")  # a cheap look before the parse is consulted
_COUNTING_WORDS = {"few", "lot", "number", "dozen", "hundred", "thousand", "million", "billion", "couple", "great",
                   "good", "total", "series", "pair", "variety", "range", "majority"}
_TIME_WORDS = ("Year", "Week", "Month", "Weekend", "Night", "Morning", "Evening", "Afternoon")
# "results from the sentence of the Italian Supreme Court of Cassation": Italian "sentenza", a court's ruling.
# In English a court passes a sentence on someone; its decision is a ruling or a judgment.
_COURT_SENTENCE = re.compile(r"\bsentences? of the (?:[A-Z][\w-]* )*(?:of )?(?:[A-Z][\w-]* )*Court\b")
_CAPITAL_TIME = re.compile(rf"\b(?:Last|Next|This|last|next|this) (?:{'|'.join(_TIME_WORDS)})\b")


def source_slip(sent: Span, text: str) -> str | None:
    """What is wrong with the sentence as written (`text` is its text), or None when nothing is found."""
    if misspelt_words(_LONG_WORD.findall(text)):
        return "misspelt word"  # "recieve"
    # Each check first looks for a word every match contains (see may_match): most sentences have none.
    if "- " in text and (_SPACED_HYPHEN.search(text) or _LOOSE_HYPHEN.search(text)):
        return "spaced hyphen"
    if " old" in text and _UNHYPHENATED_AGE.search(text):
        return "age without hyphens"
    if _SPACED_CURRENCY.search(text):
        return "spaced currency"  # "each of $ 200 in value"
    if _FOOTNOTE.search(text):
        return "footnote marker"  # "... in 1840.[n 8]": the article's apparatus, printed in the prompt
    if (_ORDINAL.search(text) or may_match(text, (" half", " years", "injury time"))) and _MISSING_WORD.search(text):
        return "missing word"
    if "sentence" in text and _COURT_SENTENCE.search(text):
        return "false friend"
    if "allegedly" in text and _DOUBLE_HEDGE.search(text):
        return "hedged twice"  # "where they claimed Montalvo allegedly left"
    if _A_THEN_S.search(text) and any(_article_before_plural(t) for t in sent if t.lower_ in ("a", "an")):
        return "'a' before a plural"  # "such a swords"
    if may_match(text, _TIME_WORDS) and _CAPITAL_TIME.search(text):
        return "capitalised time word"  # "Last Year over 4 million visitors attended"
    if _SHOUTED.search(text) and sum(_common_shouted(w) for w in _SHOUTED.findall(text)) >= 2:
        return "capital letters"  # "NOW, THEREFORE, we do hereby Order": a decree in its own typography
    root = sent.root
    children = list(root.children)  # the three checks below look at them: made once
    subjects = [c for c in children if c.dep_ == "nsubj"]
    if len(subjects) == 1 and (_disagreeing_subject(root, subjects[0])
                               or _joined_subject_singular_verb(root, subjects[0], children)):
        return "subject and verb disagree"
    if "," in text and _comma_before_verb(root, children):
        return "comma between subject and verb"
    if ", that " in text and any(_comma_before_defining_that(t) for t in sent if t.lower_ == "that"):
        return "comma before a defining 'that'"
    return None


def _common_shouted(word: str) -> bool:
    # "THEREFORE" is a common word in capitals; "NATO" and "NASA" are acronyms.
    from quizgen.spelling import is_common

    return is_common(word.lower())


def _disagreeing_subject(root: Token, subject: Token) -> bool:
    # "The magazine MicroMega describe ...": a singular subject (the root's only nsubj) with a plural verb.
    if root.tag_ != "VBP":
        return False
    if subject.tag_ not in ("NN", "NNP") or any(c.dep_ in ("conj", "cc") for c in subject.children):
        return False
    if subject.tag_ == "NNP" and subject.text.endswith("s"):
        return False  # "MozCamps are": a plural name
    # "82% of the plants are", "the majority of which are": the verb agrees with what is counted.
    return not any(c.dep_ == "prep" and c.lower_ == "of" for c in subject.children) and subject.lower_ not in (
        "%", "percent", "majority", "minority", "number", "proportion", "quarter", "third", "half", "rest")


def _joined_subject_singular_verb(root: Token, subject: Token, children: list[Token]) -> bool:
    # "New Zealand's isolation ... and island biogeography has influenced ...": two subjects, one verb
    # (`subject` is the root's only nsubj, `children` the root's children).
    if not any(c.dep_ == "prep" for c in subject.children):
        return False  # "New Zealand art and craft has": one thing; a long first subject is two
    joined = any(c.dep_ == "cc" and c.lower_ == "and" for c in subject.children) and any(
        c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") for c in subject.children)
    verb = next((c for c in children if c.dep_ in ("aux", "auxpass") and c.i < root.i), root)
    return joined and verb.tag_ == "VBZ"


def _comma_before_verb(root: Token, children: list[Token]) -> bool:
    # "The firm Secunia.com, has said ...": one comma between a subject and its verb.
    subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) != 1 or root.tag_ == "VBG":
        return False  # a participle as the root is the parser's mistake, not the writer's
    subject = subjects[0]
    if subject.i > root.i:
        return False  # the subject follows its verb
    words = list(subject.subtree)
    while words and words[-1].is_punct:  # the parser often hangs the comma on the subject
        words.pop()
    if not words:
        return False
    last = words[-1].i
    verb_start = min([c.i for c in children if c.dep_ in ("aux", "auxpass", "neg") and c.i > last] + [root.i])
    # Exactly one token between the subject's last word and the verb (doc[last + 1 : verb_start]), a comma.
    return verb_start == last + 2 and root.doc[last + 1].text == "," and not any(w.text == "," for w in words)


def _comma_before_defining_that(token: Token) -> bool:
    # "a software platform by Mozilla, that allows ...": a defining clause set off by a comma.
    doc = token.doc
    return (token.i > 1 and doc[token.i - 1].text == "," and doc[token.i - 2].pos_ in ("NOUN", "PROPN")
            and token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ in ("relcl", "advcl")
            and token.head.i > token.i)


def _article_before_plural(token: Token) -> bool:
    head = token.head
    return (token.dep_ == "det" and head.tag_ == "NNS" and 0 < head.i - token.i <= 2 and head.dep_ != "compound"
            and not any(w.lower_ in _COUNTING_WORDS for w in token.doc[token.i + 1 : head.i + 1]))
