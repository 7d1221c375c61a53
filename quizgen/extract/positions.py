"""Stated positions: who said, demanded, warned, denied or called what, from the dependency parse.

A position is kept only when its speaker is certain: a named person or group, a pronoun or a
description ("the Russian president") that resolves to exactly one person seen before, or a
group noun phrase ("Russian government officials"). Everything else is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.symbols import AUX, VERB

from quizgen.extract.candidate import Candidate, span_offsets, subtree_span, token_columns
from quizgen.extract.people import PERSONAL_PRONOUNS, People
from quizgen.nlp import lemma_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Reporting verbs whose content is a clause ("said that ...", "warned NATO that ...").
CLAUSE_CUES = {
    "say", "tell", "warn", "add", "explain", "note", "claim", "state", "announce", "argue", "insist",
    "confirm", "admit", "acknowledge", "predict", "declare", "stress", "emphasize", "emphasise", "assert",
    "allege", "report", "write", "tweet", "testify", "concede", "reply", "respond", "caution", "complain",
    "suggest", "believe", "fear",
}
# Reporting verbs whose content may be their object ("demanded a guarantee", "denied the claims").
OBJECT_CUES = {
    "demand", "deny", "dismiss", "reiterate", "threaten", "urge", "reject", "propose", "recommend",
    "criticize", "criticise", "accuse", "promise", "vow", "pledge", "refute", "dispute", "condemn",
    "request", "seek", "call",
}
CUES = CLAUSE_CUES | OBJECT_CUES
# A verb can only have a cue as its lemma if it starts as that lemma does ("warned", "denies") or is one
# of the cues' irregular forms: a test on the word that saves lemmatizing every other verb.
_CUE_STARTS = tuple(sorted({cue[:3] for cue in CUES} | {"sai", "tol", "wro", "sou"}))
_VERB_POS = (VERB, AUX)
NEGATIVE_CUES = {"deny", "dismiss", "reject", "refute", "dispute", "condemn", "criticize", "criticise"}
# Heads of common-noun speakers that are certainly people or institutions.
GROUP_HEADS = {
    "official", "officials", "government", "administration", "spokesperson", "spokesman", "spokeswoman",
    "minister", "ministry", "department", "police", "critic", "expert", "scientist", "researcher",
    "lawyer", "prosecutor", "court", "judge", "company", "union", "council", "committee", "parliament",
    "lawmaker", "senator", "leader", "authority", "agency", "office", "campaign", "group", "activist",
    "organizer", "organiser", "analyst", "diplomat", "general", "army", "military", "navy", "party",
    "board", "commission", "church", "team", "president", "secretary", "mayor", "governor", "chairman",
    "director", "student", "teacher", "parent", "resident", "witness", "doctor", "representative",
}
QUOTES = "\"“”'‘’"
MAX_QUOTE_WORDS = 8


def find_positions(sent: Span, offset: int, people: People) -> Iterator[Candidate]:
    """Position candidates in one sentence of a paragraph Doc starting at document offset `offset`."""
    doc = sent.doc
    pos = token_columns(doc)[0]
    for i in range(sent.start, sent.end):
        if pos[i] not in _VERB_POS:  # Token.pos_ "VERB" or "AUX", without making the Token
            continue
        verb = doc[i]
        if not verb.lower_.startswith(_CUE_STARTS):
            continue
        if lemma_of(verb).lower() not in CUES:
            continue
        candidate = _position(verb, sent, offset, people)
        if candidate is not None:
            yield candidate


def _position(verb: Token, sent: Span, offset: int, people: People) -> Candidate | None:
    lemma = lemma_of(verb).lower()
    subject = _subject(verb)
    if subject is None:
        return None
    content = _content(verb, lemma)
    if content is None:
        return None
    c_start, c_end = content
    if c_end - c_start < 2:
        return None
    speaker = _speaker(subject, people)
    if speaker is None:
        return None
    name, kind, (sp_start, sp_end) = speaker
    doc = sent.doc
    # The content must not contain the speaker, and the speaker must not be inside the content.
    if sp_start < c_end and c_start < sp_end:
        return None
    negated = any(child.dep_ == "neg" for child in verb.children)
    polarity = "negative" if (lemma in NEGATIVE_CUES) != negated else "positive"
    quote = _key_quote(doc[c_start:c_end], verb)
    s_start, s_end = span_offsets(sent, offset)
    speaker_span = doc[sp_start:sp_end]
    content_span = doc[c_start:c_end]
    return Candidate(
        kind="position",
        label=kind.upper(),
        start=offset + speaker_span.start_char,
        end=offset + speaker_span.end_char,
        sentence_start=s_start,
        sentence_end=s_end,
        speaker=name,
        cue=verb.text,
        content_start=offset + _strip_quotes_start(content_span),
        content_end=offset + _strip_quotes_end(content_span),
        polarity=polarity,
        who_question=_who_question(verb, sent, sp_start, sp_end, c_end),
        speaker_kind=kind,
        quote_start=offset + quote[0] if quote else None,
        quote_end=offset + quote[1] if quote else None,
    )


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        # "X is said to be concerned that ...": the passive subject holds the position.
        if child.dep_ == "nsubjpass" and lemma_of(verb).lower() == "say":
            return child
    # "Blinken spoke to Zelensky and reiterated ...": a conjoined verb shares the main verb's subject,
    # but only from the sentence's root, where the parse is reliable.
    if verb.dep_ == "conj" and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("VERB", "AUX"):
        for child in verb.head.children:
            if child.dep_ == "nsubj":
                return child
    return None


def _content(verb: Token, lemma: str) -> tuple[int, int] | None:
    children = list(verb.children)
    for child in children:
        if child.dep_ in ("ccomp", "xcomp") and (lemma != "call"):
            start, end = subtree_span(child)
            if child.dep_ == "xcomp" and lemma != "say":
                continue
            return _trim(verb.doc, start, end)
    if lemma == "call":
        oprd = [c for c in children if c.dep_ == "oprd"]
        if oprd:
            return _trim(verb.doc, *subtree_span(oprd[0]))
        return None
    if lemma in OBJECT_CUES:
        for child in children:
            if child.dep_ == "dobj":
                return _trim(verb.doc, *subtree_span(child))
    return None


def _trim(doc, start: int, end: int) -> tuple[int, int]:  # noqa: ANN001
    # Leading "that" and surrounding punctuation are not part of what was said.
    while start < end and (doc[start].dep_ == "mark" or doc[start].is_punct and doc[start].text not in QUOTES):
        start += 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in QUOTES:
        end -= 1
    return start, end


def _quoted_whole(span: Span) -> bool:
    # Only a quotation that is the whole content loses its marks: '"serious consequences" for
    # Russia' keeps both, or it would be left with one.
    text = span.text.strip(" ,.")
    return len(text) > 1 and text[0] in QUOTES and text[-1] in QUOTES and sum(c in QUOTES for c in text) == 2


def _strip_quotes_start(span: Span) -> int:
    text = span.text
    chars = QUOTES + " " if _quoted_whole(span) else " "
    return span.start_char + (len(text) - len(text.lstrip(chars)))


def _strip_quotes_end(span: Span) -> int:
    text = span.text
    chars = QUOTES + " ,." if _quoted_whole(span) else " ,."
    end = span.end_char - (len(text) - len(text.rstrip(chars)))
    return max(end, _strip_quotes_start(span))


def _key_quote(content: Span, verb: Token) -> tuple[int, int] | None:
    """A short quoted phrase that is what the speaker said: the key phrase for a content cloze.

    Only a quote the cue governs directly ("threatened "serious consequences"", "calling the
    claims "hostile rhetoric"") is the key of the position; a quote buried deeper in the clause
    ("said Putin would listen to "concrete proposals"") is a detail, not the position.
    """
    doc = content.doc
    opens = [t for t in content if t.text in QUOTES]
    if len(opens) < 2:
        return None
    first, second = opens[0], opens[1]
    inner = doc[first.i + 1 : second.i]
    words = [t for t in inner if not t.is_punct]
    if not 2 <= len(words) <= MAX_QUOTE_WORDS:
        return None
    if inner.root.head != verb and inner.root != verb:
        return None
    text = inner.text.rstrip(" ,.")
    return inner.start_char, inner.start_char + len(text)


def _speaker(subject: Token, people: People) -> tuple[str, str, tuple[int, int]] | None:
    """(name, "person"|"group", token span) of a subject, or None when it is not certain."""
    doc = subject.doc
    start, end = subtree_span(subject)
    if end - start > 8:
        return None
    span = doc[start:end]
    persons = [e for e in span.ents if e.label_ == "PERSON"]
    if subject.lower_ in PERSONAL_PRONOUNS:
        name = people.resolve_pronoun(subject)
        return (name, "person", (start, end)) if name else None
    if subject.pos_ == "PRON":
        return None
    if any(t.pos_ == "PRON" for t in span):  # "his administration": keep only when his resolves
        owner = next(t for t in span if t.pos_ == "PRON")
        if people.resolve_pronoun(owner) is None or lemma_of(subject).lower() not in GROUP_HEADS:
            return None
        return span.text, "group", (start, end)
    if persons:
        # The speaker is the person the subject's head names ("Putin spokesperson Dmitri Peskov").
        head_person = [e for e in persons if e.start <= subject.i < e.end]
        if not head_person:
            return None
        ent = head_person[0]
        return people.full_name(ent.text) or ent.text, "person", (ent.start, ent.end)
    if subject.ent_type_ in ("ORG", "GPE", "NORP"):
        ent = next((e for e in span.ents if e.start <= subject.i < e.end), None)
        if ent is None:
            return None  # the name runs past the subject's own words ("& # & In 2014 ..."): a misparse
        return ent.text, "group", (ent.start, ent.end)
    if subject.pos_ == "NOUN":
        head = lemma_of(subject).lower()
        if doc[start].lower_ in ("the", "this", "that") and subject.tag_ == "NN":
            name = people.resolve_description(subject)
            return (name, "person", (start, end)) if name else None
        if head in GROUP_HEADS or subject.lower_ in GROUP_HEADS:
            if doc[start].lower_ in ("a", "an", "one", "some", "many"):
                return None  # "a spokesperson said": nobody in particular
            return span.text, "group", (start, end)
    return None


def _who_question(verb: Token, sent: Span, sp_start: int, sp_end: int, content_end: int) -> str | None:
    """'Who will reportedly demand ...?' for a subject speaker that stands before its verb."""
    doc = sent.doc
    if verb.tag_ == "VBG" or sp_end > verb.i:
        return None
    # Only the main verb: "Who ... reiterated" of a conjoined verb would lose the first clause.
    if verb.dep_ != "ROOT":
        return None
    # Between the speaker and the verb: only auxiliaries, adverbs and negation ("will reportedly").
    between = doc[sp_end : verb.i]
    if any(t.dep_ not in ("aux", "auxpass", "advmod", "neg") for t in between):
        return None
    # What comes before the speaker must be a fronted adverbial of the same verb ("On Friday,").
    prefix = doc[sent.start : sp_start]
    if any(t.dep_ == "cc" or t.pos_ in ("VERB", "AUX") for t in prefix):
        return None
    if any(t.text in QUOTES for t in prefix):
        return None
    # The question ends where what was said ends: trailing adverbials belong to other facts.
    end = max(content_end, verb.i + 1)
    if end < sent.end and doc[end].text in QUOTES:
        end += 1
    tail = doc[sp_end:end].text.rstrip()
    tail = re.sub(r"[.!,;:]+([\"”’']?)$", r"\1", tail).rstrip()
    if tail.count('"') % 2 == 1:
        return None
    if not tail:
        return None
    first = doc[sp_end]
    head_word = _singular_verb(first)
    if head_word is None:
        return None
    tail = head_word + tail[len(first.text):]
    # "Who also said ...?": the "also" points at a statement the question does not show.
    tail = re.sub(r"^((?:will|would|has|have|had|is|was|did|does|could|can|may|might|should|must) )?"
                  r"(?:also|additionally) ", r"\1", tail)
    return f"Who {tail}?"


def _singular_verb(tok: Token) -> str | None:
    # "Who" takes a singular verb: "officials have dismissed" -> "Who has dismissed".
    if tok.tag_ != "VBP":
        return tok.text if tok.pos_ in ("VERB", "AUX", "ADV", "PART") or tok.dep_ in ("aux", "neg") else None
    irregular = {"have": "has", "are": "is", "do": "does", "say": "says", "were": "was"}
    word = tok.lower_
    if word in irregular:
        return irregular[word]
    if word.endswith(("s", "sh", "ch", "x", "z", "o")):
        return word + "es"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"
