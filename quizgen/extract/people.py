"""Who is who in a document: people by surname, their titles, and pronouns resolved to them.

Resolution only looks back (what a reader has seen so far), so a document can be streamed
paragraph by paragraph. Anything ambiguous resolves to None: a wrong name is worse than none.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.strings import get_string_id

from quizgen.extract.candidate import sentence_ents, sentence_start, strip_possessive, token_columns
from quizgen.nlp import lemma_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PERSONAL_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
_SUBJECT_DEPS = (get_string_id("nsubj"), get_string_id("nsubjpass"))  # as Token.dep
_ROOT_DEP = get_string_id("ROOT")
TITLE_STOP = {"the", "a", "an", "of", "and", "'s", "former", "then", "late"}


@functools.lru_cache(maxsize=65536)
def person_key(name: str) -> str:
    """One key per person: the lowercased surname without a possessive ('Joe Biden' -> 'biden')."""
    # Cached: a document names the same people again and again (about 1,000 look-ups in the news folder).
    words = strip_possessive(name.strip()).split()
    return _NOT_NAME_CHAR.sub("", words[-1].lower()) if words else ""


_NOT_NAME_CHAR = re.compile(r"[^\w-]")


@dataclass
class Person:
    """What the document has said of one person so far."""

    key: str
    names: Counter[str] = field(default_factory=Counter)
    titles: set[str] = field(default_factory=set)
    mentions: int = 0
    evidence: int = 0  # mentions that act like a person: a subject, a possessor, or after a title
    genders: Counter[str] = field(default_factory=Counter)  # "m"/"f" from the pronouns resolved to them

    @property
    def gender(self) -> str | None:
        """'m' or 'f' when every pronoun resolved to this person agrees, else None."""
        return next(iter(self.genders)) if len(self.genders) == 1 else None

    @property
    def full_name(self) -> str:
        """The longest form of the name seen (most specific), ties broken alphabetically."""
        return max(sorted(self.names), key=lambda n: len(n.split())) if self.names else self.key


@dataclass
class People:
    """The registry of people in one document, filled in reading order."""

    people: dict[str, Person] = field(default_factory=dict)
    last_subject: str | None = None  # person key of the previous sentence's subject
    last_sentence_people: tuple[str, ...] = ()

    def add(self, ent: Span, text: str | None = None) -> str:
        """Record a PERSON mention with any titles written before it; return its key. `text` is the
        entity's text when the caller has it (Span.text joins the tokens anew)."""
        name = strip_possessive(ent.text if text is None else text).strip()
        key = person_key(name)
        person = self.people.get(key)
        if person is None:  # not setdefault: that would make a Person (three containers) every time
            person = self.people[key] = Person(key)
        person.names[name] += 1
        person.mentions += 1
        titles_before = len(person.titles)
        # Titles: capitalised or adjective words just before the name ("Russian President Vladimir Putin").
        i = ent.start - 1
        sent_start = sentence_start(ent)
        while i >= sent_start and ent.start - i <= 4:
            tok = ent.doc[i]
            if tok.dep_ in ("compound", "amod", "nmod") or tok.text.istitle() or tok.text.isupper():
                word = tok.text.lower().strip(".")
                if word and word not in TITLE_STOP and tok.ent_type_ != "PERSON":
                    person.titles.add(lemma_of(tok).lower() if tok.pos_ == "NOUN" else word)
                i -= 1
            else:
                break
        if ent.root.dep_ in ("nsubj", "nsubjpass", "poss") or len(person.titles) > titles_before or (
            ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.")
        ):
            person.evidence += 1
        return key

    def is_person(self, text: str) -> bool:
        """Whether a name's surname is a person already seen."""
        return person_key(text) in self.people

    def full_name(self, text: str) -> str | None:
        """The most specific name of the person `text` names, if known."""
        person = self.people.get(person_key(text))
        return person.full_name if person else None

    def resolve_pronoun(self, pronoun: Token) -> str | None:
        """The person a he/she/his/her refers to, when the previous sentence makes it clear."""
        if pronoun.lower_ not in PERSONAL_PRONOUNS:
            return None
        key = self._resolve_key(pronoun)
        if key is None:
            return None
        person = self.people[key]
        if len(person.full_name.split()) < 2:
            return None  # never named in full: maybe not a person at all ("Symphony")
        person.genders["f" if pronoun.lower_ in ("she", "her", "hers") else "m"] += 1
        return person.full_name

    def gender_of(self, name: str) -> str | None:
        """The gender the document's pronouns give a person, if they agree."""
        person = self.people.get(person_key(name))
        return person.gender if person else None

    def _resolve_key(self, pronoun: Token) -> str | None:
        sent = pronoun.sent
        before = {
            person_key(e.text) for e in sentence_ents(sent) if e.label_ == "PERSON" and e.end <= pronoun.i
        } & set(self.people)
        if len(before) == 1:  # "Biden said he would ..."
            return before.pop()
        if before:
            return None
        found = self.last_subject or (self.last_sentence_people[0] if len(self.last_sentence_people) == 1 else None)
        # Any proper noun, whatever its tag: spaCy may tag the same surname ORG in this sentence.
        later = {person_key(t.text) for t in pronoun.doc[pronoun.i + 1 : sent.end] if t.pos_ == "PROPN"}
        # "He traveled to Florida to meet with Devocht": whoever "he" is, it is not Devocht.
        return None if found in later else found

    def resolve_description(self, head: Token) -> str | None:
        """'The Russian president' -> the one person whose titles include all its words."""
        words = {lemma_of(t).lower() for t in head.subtree if t.dep_ in ("amod", "compound") or t == head}
        if not words or lemma_of(head).lower() not in {t for p in self.people.values() for t in p.titles}:
            return None
        matches = [p for p in self.people.values() if words <= p.titles]
        return matches[0].full_name if len(matches) == 1 else None

    def end_sentence(self, sent: Span) -> None:
        """Remember the sentence's subject and people for resolving the next sentence."""
        people = tuple(dict.fromkeys(person_key(e.text) for e in sentence_ents(sent) if e.label_ == "PERSON"))
        self.last_sentence_people = tuple(k for k in people if k in self.people)
        subject = None
        doc = sent.doc
        _, deps, heads = token_columns(doc)
        for i in range(sent.start, sent.end):
            # Token.dep_ "nsubj" or "nsubjpass" and its head's "ROOT", compared as ids.
            if deps[i] in _SUBJECT_DEPS and deps[heads[i]] == _ROOT_DEP:
                tok = doc[i]
                if tok.ent_type_ == "PERSON":
                    subject = person_key(_entity_of(tok).text)
                elif tok.lower_ in PERSONAL_PRONOUNS and self.last_subject:
                    subject = self.last_subject
                break
        self.last_subject = subject if subject in self.people else None


def _entity_of(tok: Token) -> Span:
    for ent in sentence_ents(tok.doc[:]):
        if ent.start <= tok.i < ent.end:
            return ent
    return tok.doc[tok.i : tok.i + 1]
