"""Document -> Facts. The only package besides nlp.py that sees spaCy objects.

Paragraphs are streamed through `nlp.pipe` (a paragraph break always ends a sentence, and no
more than one batch of Docs is alive at a time); people and labels are gathered on the way.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from quizgen.extract.candidate import (
    Candidate,
    read_from,
    sentence_ents,
    strip_possessive,
    unresolved_plural,
)
from quizgen.extract.dates import find_dates
from quizgen.extract.names import find_names
from quizgen.extract.numbers import find_numbers
from quizgen.extract.people import People, person_key
from quizgen.extract.positions import find_positions
from quizgen.extract.slips import source_slip
from quizgen.model import Document, Fact
from quizgen.normalize import normalize_answer
from quizgen.readers import slugify
from quizgen.textscan import may_match

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

MAX_PARAGRAPH_CHARS = 20_000  # longer blocks are cut at sentence ends so one Doc stays small


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, paragraph) for each blank-line separated block, long ones split at sentence ends."""
    for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", text):
        block, start = match.group(), match.start()
        while len(block) > MAX_PARAGRAPH_CHARS:
            cut = block.rfind(". ", 0, MAX_PARAGRAPH_CHARS)
            cut = cut + 2 if cut > 0 else MAX_PARAGRAPH_CHARS
            yield start, block[:cut]
            block, start = block[cut:], start + cut
        if block.strip():
            yield start, block


# "Four minutes later, ...", "Then England ...": a step in a story told over several sentences; "However, ..."
# answers a sentence the reader does not see.
_NARRATIVE_OPENER = re.compile(
    r"(?:Then|Later|Afterwards|Meanwhile|But|However)\b|\w+ (?:second|minute|hour|day|week|month|year|decade)s? later\b"
    r"|The (?:following|next) (?:day|week|month|year|decade)\b")
_POINTS_ELSEWHERE = re.compile(r"\babove[- ]mentioned\b|\b(?:above|before)[- ]named\b|\baforesaid\b|"
                               r"\bthe (?:former|latter)\b|\b(?:the|this|our) diagram\b|\bas (?:stated|said) above\b|"
                               r"\bthe same (?:period|time|year|decade|month|day|fund|place)\b(?! as\b)|"
                               r"\bsubsequently\b|\b(?:the|these|those) events\b(?! (?:of|in|that)\b)", re.I)
# One of these words is in every match: the regex runs only where one of them stands.
_POINTS_ELSEWHERE_WORDS = ("above", "named", "aforesaid", "former", "latter", "diagram", "same", "subsequently",
                           "events")
_DEMONSTRATIVE = re.compile(r"\b(?:[Tt]hese|[Tt]hose|[Tt]his)\b")
_THEY = re.compile(r"\b(?:[Tt]hey|them)\b")
_OUT_OF_DATE = re.compile(r"\b(?:currently|incumbent)\b|\b(?:next|last|this) year's\b", re.I)
# "The deal was signed in 2014", "As part of the deal, Cisco would pay": which deal lies in another sentence.
_EVENT_BACK = re.compile(r"(?:As part of |Under |Following |After |Despite )?[Tt]he (?:deal|request|agreement|decision|"
                         r"ban|plan|proposal|move|announcement|incident|ruling|scheme|bill)\b"
                         r"(?! (?:of|to|that|between|with|by|for|on)\b)")
TIME_NOUNS = {"year", "week", "month", "weekend", "time", "morning", "evening", "afternoon", "season", "summer",
              "winter", "spring", "autumn", "fall", "century", "decade", "day", "night", "term", "quarter"}
