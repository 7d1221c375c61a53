"""Quality flags on questions: one implementation for the build's filter and `quizgen check`."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice

from quizgen.distractors import cities_of, identity, is_alias, mention_needles, mentioned_in, padded
from quizgen.forms import answer_form
from quizgen.model import BLANK, Question, Quiz
from quizgen.normalize import fold, normalize_answer

MAX_PROMPT_WORDS = 50
MIN_PROMPT_WORDS = 6
LONGEST_RATE_LIMIT = 0.35
DANGLING_OPENERS = {
    "he", "she", "it", "they", "this", "these", "that", "those", "his", "her", "its", "their", "we", "i",
    "you", "such", "them", "him", "there",
}
DANGLING_EXCEPTIONS = {"there is", "there are", "there was", "there were"}
_WORD = re.compile(r"[\w']+")


def _label(question: Question, label: str | None = None) -> str:
    if label is not None:
        return "PERSON" if label == "PERSON" else ""
    return answer_label(question.answer, question.kind)


def answer_label(answer: str, kind: str) -> str:
    """'PERSON' for answers that may be a person's name, whose surname alone gives them away."""
    words = answer.split()
    if kind in ("name", "position") and 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
        return "PERSON"
    return ""


@functools.lru_cache(maxsize=65536)
def answer_shown(answer: str, kind: str, text: str) -> bool:
    """Whether `text` names the answer, an alias of it, (for people) its surname, or spells it out.

    Also caught: a one-word name inside a longer word ("XUL" in "XULRunner") and an acronym
    whose expansion stands in the text ("MPL" after "Mozilla Public License").
    """
    side = _answer_side(answer, kind)
    visible = text.replace(BLANK, " ")
    # The answer named (mentioned_in), or for a name one of the cities the banks place in it
    # ("the Taipei Lantern Festival ... in _____": Taiwan).
    folded = padded(visible)
    if any(needle in folded for needle in side.needles):
        return True
    if kind == "number":
        return _same_number_shown(answer, visible)
    if side.decade is not None:
        # "Between 1835 and 1862 ... in the _____" points at the 1830s.
        return any(year[:3] == side.decade for year in _YEAR.findall(visible))
    # "deep fiords" beside a blank for Fiordland, "Canadian" for Canada: a shared stem.
    if side.stems and not side.stems.isdisjoint(_text_words(visible)[1]):
        return True
    if side.half_words:
        # "a Hebrew Gospel ... known today as the _____" (Gospel of the Hebrews): half its words show.
        folded_words = _text_words(visible)[0]
        if sum(w in folded_words for w in side.words) * 2 >= len(side.words):
            return True
    if side.one_word:
        # Case-sensitive: "XUL" in "XULRunner" gives it away, "SWIFT" in "swiftly" does not.
        if _in_longer_word(answer, visible):
            return True
        # "Boot to _____ also known as B2G": an acronym just after the blank spells its initial.
        if any(answer[0] in w[1:] for w in _acronyms_after_blank(text)):
            return True
        # "(XPCOM, HTML, CSS, XUL)" beside a blank for XULRunner: the start of the name is shown.
        capitalised = _capitalised_words(visible)
        if any(answer.startswith(w) and len(w) >= 3 for w in capitalised if w != answer):
            return True
        if answer.isupper() and 2 <= len(answer) <= 6:
            initials = "".join(w[0] for w in capitalised)
            return answer in initials
    # "_____ (NSS)": the acronym in the prompt spells out "Network Security Services".
    return side.initials is not None and _whole_word(side.initials, visible)


_YEAR = re.compile(r"\b(?:1\d{3}|20\d{2})\b")
_DECADE = re.compile(r"(1\d{2}|20\d)0s")


