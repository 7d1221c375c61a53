"""Numbers worth asking about: counts, quantities, money, percentages, durations."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from quizgen.extract.candidate import (
    Candidate,
    figures_illustrate,
    in_brackets,
    sentence_ents,
    span_offsets,
    strip_hedge,
)

if TYPE_CHECKING:
    from spacy.tokens import Span

NUMBER_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion trillion dozen dozens hundreds thousands millions "
    "billions"
).split()
_NUMBERISH = re.compile(r"\d|\b(" + "|".join(NUMBER_WORDS) + r")\b", re.I)
DURATION_UNITS = r"(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century)"
_DURATION = re.compile(rf"^([\w,.-]+(?:\s+(?:and\s+)?[\w-]+)?)\s+{DURATION_UNITS}$", re.I)
# Too small or too vague to be worth a question on their own ("the two presidents", "one day").
SCALE_WORDS = {"hundred", "thousand", "million", "billion", "trillion", "ago", "per", "cent", "percent", "%"}
TRIVIAL = {"one", "1", "zero", "0", "two", "2", "a", "an", "several", "few", "many", "dozens", "hundreds",
           "thousands", "millions", "billions", "tens of thousands", "hundreds of thousands"}


def find_numbers(sent: Span, offset: int, sent_text: str | None = None) -> Iterator[Candidate]:
    """Number candidates in one sentence of a paragraph Doc that starts at document offset `offset`."""
    s_start, s_end = span_offsets(sent, offset)
    if sent_text is None:  # Span.text joins the tokens anew: callers that have the text pass it
        sent_text = sent.text
    ents = sentence_ents(sent)
    if not any(e.label_ == "DATE" or e.label_ in NUMBER_LABELS for e in ents):
        return  # nothing to ask: the sentence checks below would only cost time
    if figures_illustrate(sent, sent_text):
        return  # "If we destroy four-fifths", "£680,000 in their annual payments": no fact to learn
    for ent in ents:
        at, end_at = ent.start_char - sent.start_char, ent.end_char - sent.start_char
        label = ent.label_
        if label == "DATE":
            answer_span = _duration(ent)
            if answer_span is None:
                continue
            label = "DURATION"
        elif label in NUMBER_LABELS:
            answer_span = _without_hedge(ent)
            if answer_span is None or _part_of_name(ent):
                continue
        else:
            continue
        start, end = answer_span
        # The entity's own text, not doc.text (which spaCy rebuilds token by token on every call).
        text = ent.text[start - ent.start_char : end - ent.start_char]
        if text.lower() in TRIVIAL or not _NUMBERISH.search(text):
            continue
        if _VAGUE.match(text):
            continue  # "several hundred people": "many" or "some thousands" would do as well
        if re.search(r"\bpoints?\b", sent_text[end_at : end_at + 8], re.I) and label == "CARDINAL":
            continue  # "winning _____ points": a rule of the game, not a fact of the story
        extra = [w for w in text.split()[1:] if w.lower() not in SCALE_WORDS]
        if len(extra) > 1:
            continue  # "13 school years": the blank would swallow the noun that says what it counts
        if _exact_large(text):
            continue  # "20,235 people": rote trivia, not what a reader takes away
        if label == "DURATION" and _relative(sent.doc, ent):
            continue  # "Two years later": when, relative to what the reader must find out
        if ent.end < len(sent.doc) and sent.doc[ent.end].text == "-" and ent[-1].whitespace_:
            continue  # "The six - member team": a compound the source split apart
        if "%" in text and len(re.findall(r"\d\s?%", sent_text)) >= 3:
            continue  # "92% European and 7% Māori, the remaining 1%": the blank is a sum away
        if CHANGE_FROM.search(sent_text):
            continue  # "was _____, up 33% from $123 million": the answer can be worked out
        if _converted_after(sent.doc, ent):
            continue  # "over 3,000 metres (9,800 ft)": the conversion gives the answer away
        if _after_range_dash(sent.doc, ent):
            continue  # "1890 – 91": the second half of a range
        before = sent.doc[ent.start - 1] if ent.start > 0 else None
        if before is not None and before.text in ("$", "€", "£") and before.whitespace_:
            continue  # "$ 200": the source's spacing would be printed
        if _in_parentheses(sent.doc, ent) or in_brackets(ent):
            continue  # "meat (8.8%), wood (6.2%)": one figure of a list, or an aside
        if label == "DURATION" and text.split()[0].lower() in ("one", "a", "an", "1"):
            continue
        after = sent.doc[ent.end] if ent.end < len(sent.doc) else None
        if (before is not None and before.lower_ in ("or", "even")) or (after is not None and after.lower_ == "or") or (
                " or " in text):
            continue  # "two or even _____", "six or seven": one of several values the sentence allows
        if label in ("MONEY", "QUANTITY", "PERCENT") and sum(
                e.label_ == label for e in sentence_ents(sent)) >= 3:
            continue  # "at £25 ...; at £20; and at £15": one figure of a series, or worked out from it
        if re.search(r"\d: ?\d", sent_text[max(0, at - 12) : end_at + 12]):
            continue  # "£411,117:10:9": the shillings or pence of a sum in the old notation
        if _worked_out(text, sent_text, start - sent.start_char):
            continue  # "112 and 139, in all 251": the sum (or the span of two years) is in the sentence
        if before is not None and before.lower_ == "by" and sent_text[end_at:].lstrip().startswith("votes"):
            continue  # "defeated Raymond Wong by _____ votes": a margin, trivia beside who won
        if before is not None and before.lower_ == "every":
            continue  # "one new migrant for every _____ residents": a ratio, true of many values
        if _counted_in_sentence(ent, text):
            continue  # "Wages, profit, and rent, are the _____ sources": the list can be counted
        if _describes_a_person(ent):
            continue  # "John Burrows, the chairman of the project's panel of twelve, said": an aside
        yield Candidate("number", label, offset + start, offset + end, s_start, s_end)


# "several hundred", "a few thousand"; a scale word alone ("a thousand generations", "a dozen of people")
# is a round figure of speech.
_VAGUE = re.compile(r"(?:several|some|many|a few|few|a great many|a couple of)\s"
                    r"|(?:dozen|score|hundred|thousand|million|billion)s?\b", re.I)


def _worked_out(answer: str, sentence: str, at: int) -> bool:
    """Whether two other figures in the sentence add up to the answer, or differ by it."""
    from quizgen.quality import number_value

    value = number_value(answer)
    if value is None or value < 2:
        return False
    others = []
    for match in re.finditer(r"\d[\d,]*", sentence):
        if match.start() <= at < match.end() or at <= match.start() < at + len(answer):
            continue
        others.append(float(match.group().replace(",", "")))
    return any(a + b == value or abs(a - b) == value for i, a in enumerate(others) for b in others[i + 1 :])


def _counted_in_sentence(ent: Span, answer: str) -> bool:
    """Whether the number counts a list the sentence spells out ("the _____ largest islands are A, B, ...")."""
    from quizgen.quality import number_value

    value = number_value(answer)
    noun = ent.root.head
    if value is None or not 3 <= value <= 12 or ent.root.dep_ != "nummod" or noun.dep_ not in ("nsubj", "attr"):
        return False
    for other in noun.head.children:
        if other.i != noun.i and other.dep_ in ("nsubj", "attr"):
            items = 1 + sum(1 for t in other.subtree if t.dep_ == "conj" and t.head.dep_ in ("conj", other.dep_))
            if items == value:
                return True
    return False


def _describes_a_person(ent: Span) -> bool:
    """Whether the number sits in an apposition that describes a person ("X, the head of a panel of 12,")."""
    for token in ent.root.ancestors:
        if token.dep_ == "appos":
            return token.head.ent_type_ == "PERSON"
    return False


def _relative(doc, ent: Span) -> bool:  # noqa: ANN001
    after = doc[ent.end] if ent.end < len(doc) else None
    inside = ent.text.lower().split()[-1] in ("later", "earlier", "after", "before")
    return inside or bool(after is not None and after.lower_ in ("later", "earlier", "after", "before"))


def _exact_large(text: str) -> bool:
    match = re.search(r"\d[\d,]*", text)
    if not match or "." in text:
        return False
    digits = match.group().replace(",", "")
    return len(digits) >= 4 and len(digits.rstrip("0")) > 3 and not re.fullmatch(r"1\d{3}|20\d{2}", digits)


CHANGE_FROM = re.compile(
    r"\b(up|down|rose|fell|increase|decrease|rising|falling)\w*\s+(by\s+)?\d+(\.\d+)?\s?(%|percent)\s+"
    r"(from|on|over)\b", re.I)


def _converted_after(doc, ent: Span) -> bool:  # noqa: ANN001
    # "(9,800 ft)" right after the number, or after its unit: "42.4 °C (108.32 °F)".
    return any(end + 1 < len(doc) and doc[end].text == "(" and doc[end + 1].like_num for end in (ent.end, ent.end + 1))


def _after_range_dash(doc, ent: Span) -> bool:  # noqa: ANN001
    return ent.start >= 2 and doc[ent.start - 1].text in ("-", "–", "—", "to") and doc[ent.start - 2].like_num


def _in_parentheses(doc, ent: Span) -> bool:  # noqa: ANN001
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    return bool(before is not None and before.text == "(" and after is not None and after.text == ")")


def _without_hedge(ent: Span) -> tuple[int, int] | None:
    dropped, rest = strip_hedge(ent.text)
    rest = rest.rstrip(" ,.;:")
    if not rest:
        return None
    return ent.start_char + dropped, ent.start_char + dropped + len(rest)


def _duration(ent: Span) -> tuple[int, int] | None:
    dropped, rest = strip_hedge(ent.text)
    rest = re.sub(r"\s+(ago|earlier|later|old|long)$", "", rest)
    if not _DURATION.match(rest) or not _NUMBERISH.search(rest.split()[0]):
        return None
    return ent.start_char + dropped, ent.start_char + dropped + len(rest)


def _part_of_name(ent: Span) -> bool:
    # "Internet Explorer 6", "STS-135", "Facility-1": the number belongs to a proper name.
    root = ent.root
    if root.dep_ in ("nummod", "compound", "appos") and root.head.pos_ == "PROPN" and root.head.i < root.i:
        return True
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    if (ent[0].text[:1].isupper() and ent[0].is_alpha and before is not None and not before.is_punct
            and after is not None and after.pos_ == "PROPN" and after.text[:1].isupper()):
        return True  # "the Five Power Defence Arrangements": a capitalised number word begins a name
    return bool(
        (before is not None and before.text in ("-", "#", "No.") and before.whitespace_ == "")
        or (after is not None and after.text == "-" and ent[-1].whitespace_ == "")
        or (before is not None and before.pos_ == "PROPN" and before.ent_type_ not in ("", "CARDINAL")
            and before.whitespace_ != "")
    )