_PLAY_BY_PLAY = re.compile(r"\b\d+(st|nd|rd|th) minute\b|\b(?:yellow|red) card\b|\b(?:was|were) booked\b")
_FORMULA = re.compile(r"[\u0250-\u02ff\u0370-\u03ff½=]|\w\([A-Za-z](, ?[A-Za-z])+\)")
_VARIABLE = re.compile(r"(?<![\w.])[B-HJ-Z](?![\w.])")
_GLUED = re.compile(r"[\w)] (In|On|At|For|With|From|After|During|According) [a-z]")
_GLUED_WORDS = (" In ", " On ", " At ", " For ", " With ", " From ", " After ", " During ", " According ")
NOT_ANSWERS = {"wikinews", "wikipedia", "getty images", "reuters", "ap",
               "gmt", "utc", "est", "edt", "pst", "cet", "bst"}  # time zones tagged as names
# Openings that point back to what came before: the sentence does not stand on its own.
CONTEXT_OPENERS = ("for example", "for instance", "in addition", "such ", "as a result", "in turn",
                   "at that time", "at the time", "in the first half", "in the second half", "the next day",
                   "while there", "once there")


def _points_back(token: Token) -> bool:
    """'these'/'those'/'this' as a determiner of something named before ('this constituency'), not of a time."""
    if token.dep_ != "det" or token.lower_ not in ("these", "those", "this"):
        return False
    return token.lower_ != "this" or token.head.lower_ not in TIME_NOUNS