@dataclass(frozen=True, slots=True)
class _AnswerSide:
    """What answer_shown looks for of one answer, whatever the prompt."""

    needles: tuple[str, ...]  # mentioned_in's, and for a name its cities'
    decade: str | None  # a date's decade ("183" for "1830s")
    words: tuple[str, ...]  # folded words of four letters or more, not stop words
    stems: frozenset[str]  # for names and positions: their five-letter stems (none for an acronym)
    half_words: bool  # a name or position of two such words or more
    one_word: bool  # a one-word name or position of three characters or more
    initials: str | None  # the capitals of its words, when two or more


@functools.lru_cache(maxsize=65536)
def _answer_side(answer: str, kind: str) -> _AnswerSide:
    # Worked out once per answer: each answer is checked against many prompts.
    needles = mention_needles(answer, answer_label(answer, kind))
    if kind == "name":
        needles += tuple(n for city in cities_of(answer) for n in mention_needles(city))
    decade = _DECADE.fullmatch(answer) if kind == "date" else None
    words = tuple(w for w in fold(answer).split() if len(w) >= 4 and w not in STOPWORDS)
    named = kind in ("name", "position")
    stems = frozenset(w[:5] for w in words if len(w) >= 6) if named and not answer.isupper() else frozenset()
    capitals = [w[0] for w in answer.split() if w[:1].isupper()]
    return _AnswerSide(
        needles=needles, decade=decade.group(1) if decade else None, words=words, stems=stems,
        half_words=named and len(words) >= 2, one_word=named and " " not in answer and len(answer) >= 3,
        initials="".join(capitals) if len(capitals) >= 2 else None,
    )


# Worked out once per prompt: a prompt is checked against every other candidate's answer.
@functools.lru_cache(maxsize=4096)
def _acronyms_after_blank(text: str) -> tuple[str, ...]:
    """Acronyms with a digit ("B2G") among the six words after the blank."""
    after = text.split(BLANK, 1)[1] if BLANK in text else ""
    return tuple(w for w in re.findall(r"\b[A-Z0-9]{2,5}\b", " ".join(after.split()[:6]))
                 if any(ch.isdigit() for ch in w))


@functools.lru_cache(maxsize=4096)
def _capitalised_words(text: str) -> tuple[str, ...]:
    """The words of `text` that start with a capital letter, with their hyphens."""
    return tuple(re.findall(r"\b[A-Z][\w-]*", text))


# Both as the regexes `\wA|A\w` and `\bA\b` find them, without compiling a regex for every answer
# (a new answer's pattern took a fifth of a millisecond to compile).
def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what `\w` matches, and `\b` tells apart


def _in_longer_word(answer: str, text: str) -> bool:
    """Whether `answer` stands in `text` with a word character just before or after it."""
    at = text.find(answer)
    while at >= 0:
        end = at + len(answer)
        if at > 0 and is_word_char(text[at - 1]) or end < len(text) and is_word_char(text[end]):
            return True
        at = text.find(answer, at + 1)
    return False


def _whole_word(word: str, text: str) -> bool:
    """Whether `word` stands in `text` between word boundaries."""
    at = text.find(word)
    while at >= 0:
        if boundary(text, at) and boundary(text, at + len(word)):
            return True
        at = text.find(word, at + 1)
    return False


def boundary(text: str, at: int) -> bool:
    """Whether `\\b` matches at `at` in `text`."""
    return (at > 0 and is_word_char(text[at - 1])) != (at < len(text) and is_word_char(text[at]))


