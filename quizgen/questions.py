"""Facts -> Questions: candidate forms, filters, ranking, selection, stable ids and options."""

from __future__ import annotations

import hashlib
import math
import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from quizgen.centrality import (
    LONG_ARTICLE_WORDS,
    MIN_LEAD_ECHO,
    centrality,
    document_leads,
    key_words,
    lead_echo,
)
from quizgen.distractors import (
    ROLE_WORDS,
    NamePool,
    arrange,
    bounded,
    cities_of,
    has_aliases,
    identity,
    mentioned_in,
    pick_distractors,
)
from quizgen.model import BLANK, Document, Fact, Question, QuestionType
from quizgen.normalize import normalize_answer
from quizgen.periods import dated_by_period
from quizgen.quality import (
    MAX_PROMPT_WORDS,
    MIN_PROMPT_WORDS,
    answer_shown,
    boundary,
    is_word_char,
    naming_needles,
    number_value,
    prompt_words,
    question_flags,
)
from quizgen.readers import slugify, word_count

KIND_WEIGHT = {"position": 3.0, "number": 2.6, "date": 2.3, "name": 1.8}
LABEL_BONUS = {"PERSON": 0.5, "GPE": 0.1, "ORG": 0.1, "MONTH": -0.3, "DURATION": 0.1}
# What a teacher would not ask even when it is a fact: which weekday something happened.
# A weekday, or a day or month finer than the year ("March 10, 2005", "June 28", "August 2006"): readers
# judged the exact day of an announcement or a launch trivia nearly every time (4 of 30 kept in round 29).
NOT_ASKED_LABELS = {"WEEKDAY", "MONTH_DAY", "FULL_DATE", "MONTH_YEAR"}
# A figure is asked only from a sentence on the document's main subject (see centrality): the count of
# district councils in a long country article is a detail, its population share of English speakers is not.
MIN_NUMBER_CENTRALITY = 2
TYPE_CODES = {"cloze": "cloze", "multiple_choice": "mc"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One way to ask about one fact: a prompt and its answer, before a type is chosen."""

    fact: Fact
    prompt: str  # the cloze prompt (sentence with BLANK), or a "Who ...?" question
    answer: str
    start: int
    end: int
    score: float
    is_question: bool  # "Who ...?" forms are multiple choice only


def default_max_questions(document: Document) -> int:
    """What a teacher would use: about one question per 50 words, between 5 and 40."""
    return max(5, min(40, round(word_count(document.text) / 50)))


# ---------------------------------------------------------------- candidate forms


def candidates_for(fact: Fact, title: str, keep: Callable[[Candidate], bool] | None = None) -> list[Candidate]:
    """The askable forms of a fact, each passing the single-question filters (and `keep`, which is asked
    first: a form it turns away is not put through the costlier filters here)."""
    forms: list[tuple[str, str, int, int, bool]] = []
    if fact.label in NOT_ASKED_LABELS:
        return []
    if fact.kind == "name" and title and (mentioned_in(fact.answer, title, fact.label) or any(
            mentioned_in(city, title) for city in cities_of(fact.answer))):
        return []  # "The 22nd _____ took place ..." when the title names the event (or Taipei, for Taiwan)
    if fact.label == "PERSON" and _SPOKESPERSON.search(fact.sentence):
        return []  # "_____, the State Department Spokesperson, said": the messenger, not the story
    if bounded(fact):
        # "over _____ active contributors": any smaller figure fits the blank as well, and no option is
        # certainly wrong. Readers kept 114 of 210 verdicts on such figures (54 %, corpus rounds 15-48).
        return []
    if fact.kind == "number" and " " not in fact.answer and (number_value(fact.answer) or 0) < _SMALL_COUNT and (
            _APPROXIMATE.search(fact.sentence[:fact.start - fact.sentence_start])):
        # "out of about _____ finalists" (four): about four is about five as well. Readers kept 31 of 50
        # verdicts on an approximate small count (rounds 15-54).
        return []
    if fact.kind == "name" and fact.label == "FAC" and _SPORTS_VENUE.search(fact.answer):
        return []  # "Sweden faced South Korea at the _____": where one match was played is trivia
    if fact.kind == "name" and _ACRONYM.fullmatch(fact.answer):
        return []  # "Paul Tse and Wong Kwok-kin of the _____" (FTU): letters to recall, not a fact
    if fact.kind == "name" and any(w.lower() in MEDIA_WORDS for w in fact.answer.split()[1:]):
        return []  # "The _____ noted ..." for the Straits Times: which paper remarked on it is no fact to learn
    if fact.kind == "position":
        # "Who ...?" only when the sentence names the speaker: "The Russian president" is Putin only to
        # a reader of the whole article.
        # Only people: "Who is of opinion ...?" for Parliament or "the Justice" reads wrong, and their
        # options ("Chairmen in London,") are no people either. "Who ... their ...?" points to a group.
        if fact.who_question and fact.speaker and fact.label == "PERSON" and mentioned_in(
                fact.speaker, fact.sentence, fact.label) and not _PLURAL_BACK.search(fact.who_question):
            forms.append((fact.who_question, fact.speaker, fact.start, fact.end, True))
        # A quoted phrase is not blanked: "_____" for "serious consequences" asks for the wording of a
        # stock phrase ("severe consequences" fits as well), which readers rejected nearly every time.
        speaker_as_written = fact.speaker and normalize_answer(fact.answer) == normalize_answer(fact.speaker)
        if fact.quote_start is None and speaker_as_written and (
                (fact.label == "PERSON" and len(fact.speaker.split()) > 1) or _proper_group(fact.speaker)):
            # The speaker as written is the answer: "_____ said she felt Mohamed had been ...".
            forms.append(_cloze_form(fact, fact.start, fact.end))
    else:
        forms.append(_cloze_form(fact, fact.start, fact.end))
    out = []
    for prompt, answer, start, end, is_question in forms:
        if keep is not None and not keep(Candidate(fact, prompt, answer, start, end, 0.0, is_question)):
            continue
        if not _sentence_ok(fact, prompt, answer):
            continue
        if fact.kind == "name" and prompt.startswith(BLANK) and _ALSO.search(prompt):
            continue  # "_____ is also used by Thunderbird": other things are, too
        if fact.kind in ("name", "position") and _CITED.search(prompt):
            continue  # "as Mr. _____ has urged", "observed by _____": an authority the author cites (31 of 110 kept)
        if fact.label == "PERSON" and _OFFICE_AFTER.search(prompt):
            continue  # "_____, president of Mozilla Europe, has said": who held the post (24 of 62 kept)
        if _IN_EXAMPLE.search(prompt):
            continue  # "... practices, such as pederasty which was found in _____": an example's detail
        out.append(Candidate(fact, prompt, answer, start, end, _score(fact, prompt, title, is_question),
                             is_question))
    return out


_ACRONYM = re.compile(r"[A-Z]{2,5}")
_APPROXIMATE = re.compile(r"\b(?:about|around|approximately|roughly|some|an estimated)\s*$", re.IGNORECASE)
_SMALL_COUNT = 20  # a one-word count below it: its neighbours are as near the truth ("2 million" is no count)
# Where one match was played: readers kept 10 of 36 verdicts on a World Cup game's stadium (rounds 15-48).
_SPORTS_VENUE = re.compile(r"\b(?:Stadium|Stadion|Arena|Ground|Grounds)$")
# A person the sentence names by the post given after the blank, in lower case: "_____, the chairman of the
# project's panel, said", "_____, president of Mozilla Europe, has said" (a public office is capitalised and
# stays: "_____, the Secretary of State, contacted ...", 18 of 20 kept).
_OFFICE_AFTER = re.compile(rf"{re.escape(BLANK)}, (?:the |a |an )?(?:[\w-]+ ){{0,3}}(?:{'|'.join(ROLE_WORDS)})\b")
# Someone a book cites: "Mr. _____", "Dr. _____", or the source of an observation ("observed by _____").
_CITED = re.compile(
    rf"\b(?:Mr|Mrs|Ms|Dr|Messrs|M)\.?\s+{re.escape(BLANK)}|\b(?:observed|described|shown|given|raised|remarked"
    rf"|noticed|recorded|urged|stated|informed)\s+(?:to me\s+)?by\s+(?:(?:Mr|Dr|Sir|Prof)\.?\s+)?{re.escape(BLANK)}")
# A blank inside "such as ..." asks for a detail of one example, where other examples fit as well.
_IN_EXAMPLE = re.compile(r"\bsuch as\b[^;:.]{0,80}" + re.escape(BLANK))
_ALSO = re.compile(r"\b(?:also|too|as well)\b")
_PLURAL_BACK = re.compile(r"\b(?:they|their|them|themselves)\b", re.I)
_SPOKESPERSON = re.compile(r"\bspokes(?:man|woman|person)\b|\b(?:representative|press secretary) (?:for|of)\b", re.I)
MEDIA_WORDS = {"times", "news", "post", "herald", "journal", "daily", "tribune", "guardian", "telegraph",
               "gazette", "bulletin", "weekly", "press", "reuters", "bbc", "cnn", "magazine", "radio", "tv"}


def _proper_group(speaker: str) -> bool:
    # "Civic Party" can be asked; "The Church" or "officials" is no name to recall, and which paper
    # remarked on a story ("The Straits Times noted ...") is not worth a question.
    if speaker != speaker.rstrip(" ,;:."):
        return False  # "Chairmen in London,": a phrase cut from a longer subject, not a name
    words = [w for w in speaker.split() if w.lower() not in ("the", "a", "an")]
    return sum(w[:1].isupper() for w in words) >= 2 and not any(w.lower() in MEDIA_WORDS for w in words)


def _cloze_form(fact: Fact, start: int, end: int) -> tuple[str, str, int, int, bool]:
    sentence = fact.sentence
    rel_start, rel_end = start - fact.sentence_start, end - fact.sentence_start
    answer = sentence[rel_start:rel_end]
    shown = sentence
    if fact.context is not None:
        # "[Biden] spoke ..." replaces one pronoun: an answer after it shifts by the length change.
        pairs = enumerate(zip(sentence, fact.context, strict=False))
        changed_at = next((i for i, (a, b) in pairs if a != b), len(sentence))
        shift = len(fact.context) - len(sentence) if rel_start >= changed_at else 0
        shown, rel_start, rel_end = fact.context, rel_start + shift, rel_end + shift
    return shown[:rel_start] + BLANK + shown[rel_end:], answer, start, end, False


def _sentence_ok(fact: Fact, prompt: str, answer: str) -> bool:
    words = prompt.split()
    if not MIN_PROMPT_WORDS <= len(words) <= MAX_PROMPT_WORDS:
        return False
    if len(answer.split()) * 2 > len(fact.sentence.split()):
        return False  # the blank would be most of the sentence
    if prompt.count('"') % 2 or prompt.count("(") != prompt.count(")") or "((" in prompt or "))" in prompt:
        return False
    qtype: QuestionType = "cloze" if BLANK in prompt else "multiple_choice"
    probe = Question("", fact.document, fact.id, fact.kind, qtype, prompt, answer, fact.sentence, 0, 0)
    return not question_flags(probe, fact.label)


def _surnames(facts: Sequence[Fact], text: str) -> dict[str, str]:
    """Surname -> full name of the people the document names in full, as answers or as speakers. A
    speaker quoted by one name ("Paris claims ...", tagged a place by the small model) counts as a
    surname when the document also writes it after a first name ("Valeska Paris")."""
    people = [f.answer for f in facts if f.kind == "name" and f.label == "PERSON"]
    people += [f.speaker for f in facts if f.kind == "position" and f.speaker and f.label != "ORG"]
    out: dict[str, str] = {}
    for name in people:
        if len(name.split()) >= 2:
            out[name.split()[-1]] = name
        elif name[:1].isupper() and (full := full_name(name, text)):
            out[name] = full
    return out


# A capitalised word before a name that is no first name: "The Mozilla", "In Paris".
_NOT_FIRST_NAMES = frozenset("The A An In On At Of For By To From With And But As This That".split())


def full_name(name: str, text: str) -> str | None:
    """The first "Firstname Name" in `text`: a capitalised word of lower-case letters (no "The", "In", ...),
    standing alone, one space, then `name` as a whole word. Found with `str.find`, not a regex per name."""
    needle = f" {name}"
    at = text.find(needle)
    while at >= 0:
        end = at + len(needle)
        if boundary(text, end):
            first = at
            while first > 0 and "a" <= text[first - 1] <= "z":
                first -= 1
            first -= 1  # the capital
            if (first >= 0 and first < at - 1 and "A" <= text[first] <= "Z"
                    and not (first > 0 and is_word_char(text[first - 1])) and text[first:at] not in _NOT_FIRST_NAMES):
                return text[first:end]
        at = text.find(needle, at + 1)
    return None


def _unintroduced(cand: Candidate, surnames: dict[str, str], title: str) -> bool:
    """Whether the prompt calls someone by surname alone ("Whitmore stated ..."), who the reader must
    know from an earlier sentence; the title's people are known to every reader."""
    for word in _CAPITALISED.findall(cand.prompt):
        full = surnames.get(word)
        if full and full not in cand.prompt and word not in title and word != cand.answer:
            return True
    return False


_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")


def _passing_place(cand: Candidate, text: str) -> bool:
    """A place the document names only once ("After a brief period in _____"): where something happened
    on the way, not a place the reader is meant to know (readers kept 39 % of these, 60 % overall)."""
    if cand.fact.kind != "name" or cand.fact.label not in ("GPE", "LOC") or _LIFE_PLACE.search(cand.prompt):
        return False  # where someone was born or died is worth knowing, even when said once
    return text.count(cand.answer) < 2


def _detail(cand: Candidate, document: Document, lead: int, echo: frozenset[str] | None = None) -> bool:
    """A side detail after the lead: a name the document mentions once (a commentator, a venue, a
    team's home town: readers kept 43 % of these, 62 % of the rest), or any figure or date after a news
    story's lead (25 % and 18 % kept: the arrears, the signatures, how many teams). Strict readers,
    rounds 29-36 (benchmarks/QUALITY.md, session 4). After an article's lead, also an organisation (the
    small model's ORG also takes works, projects and ideas: readers kept 51 % of them) and a figure
    among other figures (`_among_figures`), and in a long article any sentence that takes up fewer than
    three of the lead's words (`lead_echo`); session 5. After a news story's lead, every name and
    speaker: the reactions, commentators and match incidents that end a story (readers kept 64 % of
    those still asked, against 87 % elsewhere, and 47 % of those in stories whose lead gives no
    question; session 6)."""
    if cand.fact.sentence_start < lead or _LIFE_PLACE.search(cand.prompt):
        return False
    if echo is not None and lead_echo(cand.fact.sentence, cand.answer, echo) < MIN_LEAD_ECHO:
        return True  # a long article's aside (`lead_echo`; `echo` is None for a shorter document)
    if document.news:
        return True
    if cand.fact.kind == "position":
        return False  # a speaker quoted once is still the article's (readers kept 65 % of those after the lead)
    if cand.fact.kind == "name":
        return cand.fact.mentions < 2 or cand.fact.label == "ORG"
    return _among_figures(cand.fact)


def _family_figure(cand: Candidate) -> bool:
    """A date or figure of someone else's life: a relative's ("his brother Pierre Joseph died"), or a
    person's in a relative clause ("Pope Damasus I, who died in December of 384"). Readers accepted 9 of
    40 verdicts on a figure beside a relative and 2 of 22 on "who died in" (rounds 15-42)."""
    return cand.fact.kind in ("date", "number") and _SOMEONE_ELSES.search(cand.fact.sentence) is not None


_SOMEONE_ELSES = re.compile(
    r"\b(?:(?:his|her|their)\s+(?:(?:elder|eldest|younger|youngest|older|oldest|late)\s+)?"
    r"(?:brothers?|sisters?|siblings?|father|mother|parents|sons?|daughters?|wife|husband|uncle|aunt|cousins?"
    r"|nephews?|nieces?|grand(?:father|mother|parents))"
    r"|who (?:died|was born))\b", re.IGNORECASE)


def _side_subject(cand: Candidate, openers: dict[int, str], document: Document) -> bool:
    """A date or figure of a sentence whose subject the document names nowhere else ("Shumway is an open
    source replacement for Flash, developed by Mozilla since _____"; another shuttle's launch day): a
    detail of a side subject. Readers accepted 2 of 38 verdicts on such questions (rounds 15-43)."""
    if cand.fact.kind not in ("date", "number"):
        return False
    subject = openers.get(cand.fact.sentence_start)
    return subject is not None and document.text.count(subject) == 1 and subject not in document.title


def _unresolved_pronoun(cand: Candidate, named_people: set[int], surnames: dict[str, str]) -> bool:
    """A prompt that says "he" or "his" of someone it never names: "The first public performances of his
    works were in Prague in _____" (whose works?). Readers kept 26 of 58 verdicts on such prompts (rounds
    15-52). Someone is named when the sentence has a person's name, or the prompt a surname the document
    gives in full ("All of Dvořák's _____ operas but his first")."""
    if cand.fact.context is not None or cand.fact.sentence_start in named_people:
        return False
    return _PERSONAL_PRONOUN.search(cand.prompt) is not None and not any(
        word in surnames for word in _WORD.findall(cand.prompt) if word[0].isupper())


_WORD = re.compile(r"[^\W\d_]+")  # letters only, accented ones too ("Dvořák")
_PERSONAL_PRONOUN = re.compile(r"\b(?:he|she|his|her|him|hers|himself|herself)\b", re.IGNORECASE)


def _seasonal(cand: Candidate, document: Document) -> bool:
    """A month or weekday with no year, outside a news story: a season or a habit ("South Island cities
    are warmest in _____", "the snow season is early _____"), where "summer" fits as well. Both blind
    readers of round 40 rejected all three such questions as trivia. In a news story it is the event's day."""
    return not document.news and cand.fact.kind == "date" and cand.fact.label in ("MONTH", "WEEKDAY")


def _dated_by_period(cand: Candidate) -> bool:
    """"Early in the _____, it fought in both World Wars": a period everyone can date gives it away."""
    fact = cand.fact
    if fact.kind not in ("date", "number"):
        return False
    at = fact.start - fact.sentence_start
    return dated_by_period(fact.sentence[:at] + fact.sentence[at + len(fact.answer):], fact.answer)


_FIGURE = re.compile(r"(?<![A-Za-z])\d")  # not the 7 of "G7" or the 380 of "A380"


def _among_figures(fact: Fact) -> bool:
    """A figure or date whose sentence holds another figure: one detail of a sentence of details (the
    railways privatised in 1993 and re-nationalised between 2004 and 2008; a census total and its
    increase). After an article's lead, readers kept 59 % of these and 83 % of dates and numbers that
    stand alone in their sentence (strict readers, rounds 15-39)."""
    at = fact.start - fact.sentence_start
    rest = fact.sentence[:at] + " " + fact.sentence[at + len(fact.answer):]
    return _FIGURE.search(rest) is not None


_LIFE_PLACE = re.compile(r"\b(?:born|died|grew up|originally from|came from)\b[^.;]{0,12}" + re.escape(BLANK))


def _peripheral(cand: Candidate, keys: frozenset[str]) -> bool:
    """A figure from a sentence that shares fewer than two key words with the document: a detail."""
    return cand.fact.kind == "number" and centrality(cand.fact.sentence, cand.answer, keys) < MIN_NUMBER_CENTRALITY


LEAD_BONUS = 1.5  # enough to rank any askable fact of the lead above the rest of the story


def _central_bonus(cand: Candidate, keys: frozenset[str], lead: int) -> float:
    # The lead first, then sentences on the story's main subject: they share words with the title and
    # the most used ones.
    bonus = LEAD_BONUS if cand.fact.sentence_start < lead else 0.0
    return bonus + 0.15 * min(centrality(cand.fact.sentence, cand.answer, keys), 4)


def _score(fact: Fact, prompt: str, title: str, is_question: bool) -> float:
    score = KIND_WEIGHT[fact.kind] + LABEL_BONUS.get(fact.label, 0.0)
    # Central answers: mentioned often, or named in the title.
    key = fact.speaker if fact.kind == "position" and fact.speaker else fact.answer
    if fact.kind == "position" or fact.label == "PERSON":
        score += min(0.5, 0.25 * math.log1p(max(fact.mentions - 1, 0)))
    if title and mentioned_in(key, title, fact.label):
        score += 0.5
    words = len(prompt.split())
    if words < 10:
        score -= 0.4
    elif words > 35:
        score -= 0.6 * (words - 35) / 15
    if fact.context is not None:
        score -= 0.3
    if is_question:
        score += 0.3
    return round(score, 6)


# ---------------------------------------------------------------- selection


@dataclass(frozen=True, slots=True)
class Chosen:
    """A selected candidate with its type and options decided."""

    candidate: Candidate
    type: QuestionType
    options: tuple[str, ...] | None


def select(
    candidates: Sequence[Candidate],
    *,
    limit: int,
    types: Sequence[str],
    distractors: _Options,
    text_length: int,
) -> list[Chosen]:
    """Greedy selection by score, spread over the document, balanced over kinds and types, no leaks.

    `distractors.get(i)` gives candidate i's three distractors (None when there are none); it is
    asked only for candidates that score high enough to be picked.
    """
    chosen: list[Chosen] = []
    used_sentences: set[int] = set()
    used_answers: set[str] = set()
    kind_counts: Counter[str] = Counter()
    segments = max(limit, 1)
    segment_counts: Counter[int] = Counter()
    remaining = list(range(len(candidates)))
    types_of: dict[int, QuestionType | None] = {}
    # An answer named in many other prompts would block them all (cross-question leaks): a cost.
    blocking = [
        sum(1 for j, other in enumerate(candidates) if j != i and answer_shown(c.answer, c.fact.kind, other.prompt))
        for i, c in enumerate(candidates)
    ] if len(candidates) <= 400 else [0] * len(candidates)
    while remaining and len(chosen) < limit:
        best_i, best_score, best_type = -1, -math.inf, None
        for i in remaining:
            cand = candidates[i]
            segment = min(segments - 1, cand.fact.sentence_start * segments // max(text_length, 1))
            adjusted = (cand.score - 0.1 * min(blocking[i], 10) - 0.6 * kind_counts[cand.fact.kind] / max(limit / 4, 1)
                        - 0.5 * segment_counts[segment])
            if adjusted > best_score:
                # The type (and so the distractors) only for a candidate that would lead: on a book,
                # thousands of candidates, and picking distractors for all of them is the slow part.
                if i not in types_of:
                    types_of[i] = _type_for(cand, types, distractors.get(i))
                qtype = types_of[i]
                if qtype is None:
                    continue
                best_i, best_score, best_type = i, adjusted, qtype
        if best_i < 0:
            break
        remaining.remove(best_i)
        cand = candidates[best_i]
        answer_key = identity(cand.answer, cand.fact.label)
        if cand.fact.sentence_start in used_sentences or answer_key in used_answers:
            continue
        if any(_leaks(cand, other.candidate) for other in chosen):
            continue
        options = distractors.get(best_i) if best_type == "multiple_choice" else None
        chosen.append(Chosen(cand, best_type, tuple(options) if options else None))  # type: ignore[arg-type]
        used_sentences.add(cand.fact.sentence_start)
        used_answers.add(answer_key)
        kind_counts[cand.fact.kind] += 1
        segment_counts[min(segments - 1, cand.fact.sentence_start * segments // max(text_length, 1))] += 1
    return sorted(chosen, key=lambda c: (c.candidate.fact.sentence_start, c.candidate.start))


class _Options:
    """Distractors per candidate index, picked on first use and remembered."""

    def __init__(self, pick: Callable[[int], list[str] | None]) -> None:
        self._pick = pick
        self._known: dict[int, list[str] | None] = {}

    def get(self, i: int) -> list[str] | None:
        if i not in self._known:
            self._known[i] = self._pick(i)
        return self._known[i]


def _type_for(cand: Candidate, types: Sequence[str], options: list[str] | None) -> QuestionType | None:
    mc_ok = "multiple_choice" in types and options is not None
    # A surname alone ("Lee" of Stan Lee) is too narrow a key to write in: choosing it is fine.
    surname_only = cand.fact.label == "PERSON" and len(cand.answer.split()) == 1
    # "the _____'s flag" (United Kingdom): "Britain" is as right; the options show which name is meant.
    # "_____ of the population" for 73.0%: a decimal is too fine to write in, and fine to pick out.
    decimal = cand.fact.kind == "number" and _DECIMAL.search(cand.answer) is not None
    cloze_ok = ("cloze" in types and not cand.is_question and not surname_only and not has_aliases(cand.answer)
                and not decimal)
    if mc_ok and cloze_ok:
        if cand.fact.kind in ("date", "number"):
            # A year or a figure to pick from four is worth asking more often than one to recall: where
            # the type fell by the hash below, readers kept 79 % of the dates and 86 % of the figures
            # given as multiple choice, 68 % and 72 % of those given as clozes (rounds 37-45, corpus).
            return "multiple_choice"
        # Either would do: decide by the fact's id, so the type (part of the question's id) never
        # flips when other questions come or go, and the two types stay balanced over a quiz.
        digest = hashlib.sha1(cand.fact.id.encode()).digest()
        return "multiple_choice" if digest[0] % 2 else "cloze"
    if mc_ok:
        return "multiple_choice"
    return "cloze" if cloze_ok else None


_DECIMAL = re.compile(r"\d\.\d")


def _leaks(a: Candidate, b: Candidate) -> bool:
    return answer_shown(a.answer, a.fact.kind, b.prompt) or answer_shown(b.answer, b.fact.kind, a.prompt)


# ---------------------------------------------------------------- questions


def question_id(document: Document, qtype: str, fact: Fact, answer: str, ordinal: int) -> str:
    """Stable, content-anchored id: document name, type, kind, normalised answer, and ordinal."""
    return f"{document.id}-{TYPE_CODES[qtype]}-{fact.kind}-{slugify(normalize_answer(answer), 'x')[:40]}-{ordinal}"


def make_questions(
    document: Document,
    facts: Sequence[Fact],
    pool: NamePool,
    *,
    seed: int,
    limit: int,
    types: Sequence[str],
) -> list[Question]:
    """Choose and phrase the questions for one document (options not yet placed: see place_options)."""
    keys = key_words(document.text, document.title)
    long_article = word_count(document.text) >= LONG_ARTICLE_WORDS
    leads = document_leads(document.text, document.title, document.sections, long_article)
    surnames = _surnames(facts, document.text)
    openers = {f.sentence_start: f.answer for f in facts if f.kind == "name" and f.start == f.sentence_start}
    named_people = {f.sentence_start for f in facts if f.label == "PERSON" or (f.kind == "position" and f.speaker)}
    candidates: list[Candidate] = []
    for fact in facts:
        lead, echo = leads.at(fact.sentence_start)  # the document's lead, or its section's on a new topic

        def fits_document(c: Candidate, lead: int = lead, echo: frozenset[str] | None = echo) -> bool:
            # `_detail` first: after a news story's lead it turns every candidate away.
            return not (_detail(c, document, lead, echo) or _peripheral(c, keys)
                        or _unintroduced(c, surnames, document.title) or _passing_place(c, document.text)
                        or _dated_by_period(c) or _seasonal(c, document) or _family_figure(c)
                        or _side_subject(c, openers, document) or _unresolved_pronoun(c, named_people, surnames))

        candidates.extend(replace(c, score=round(c.score + _central_bonus(c, keys, lead), 6))
                          for c in candidates_for(fact, document.title, fits_document))
    taken = {normalize_answer(f.answer) for f in facts if f.kind in ("number", "date")}
    ordinals: dict[str, int] = {}
    ordinal_of: dict[int, int] = {}
    for i, cand in enumerate(candidates):
        key = f"{cand.fact.kind}:{normalize_answer(cand.answer)}:{cand.is_question}"
        ordinals[key] = ordinals.get(key, 0) + 1
        ordinal_of[i] = ordinals[key]

    def options(i: int) -> list[str] | None:
        cand = candidates[i]
        if "multiple_choice" not in types or cand.fact.kind == "position" and not cand.is_question:
            return None  # a quoted phrase has no same-kind wrong answers to offer
        # A per-candidate generator: one question's options never depend on which others exist
        # (nor on which were picked first, so picking them lazily changes nothing).
        rng = random.Random(f"{seed}:{document.id}:{cand.fact.id}:{cand.is_question}")
        return pick_distractors(cand.fact, cand.answer, cand.prompt, pool, taken, rng)

    distractors = _Options(options)
    chosen = select(candidates, limit=limit, types=types, distractors=distractors,
                    text_length=len(document.text))
    index = {id(c): i for i, c in enumerate(candidates)}
    questions = []
    for pick in chosen:
        cand = pick.candidate
        qid = question_id(document, pick.type, cand.fact, cand.answer, ordinal_of[index[id(cand)]])
        questions.append(
            Question(
                id=qid, document=document.id, fact=cand.fact.id, kind=cand.fact.kind, type=pick.type,
                prompt=cand.prompt, answer=cand.answer, sentence=cand.fact.sentence,
                start=cand.start, end=cand.end,
                options=(cand.answer, *pick.options) if pick.options else None,
                tags=("quizgen", cand.fact.kind, pick.type, document.id),
            )
        )
    return questions


def drop_cross_document_leaks(questions: Sequence[Question]) -> list[Question]:
    """The questions, less any that would name another document's answer or have theirs named (the
    later one goes): each document's own questions are already chosen without leaks.

    Across documents only names leak (see quality.leaks_into), and only as whole words: the kept
    questions' names and prompts are indexed by word, so a build of thousands of documents does not
    compare every pair of questions.
    """
    kept: list[Question] = []
    names = _WordSequences()  # the naming needles of the kept name and position questions
    prompts = _WordSequences()  # the words of every kept question's prompt
    for question in questions:
        words = prompt_words(question.prompt)
        needles = naming_needles(question.answer, question.kind) if question.kind in NAMED_KINDS else ()
        if names.any_within(words, question.document) or prompts.any_holds(needles, question.document):
            continue
        kept.append(question)
        prompts.add_text(words, question.document)
        names.add_needles(needles, question.document)
    return kept


NAMED_KINDS = ("name", "position")


class _WordSequences:
    """Word sequences of each document, found by their words: `needle in padded(text)` without scanning
    every text. A needle padded with single spaces (as `mention_needles` makes them) is in a padded folded
    text exactly when its words are consecutive words of the text; any other needle is searched as text.
    """

    def __init__(self) -> None:
        self._needles: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # first word -> (words, document)
        self._odd_needles: list[tuple[str, str]] = []
        self._texts: dict[str, list[tuple[tuple[str, ...], int, str]]] = {}  # word -> (text, where, document)
        self._padded: list[tuple[str, str]] = []  # every text, padded, for odd needles

    def add_needles(self, needles: Sequence[str], document: str) -> None:
        for needle in needles:
            words = _needle_words(needle)
            if words is None:
                self._odd_needles.append((needle, document))
            else:
                self._needles.setdefault(words[0], []).append((words, document))

    def add_text(self, words: tuple[str, ...], document: str) -> None:
        for at, word in enumerate(words):
            self._texts.setdefault(word, []).append((words, at, document))
        self._padded.append((f" {' '.join(words)} ", document))

    def any_within(self, words: tuple[str, ...], document: str) -> bool:
        """Whether a needle of another document is among `words`."""
        for at, word in enumerate(words):
            for needle, owner in self._needles.get(word, ()):
                if owner != document and words[at : at + len(needle)] == needle:
                    return True
        text = f" {' '.join(words)} "
        return any(owner != document and needle in text for needle, owner in self._odd_needles)

    def any_holds(self, needles: Sequence[str], document: str) -> bool:
        """Whether a text of another document holds one of `needles`."""
        for needle in needles:
            words = _needle_words(needle)
            if words is None:
                if any(owner != document and needle in text for text, owner in self._padded):
                    return True
                continue
            for text, at, owner in self._texts.get(words[0], ()):
                if owner != document and text[at : at + len(words)] == words:
                    return True
        return False


def _needle_words(needle: str) -> tuple[str, ...] | None:
    # " joe biden " -> ("joe", "biden"); None for a needle not padded with single spaces.
    words = tuple(needle.split())
    return words if words and needle == f" {' '.join(words)} " else None


def place_options(questions: Sequence[Question], seed: int) -> list[Question]:
    """Put each answer at a seeded position, balanced over A-D in blocks of four across the quiz."""
    # Seeded by the quiz's own questions too: with the seed alone, every one-article quiz would put its
    # first answer under the same letter.
    rng = random.Random(f"{seed}:positions:{questions[0].id if questions else ''}")
    placed: list[Question] = []
    block: list[int] = []
    for question in questions:
        if question.options is None:
            placed.append(question)
            continue
        if not block:
            block = [0, 1, 2, 3]
            rng.shuffle(block)
        position = block.pop()
        distractors = [o for o in question.options if o != question.answer]
        options = arrange(question.answer, distractors, position, random.Random(f"{seed}:{question.id}"))
        placed.append(replace(question, options=options))
    return placed