def sentence_is_askable(sent: Span, offset: int, paragraphs: dict[int, str]) -> bool:
    """Whole sentences only: a finite verb, not inside a quotation, no caption glued on."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):  # the root is one of the sentence's tokens: it has a verb
        return False
    text = paragraphs.get(offset, "")
    # Span.text joins its tokens one by one; the paragraph's own text is already at hand.
    sent_text = text[sent.start_char : sent.end_char] if text else sent.text
    if sent_text.lower().startswith(CONTEXT_OPENERS) or _NARRATIVE_OPENER.match(sent_text):
        return False
    if sent_text[:1].islower() or may_match(sent_text, _POINTS_ELSEWHERE_WORDS, ignore_case=True) and (
            _POINTS_ELSEWHERE.search(sent_text)):
        return False  # "the quarter is given for ...": a piece of a sentence; "the above-mentioned sorts"
    if may_match(sent_text, (" minute", " card", " booked")) and _PLAY_BY_PLAY.search(sent_text):
        return False  # play-by-play of a match: who did what in which minute is not the story
    if may_match(sent_text, ("currently", "incumbent", "year's"), ignore_case=True) and _OUT_OF_DATE.search(sent_text):
        return False  # "currently Dame Patsy Reddy", "next year's competition": true when written
    if _EVENT_BACK.match(sent_text):
        return False  # "As part of the deal, _____ would pay": the deal was told of before
    before = text[: sent.start_char]
    # Pronunciations and formulae ("/ d(ə)ˈvɔːrʒɑːk /", "½ ρ u2 + P") are no place for a blank.
    if ("=" in sent_text or "(" in sent_text or not sent_text.isascii()) and _FORMULA.search(sent_text):
        return False
    if len(_VARIABLE.findall(sent_text)) >= 2 or "if and only if" in sent_text:
        return False  # "M is Hermitian if and only if (M is real)": variables, not facts
    # "Microsoft has replaced it with three newer versions": what "it" is lies in another sentence.
    for child in root.children:
        word = child.lower_
        if child.dep_ == "dobj" and word in ("it", "them", "this", "these", "those"):
            return False
        if child.dep_ == "dobj" and word in ("him", "her") and not any(
                e.label_ == "PERSON" and e.end <= child.i for e in sentence_ents(sent)):
            return False  # "led him to leave the United States": who he is lies in another sentence
        if child.dep_ == "nsubj" and word in ("they", "this", "these", "those"):
            return False
        if child.dep_ == "nsubj" and child.pos_ == "NUM" and not any(c.dep_ == "prep" for c in child.children):
            return False  # "In 1862 only 101 survived": 101 of whom lies in another sentence
        if child.dep_ == "nsubj" and word == "it" and not any(
                c.dep_ in ("ccomp", "xcomp", "acomp", "attr") for c in root.children):
            return False
    if may_match(sent_text, ("hey", "them")) and _THEY.search(sent_text) and unresolved_plural(sent, ("they", "them")):
        return False  # "paying them in money": who "they" are lies in another sentence
    if _DEMONSTRATIVE.search(sent_text) and any(_points_back(t) for t in sent):
        return False  # "what those consequences will be", "in this constituency": named in another sentence
    # A sentence that opens inside a quotation is a quoted fragment without its speaker.
    if (before.count('"') + before.count("“") + before.count("”")) % 2 == 1:
        return False
    # "Wong Kwok-kin of FTU In the Kowloon East ...": a caption run into the next sentence.
    if may_match(sent_text, _GLUED_WORDS) and _GLUED.search(sent_text):
        return False
    # Last, as the costliest check: "recieve", "Secunia.com, has said": the question would print the slip.
    return not source_slip(sent, sent_text)


class DocumentState:
    """What extraction learns while reading one document: people, labels, resolved contexts."""

    def __init__(self) -> None:
        self.people = People()
        self.labels: dict[str, dict[str, int]] = {}  # name -> label -> how often it was so tagged
        self.contexts: dict[int, str] = {}  # sentence start -> sentence with its opening pronoun resolved
        self.candidates: list[Candidate] = []
        self.paragraph_text: dict[int, str] = {}  # paragraph offset -> its text, to tell quoted sentences

    def read_paragraph(self, doc: Doc, offset: int, text: str) -> None:
        """Read each sentence of a paragraph's Doc; `text` is its text (Doc.text rebuilds it token by token)."""
        self.paragraph_text = {offset: text}
        for sent in doc.sents:
            read_from(sent)
            self.read_sentence(sent, offset)

    def read_sentence(self, sent: Span, offset: int) -> None:
        """Collect the sentence's candidates and update what is known about its people."""
        text = self.paragraph_text.get(offset)
        for ent in sentence_ents(sent):
            # The paragraph's own text: Span.text joins the entity's tokens anew.
            ent_text = text[ent.start_char : ent.end_char] if text else ent.text
            self._vote(strip_possessive(ent_text).lower(), ent.label_)
            if ent.label_ == "PERSON":
                self.people.add(ent, ent_text)
        if not sentence_is_askable(sent, offset, self.paragraph_text):
            self.people.end_sentence(sent)
            return
        sent_text = text[sent.start_char : sent.end_char] if text else sent.text  # Span.text rebuilds it
        subject = next((t for t in sent.root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ in ("he", "she"):
            # "After Smetana, he was the next composer ...": who "he" is must be shown, or nothing asked.
            name = self.people.resolve_pronoun(subject)
            if name is None:
                self.people.end_sentence(sent)
                return
            at = subject.idx - sent.start_char
            self.contexts[offset + sent.start_char] = f"{sent_text[:at]}[{name}]{sent_text[at + len(subject):]}"
        self.candidates.extend(find_numbers(sent, offset, sent_text))
        self.candidates.extend(find_dates(sent, offset, sent_text))
        self.candidates.extend(find_names(sent, offset, sent_text))
        self.candidates.extend(find_positions(sent, offset, self.people))
        self.people.end_sentence(sent)

    def _vote(self, name: str, label: str) -> None:
        # Plain dicts: a Counter per name (defaultdict) took five times as long.
        votes = self.labels.get(name)
        if votes is None:
            self.labels[name] = votes = {}
        votes[label] = votes.get(label, 0) + 1

    def voted_label(self, text: str, label: str) -> str:
        """The label a name gets most often in the document ('Biden' once tagged GPE is a PERSON)."""
        key = strip_possessive(text).lower()
        if label != "PERSON" and len(key.split()) == 1 and person_key(key) in self.people.people:
            return "PERSON"
        votes = self.labels.get(key)
        if not votes:
            return label
        best = max(sorted(votes), key=votes.__getitem__)
        return best if best in ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT") else label


def read_docs(state: DocumentState, docs: Iterable[tuple[int, Doc]]) -> None:
    """Feed parsed paragraphs (offset, Doc) to the state in document order."""
    for offset, doc in docs:
        state.read_paragraph(doc, offset, doc.text)


BATCH_SIZE = 64  # paragraphs per nlp.pipe batch; benchmarks/throughput.py runs bare spaCy with the same


def extract_facts(document: Document, nlp: Language, *, batch_size: int = BATCH_SIZE) -> list[Fact]:
    """Every fact found in the document, in document order, with stable ids."""
    return next(extract_each([document], nlp, batch_size=batch_size))


def extract_each(documents: Sequence[Document], nlp: Language, *, n_process: int = 1,
                 batch_size: int = BATCH_SIZE, on_words: Callable[[int, int], None] | None = None,
                 ) -> Iterator[list[Fact]]:
    """The facts of each document in turn, every paragraph of the build streamed through one `nlp.pipe`.

    One pipe keeps batches full across short documents and lets spaCy spread them over `n_process`
    processes. Docs come back in input order, so each document is read in order exactly as with one
    process, and only one batch of Docs is alive at a time. `on_words(document_index, words)` is
    called after each paragraph is read.
    """
    # Plain texts, not as_tuples: with n_process > 1 spaCy would tokenize and serialise tuple input
    # in this process. Each text's (document, offset, text) waits here until its Doc comes back.
    pending: deque[tuple[int, int, str]] = deque()

    def texts() -> Iterator[str]:
        for index, document in enumerate(documents):
            for offset, text in paragraphs(document.text):
                pending.append((index, offset, text))
                yield text

    current, state = 0, DocumentState()
    for doc in nlp.pipe(texts(), batch_size=batch_size, n_process=n_process):
        index, offset, text = pending.popleft()
        while index > current:
            yield facts_from_state(documents[current], state)
            current, state = current + 1, DocumentState()
        state.read_paragraph(doc, offset, text)
        if on_words is not None:
            on_words(index, len(text.split()))
    for document in documents[current:]:
        yield facts_from_state(document, state)
        state = DocumentState()


def facts_from_state(document: Document, state: DocumentState) -> list[Fact]:
    """Turn the collected candidates into Facts: labels voted, duplicates merged, ids assigned."""
    text = document.text
    seen: set[tuple[str, int, int]] = set()
    ordinals: Counter[tuple[str, str]] = Counter()
    facts: list[Fact] = []
    surnames, first_names = _name_parts(state)
    for cand in sorted(state.candidates, key=lambda c: (c.sentence_start, c.start, c.kind)):
        key = (cand.kind, cand.start, cand.end)
        if key in seen:
            continue
        seen.add(key)
        answer = text[cand.start : cand.end]
        if cand.kind != "position" and not answer_is_clean(text, cand.start, cand.end, cand.kind):
            continue
        if cand.kind == "name" and answer.endswith("s") and answer[:-1].lower() in surnames:
            continue  # "the Sams": a family named by its surname, not one person or thing
        label = state.voted_label(answer, cand.label) if cand.kind == "name" else cand.label
        if cand.kind == "name" and label == "PERSON" and not (
            _trusted_person(answer, surnames, first_names) and _acts_as_person(state, answer)
        ):
            continue
        identity = cand.speaker if cand.kind == "position" and cand.speaker else answer
        norm = normalize_answer(identity)
        ordinals[(cand.kind, norm)] += 1
        fact_id = f"{document.id}-{cand.kind}-{slugify(norm, 'x')[:40]}-{ordinals[(cand.kind, norm)]}"
        content = None
        if cand.content_start is not None and cand.content_end is not None:
            content = text[cand.content_start : cand.content_end]
        facts.append(
            Fact(
                id=fact_id, document=document.id, kind=cand.kind,  # type: ignore[arg-type]
                answer=answer, sentence=text[cand.sentence_start : cand.sentence_end],
                start=cand.start, end=cand.end, sentence_start=cand.sentence_start, label=label,
                speaker=cand.speaker, cue=cand.cue, content=content,
                content_start=cand.content_start, content_end=cand.content_end,
                polarity=cand.polarity,  # type: ignore[arg-type]
                who_question=cand.who_question,
                quote_start=cand.quote_start, quote_end=cand.quote_end,
                context=state.contexts.get(cand.sentence_start),
                mentions=_mentions(state, identity, cand.kind),
                gender=state.people.gender_of(identity) if label == "PERSON" else None,
            )
        )
    return facts


ORG_WORDS = {"team", "church", "party", "university", "times", "news", "council", "department", "company",
             "association", "foundation", "museum", "center", "centre", "league", "club", "group", "inc",
             "war", "wars", "battle", "treaty", "act", "festival", "games", "cup", "expo", "award", "prize",
             "dependency", "territory", "island", "islands", "province", "region", "district", "county",
             "river", "lake", "bay", "valley", "park", "street", "road", "square", "passion", "alliance",
             "front", "movement", "power", "democrats", "camp"}


def _name_parts(state: DocumentState) -> tuple[set[str], set[str]]:
    """Surnames and first names of the people the document names in full."""
    surnames: set[str] = set()
    first_names: set[str] = set()
    for person in state.people.people.values():
        for name in person.names:
            words = name.lower().split()
            if len(words) > 1:
                surnames.add(words[-1])
                first_names.update(words[:-1])
    return surnames, first_names


def _trusted_person(answer: str, surnames: set[str], first_names: set[str]) -> bool:
    # A lone word tagged PERSON ("Twitter") is trusted only as the surname of someone named in full;
    # a first name alone ("Thomas" for Thomas Sam) is ambiguous and not asked.
    words = strip_possessive(answer).lower().split()
    if any(w in ORG_WORDS for w in words):
        return False
    if len(words) == 1:
        return words[0] in surnames and words[0] not in first_names
    return True


def _acts_as_person(state: DocumentState, answer: str) -> bool:
    # spaCy tags some works and groups PERSON ("Stabat Mater"): a person is somewhere a subject,
    # a possessor or titled, or speaks.
    person = state.people.people.get(person_key(answer))
    return person is not None and person.evidence > 0


def answer_is_clean(text: str, start: int, end: int, kind: str) -> bool:
    """The answer is whole words ("Yeung" of "Yeung-tat" is not), and numbers look like numbers."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or after.isalnum() or "/" in (before, after):
        return False  # part of a word, or of "GNU/Linux"
    if after == "-" and end + 1 < len(text) and text[end + 1].isalnum():
        return False
    if before == "-" and start > 1 and text[start - 2].isalnum():
        return False
    answer = text[start:end]
    if answer.lower() in NOT_ANSWERS:
        return False
    # "4chan", "15:11", "9 to 10", "2 +" are a name, a time, a range and a formula, not numbers to ask.
    return kind != "number" or bool(_CLEAN_NUMBER.match(answer)) and not (
        re.search(r"\d(?!(st|nd|rd|th)\b)[A-Za-z]", answer) or re.search(r":|\d\s*[-–]\s*\d|\s(to|and|or)\s", answer)
    )


_CLEAN_NUMBER = re.compile(r"^[$€£¥]?\s?[\w.,'’-]+(\s?%|(\s[\w-]+){0,4})$")


def _mentions(state: DocumentState, answer: str, kind: str) -> int:
    if kind in ("name", "position"):
        person = state.people.people.get(person_key(answer))
        if person is not None:
            return person.mentions
        return sum(state.labels.get(strip_possessive(answer).lower(), {}).values())
    return 1