@functools.lru_cache(maxsize=4096)
def _text_words(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The folded words of `text`, and the five-letter stems of those with five letters or more."""
    words = frozenset(fold(text).split())
    return words, frozenset(w[:5] for w in words if len(w) >= 5)


def question_flags(question: Question, label: str | None = None) -> list[str]:
    """Defects of one question on its own; `label` is its fact's label (PERSON, ORG, ...) when known."""
    flags: list[str] = []
    prompt = question.prompt
    visible = prompt.replace(BLANK, " ")
    if answer_shown(question.answer, question.kind, prompt):
        flags.append("answer_in_prompt")
    words = visible.split()
    if len(words) > MAX_PROMPT_WORDS:
        flags.append("long_prompt")
    first_two = " ".join(m.group().lower() for m in islice(_WORD.finditer(prompt), 2))  # not all the words
    first = first_two.split(" ")[0] if first_two else ""
    if first in DANGLING_OPENERS and first_two not in DANGLING_EXCEPTIONS:
        flags.append("dangling_pronoun")
    if question.type == "cloze" and prompt.count(BLANK) != 1:
        flags.append("blank_count")
    if question.options is not None:
        flags.extend(_option_flags(question, _label(question, label)))
    return flags


def _option_flags(question: Question, label: str) -> list[str]:
    flags: list[str] = []
    options = question.options or ()
    keys = [normalize_answer(o) for o in options]
    if len(options) != 4 or len(set(keys)) != len(keys) or options.count(question.answer) != 1:
        flags.append("options_not_distinct")
    stem = question.prompt.replace(BLANK, " ")
    distractors = [o for o in options if o != question.answer]
    if any(is_alias(d, question.answer, label) for d in distractors):
        flags.append("alias_distractor")
    if any(mentioned_in(d, stem, label) for d in distractors):
        flags.append("distractor_in_stem")
    form = answer_form(question.answer, question.kind)
    if any(answer_form(d, question.kind) != form for d in distractors):
        flags.append("format_mismatch")
    return flags


STOPWORDS = {"with", "from", "that", "this", "which", "their", "there", "about", "after", "before", "into"}


@functools.lru_cache(maxsize=65536)
def number_value(text: str) -> float | None:
    """The value of the number a text starts with, in figures or words ("three", "175,000"), or None."""
    from quizgen.distractors import WORD_VALUES

    folded = fold(text)
    word = folded.split()[0] if folded else ""
    if word in WORD_VALUES:
        return float(WORD_VALUES[word])
    match = re.match(r"\d+(?:_\d+)?", word)
    return float(match.group().replace("_", ".")) if match else None


def _same_number_shown(answer: str, visible: str) -> bool:
    """'number 3' beside a blank whose answer is 'three' gives it away, and so does a list of that many
    names for a count ("Afghanistan, Eritrea, Libya, Syria and Yemen" beside "_____ nationalities")."""
    value = number_value(answer)
    if value is None:
        return False
    if value in _number_values(visible):
        return True
    return len(fold(answer).split()) == 1 and value in _listed_counts(visible)  # a count, not "5 million"


# "Afghanistan, Eritrea, Libya, Syria and Yemen": three or more capitalised items, the last after and/or.
_NAME = r"[A-Z][\w'.-]*(?: (?:of |the |de )?[A-Z][\w'.-]*)*"
_NAME_LIST = re.compile(rf"\b{_NAME}(?:, {_NAME})+,? (?:and|or) {_NAME}")


@functools.lru_cache(maxsize=4096)
def _listed_counts(text: str) -> frozenset[float]:
    """How many items each list of names in `text` has."""
    return frozenset(float(len(_LIST_SEPARATOR.split(match.group()))) for match in _NAME_LIST.finditer(text))


_LIST_SEPARATOR = re.compile(r",? (?:and|or) |, ")


@functools.lru_cache(maxsize=4096)
def _number_values(text: str) -> frozenset[float]:
    """The values of the numbers written in `text`, in figures or words."""
    from quizgen.distractors import WORD_VALUES

    # A folded word is its own fold: number_value finds a value only in a number word or a leading digit.
    values = (number_value(word) for word in fold(text).split() if word in WORD_VALUES or word[0] in _DIGITS)
    return frozenset(v for v in values if v is not None)


_DIGITS = frozenset("0123456789")


def correct_is_longest(question: Question) -> bool:
    """Whether the answer is strictly the longest option: the classic length tell."""
    options = question.options or ()
    return bool(options) and all(len(question.answer) > len(o) for o in options if o != question.answer)


def leaks_between(a: Question, b: Question) -> bool:
    """Whether either question's prompt gives away the other's answer."""
    return answer_shown(b.answer, b.kind, a.prompt) or answer_shown(a.answer, a.kind, b.prompt)


@dataclass
class Report:
    """Flags per question id and totals over a quiz."""

    per_question: dict[str, list[str]] = field(default_factory=dict)
    totals: Counter[str] = field(default_factory=Counter)
    longest_rate: float = 0.0
    multiple_choice: int = 0

    @property
    def flagged(self) -> int:
        """Questions with any flag, plus one when the quiz-wide length tell fires."""
        return len(self.per_question) + (1 if self.totals.get("correct_longest_rate") else 0)


def leaks_into(source: Question, target: Question) -> bool:
    """Whether `target`'s prompt names `source`'s answer, so a student who sees both is given it.

    A figure or a date is only a giveaway in its own document's questions: "2 million" voters in Hong
    Kong says nothing about New Zealand's "2 million" sheep. A name is one anywhere in the quiz, but in
    another document's prompt only when it is named there, not when a word of it shows.
    """
    if source.document != target.document:
        # Across documents only the name itself (or an alias or surname) gives it away: "Church of
        # Scientology" in one story's prompt says nothing of another story's "Catholic Church".
        return source.kind not in ("number", "date") and _named(source.answer, source.kind, target.prompt)
    return answer_shown(source.answer, source.kind, target.prompt)


def _named(answer: str, kind: str, text: str) -> bool:
    folded = padded(text.replace(BLANK, " "))
    return any(needle in folded for needle in naming_needles(answer, kind))


def naming_needles(answer: str, kind: str) -> tuple[str, ...]:
    """What names `answer` in another document's prompt, padded as `mentioned_in` searches: the name, its
    aliases and a surname. A "surname" that is a common word ("Church" of "Catholic Church", read as a
    person's name) is no evidence on its own."""
    from quizgen.spelling import is_common

    needles = _answer_side(answer, kind).needles
    return tuple(needle for needle in needles if needle == needles[0] or not is_common(needle.strip()))


def prompt_words(prompt: str) -> tuple[str, ...]:
    """The folded words of a prompt, its blank left out: `_named` searches them, padded, for needles."""
    return tuple(fold(prompt.replace(BLANK, " ")).split())


def check_questions(questions: Sequence[Question], labels: dict[str, str] | None = None) -> Report:
    """Every flag for a set of questions, including duplicates and cross-question leaks.

    `labels` maps fact ids to their labels (PERSON, ORG, ...), so people are checked as people.
    """
    labels = labels or {}
    report = Report()
    seen_prompts: dict[str, str] = {}
    seen_pairs: dict[tuple[str, str], str] = {}
    for question in questions:
        flags = question_flags(question, labels.get(question.fact))
        key = normalize_answer(question.prompt)
        pair = (question.sentence, identity(question.answer, _label(question)))
        if key in seen_prompts or pair in seen_pairs:
            flags.append("duplicate_question")
        seen_prompts.setdefault(key, question.id)
        seen_pairs.setdefault(pair, question.id)
        if any(other.id != question.id and leaks_into(other, question) for other in questions):
            flags.append("cross_leak")
        if flags:
            report.per_question[question.id] = flags
            report.totals.update(flags)
    mc = [q for q in questions if q.options]
    report.multiple_choice = len(mc)
    if mc:
        report.longest_rate = sum(correct_is_longest(q) for q in mc) / len(mc)
        if len(mc) >= 4 and report.longest_rate > LONGEST_RATE_LIMIT:
            report.totals["correct_longest_rate"] = 1
    return report


def check_quiz(quiz: Quiz) -> Report:
    """The quality report of a built quiz (what `quizgen check` prints)."""
    return check_questions(quiz.questions, {f.id: f.label for f in quiz.facts})
