"""Wrong options of the same kind and format as the answer: plausible, and certainly wrong.

Randomness comes from the `random.Random` passed in; every pool is sorted before sampling so the
same inputs and seed give the same options.
"""

from __future__ import annotations

import calendar
import functools
import json
import math
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources

from quizgen.model import BLANK, Fact
from quizgen.normalize import fold, normalize_answer

N_DISTRACTORS = 3
MAX_NAME_CANDIDATES = 12

# ---------------------------------------------------------------- banks and aliases


@functools.cache
def banks() -> dict:
    """The built-in name banks shipped as package data."""
    return json.loads(resources.files("quizgen").joinpath("data/banks.json").read_text("utf-8"))


@functools.cache
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    data = banks()
    for canonical, aliases in list(data["country_aliases"].items()) + list(data["organisations"].items()):
        for name in [canonical, *aliases]:
            index[normalize_answer(name)] = normalize_answer(canonical)
    return index


@functools.lru_cache(maxsize=65536)
def identity(text: str, label: str = "") -> str:
    """One key per thing named: aliases of a country or organisation and a person's surname forms agree."""
    norm = normalize_answer(text)
    if not norm:
        return ""
    alias = _alias_index().get(norm) or _alias_index().get(norm.replace(" ", ""))
    if alias:
        return alias
    if label in ("PERSON", "person"):
        return "person:" + norm.split()[-1]
    return norm


def has_aliases(name: str) -> bool:
    """Whether the banks know other names for it ("Britain" for the United Kingdom, "NASA" for ...)."""
    key = normalize_answer(name)
    return (_alias_index().get(key) or _alias_index().get(key.replace(" ", ""))) is not None


def is_alias(a: str, b: str, label: str = "") -> bool:
    """Whether two strings name the same thing ('Biden' / 'Joe Biden', 'U.S.' / 'United States')."""
    ia, ib = identity(a, label), identity(b, label)
    if ia == ib:
        return True
    na, nb = normalize_answer(a).split(), normalize_answer(b).split()
    if not na or not nb:
        return False
    if label in ("PERSON", "person") and set(na) & set(nb):
        return True  # "Sam" / "Thomas Sam" / "Manju Sam": too close to tell apart fairly
    # One name's words all inside the other's ("Biden" in "President Joe Biden").
    return set(na) <= set(nb) or set(nb) <= set(na)


@functools.cache
def _alias_groups() -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = {}
    for alias, canonical in _alias_index().items():
        groups.setdefault(canonical, []).append(alias)
    return {k: tuple(v) for k, v in groups.items()}


@functools.lru_cache(maxsize=65536)
def padded(text: str) -> str:
    """The folded text with a space at each end, as `mentioned_in` searches it."""
    return f" {fold(text)} "


def mentioned_in(name: str, text: str, label: str = "") -> bool:
    """Whether `text` names `name` or an alias or (for people) the surname of it."""
    folded = padded(text)
    return any(needle in folded for needle in mention_needles(name, label))


@functools.lru_cache(maxsize=65536)
def mention_needles(name: str, label: str = "") -> tuple[str, ...]:
    """What `mentioned_in` looks for in the folded text, each padded with spaces: the name, (for people)
    its surname, and its aliases; nothing for a name that folds to nothing."""
    norm = normalize_answer(name)
    if not norm:
        return ()
    needles = [f" {norm} "]
    if label in ("PERSON", "person") and len(norm.split()) > 1:
        needles.append(f" {norm.split()[-1]} ")
    canonical = _alias_index().get(norm)
    if canonical:
        needles.extend(f" {alias} " for alias in _alias_groups()[canonical])
    return tuple(needles)


# ---------------------------------------------------------------- numbers

_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
WORD_VALUES = {w: i for i, w in enumerate(_SMALL)} | _TENS
_NUM_RE = re.compile(r"^(?P<pre>[^\d]*?)(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?(?P<post>.*)$")


def _number_word(value: int) -> str | None:
    if 0 <= value < 20:
        return _SMALL[value]
    if value < 100 and value % 10 == 0:
        return next(w for w, v in _TENS.items() if v == value)
    return None


def _match_case(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


FRACTION_WORDS = {"half", "halves", "third", "thirds", "quarter", "quarters", "fourth", "fourths", "fifth", "fifths",
                  "sixth", "sixths", "eighth", "eighths", "tenth", "tenths", "hundredth", "hundredths"}


def number_distractors(answer: str, taken: set[str]) -> list[str]:
    """Same written form, unit and rounding: '175,000' -> '150,000'; 'Thirteen' -> 'Eleven'."""
    words = answer.split()
    first = words[0].lower() if words else ""
    if any(w.lower() in FRACTION_WORDS for w in words[1:2]):
        return []  # "one half": "two half" is no fraction, and "one third" is no certain wrong answer
    if first in WORD_VALUES:
        value = WORD_VALUES[first]
        rest = answer[len(words[0]):]
        out = []
        for cand in _nearby_small(value):
            word = _number_word(cand)
            if word is None or (rest and cand == 1):
                continue
            out.append(_match_case(word, words[0]) + rest)
        return [o for o in out if normalize_answer(o) not in taken]
    match = _NUM_RE.match(answer)
    if not match:
        return []
    pre, num, dec, post = match["pre"], match["num"], match["dec"] or "", match["post"]
    percent = post.strip().startswith(("%", "percent", "per cent"))
    if dec and "," not in num and len(num) <= 2 and not (percent and int(num) >= 20):
        return _decimal_distractors(pre, num + dec, post, taken)
    value = int(num.replace(",", ""))
    out = []
    values = _nearby_values(value)
    if percent and value >= 20:
        # Percentages move in fives and stay at or under 100.
        values = [v for v in (value + 5, value - 5, value + 10, value - 10, value + 15, value - 15) if 0 < v <= 100]
    for cand in values:
        text = f"{cand:,}" if "," in num else str(cand)
        ordinal = re.match(r"^(st|nd|rd|th)\b", post)
        if ordinal:  # 21st, 22nd, 23rd, 11th: the suffix follows the new number
            post = _ordinal_suffix(cand) + post[2:]
            if "centur" in post and cand > max(value, 20):
                continue  # "the early 21st century" for missionaries of the 1800s: a century not yet begun
        if "," not in num and len(str(cand)) != len(str(value)) and value < 1000:
            continue  # "900" -> "1000" reads oddly without a separator; stay within the same digits
        if post.startswith(("-", " ")) and cand == 1 and re.match(r"[- ]?\w+s\b", post):
            continue
        out.append(f"{pre}{text}{dec}{post}")
    return [o for o in out if normalize_answer(o) not in taken]


def _decimal_distractors(pre: str, number: str, post: str, taken: set[str]) -> list[str]:
    """'2.1' -> '2.4', '1.8', '2.7': the same decimals, moved by a few tenths (or hundredths)."""
    places = len(number.split(".")[1])
    units = round(float(number) * 10**places)
    step = max(3, units // 8)
    out = []
    for k in (1, -1, 2, -2, 3):
        cand = units + k * step
        if cand > 0:
            text = f"{pre}{cand / 10**places:.{places}f}{post}"
            if normalize_answer(text) not in taken:
                out.append(text)
    return out


def _ordinal_suffix(value: int) -> str:
    if 10 <= value % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


def _nearby_small(value: int) -> list[int]:
    steps = (2, -2, 1, -1, 3, -3, 4, -4) if value > 4 else (1, 2, 3, 4, 5)
    return [value + s for s in steps if value + s >= 2 and value + s != value]


def _nearby_values(value: int) -> list[int]:
    if value < 20:
        return _nearby_small(value)
    digits = len(str(value))
    # Keep the answer's rounding: 175,000 moves in steps of 25,000, 70,000 in 10,000s; an exact
    # figure (1,093) keeps its last digits and moves by a tenth of its size (993, 1,193).
    steps = [p * m for p in (10**k for k in range(digits, -1, -1)) for m in (5, 2.5, 2, 1)]
    step = next(int(s) for s in steps if s == int(s) and s <= value / 3 and value % int(s) == 0)
    if step < value / 20:
        step = max(step, 10 ** int(math.log10(value / 10)))
    out: list[int] = []
    for k in (1, -1, 2, -2, 3, -3, 4):
        cand = value + k * step
        if cand > 0 and len(str(cand)) in (digits - 1, digits, digits + 1) and cand not in out:
            out.append(cand)
    return out


# ---------------------------------------------------------------- dates

_MONTHS = list(calendar.month_name)[1:]
_WEEKDAYS = list(calendar.day_name)


def date_distractors(answer: str, label: str, taken: set[str]) -> list[str]:
    """Same granularity and form: a weekday for a weekday, 'August 31' -> another month-day."""
    out: list[str] = []
    if label == "WEEKDAY":
        i = _WEEKDAYS.index(answer)
        out = [_WEEKDAYS[(i + k) % 7] for k in (1, -1, 2, -2, 3, -3)]
    elif label == "MONTH":
        i = _MONTHS.index(answer)
        out = [_MONTHS[(i + k) % 12] for k in (1, -1, 2, -2, 3, -3)]
    elif label == "YEAR":
        year = int(answer)
        # A round year among 1939, 1941, 1942 stands out ("from 1940 onwards"): round years move by tens.
        steps = (10, -10, 20, -20, 30, -30) if year % 10 == 0 else (1, -1, 2, -2, 3, -3, 4, -4, 5, -5)
        out = [str(year + k) for k in steps]
    elif label == "DECADE":
        decade = int(answer[:-1])
        out = [f"{decade + k}s" for k in (10, -10, 20, -20, 30)]
    elif label in ("MONTH_DAY", "FULL_DATE", "MONTH_YEAR"):
        out = _calendar_distractors(answer, label)
    return [o for o in out if normalize_answer(o) not in taken and o != answer]


def _calendar_distractors(answer: str, label: str) -> list[str]:
    m = re.match(r"^(?:(?P<d1>\d{1,2}) )?(?P<month>[A-Z][a-z]+)(?: (?P<d2>\d{1,2}))?(?P<comma>,?)"
                 r"(?: (?P<year>\d{4}))?$", answer)
    if not m or m["month"] not in _MONTHS:
        return []
    month = _MONTHS.index(m["month"]) + 1
    day = int(m["d1"] or m["d2"] or 1)
    year = int(m["year"]) if m["year"] else 2001  # a non-leap year: "February 29" is never made up
    out = []
    # Only the month moves, the day and year stay: options a week apart are trivia, and nudging a
    # different part for each option leaves the answer as the one that shares parts with all.
    shifts = ((1, 0), (-1, 0), (2, 0), (-2, 0), (3, 0), (-3, 0), (4, 0))
    for dm, dd in shifts:
        total = (year * 12 + month - 1) + dm
        y, mo = divmod(total, 12)
        mo += 1
        d = day + dd
        if not 1 <= d <= calendar.monthrange(y, mo)[1]:
            continue
        name = _MONTHS[mo - 1]
        if label == "MONTH_YEAR":
            out.append(f"{name}{m['comma']} {y}")
        elif m["d1"]:
            out.append(f"{d} {name}" + (f"{m['comma']} {y}" if m["year"] else ""))
        else:
            out.append(f"{name} {d}" + (f"{m['comma']} {y}" if m["year"] else ""))
    if m["year"]:  # the same year for every option when the calendar allows, or the odd one out shows
        same_year = [o for o in out if o.endswith(m["year"])]
        out = same_year if len(same_year) >= N_DISTRACTORS else out
    return out


# ---------------------------------------------------------------- names


@dataclass(frozen=True, slots=True)
class NamePool:
    """Names one document offers as distractors, by label."""

    document: dict[str, tuple[str, ...]]
    genders: dict[str, str] = field(default_factory=dict)  # person name -> "m"/"f"
    # People the document shows to be people beyond spaCy's tag: named twice, or given a pronoun.
    solid: frozenset[str] = frozenset()


def name_pool(facts: Iterable[Fact], document_id: str) -> NamePool:
    """Collect the document's name answers and speakers, keyed by label (PERSON, ORG, GPE, ... and GROUP)."""
    doc: dict[str, set[str]] = {}
    genders: dict[str, str] = {}
    solid: set[str] = set()
    for fact in facts:
        name = fact.answer if fact.kind == "name" else fact.speaker if fact.kind == "position" else None
        if fact.document != document_id or not name:
            continue
        doc.setdefault(fact.label, set()).add(name)
        if fact.gender:
            genders[name] = fact.gender
        if fact.gender or fact.mentions >= 2 or fact.kind == "position":
            solid.add(name)
    # A name the document uses as an organisation or place is no person, whatever one sentence's tag
    # said ("Mozilla noted ...", tagged PERSON once): it is never offered among people.
    elsewhere = set().union(*(names for label, names in doc.items() if label != "PERSON"))
    if "PERSON" in doc:
        doc["PERSON"] -= elsewhere
    return NamePool({k: tuple(sorted(v)) for k, v in doc.items() if v}, genders, frozenset(solid))


_INITIALS = re.compile(r"^(?:[A-Z]\.\s?)+")  # "A.A. Gould", "M. Quatrefages", "G.H. Lewes"
_NATIONALITY_CUE = re.compile(
    r"\b[A-Z][a-z]+(?:'s|(?:ish|ian|ese|ean|ic|ch|i|an))\s+(?:[a-z-]+\s+){0,2}" + re.escape(BLANK))
ROLE_WORDS = (
    "professor", "academic", "spokesman", "spokeswoman", "spokesperson", "goalkeeper", "striker", "captain",
    "coach", "manager", "minister", "secretary", "director", "chairman", "chairwoman", "chair", "president",
    "founder", "executive", "ceo", "leader", "author", "writer", "actor", "actress", "singer", "player",
    "judge", "lawyer", "attorney", "general", "governor", "mayor", "senator", "officer", "editor", "analyst",
    "researcher", "scientist", "student", "teacher", "composer", "artist", "bishop", "priest", "pope",
)
_ROLE_BEFORE_BLANK = re.compile(rf"\b(?:{'|'.join(ROLE_WORDS)})\s+{re.escape(BLANK)}", re.I)
MC_NAME_LABELS = ("PERSON", "GPE", "ORG")  # other names (works, products, places) stay cloze-only


@functools.cache
def _place_kinds() -> dict[str, str]:
    data = banks()
    kinds: dict[str, str] = {}
    for kind, names in (("city", data["cities"]), ("city", data["capitals"]), ("state", data["us_states"]),
                        ("country", data["countries"])):
        for name in names:
            kinds[identity(name)] = kind
    for canonical in data["country_aliases"]:
        kinds[identity(canonical)] = "country"
    return kinds


@functools.cache
def _city_countries() -> dict[str, str]:
    return {identity(k): v for k, v in banks()["city_countries"].items()}


@functools.cache
def _cities_by_country() -> dict[str, tuple[str, ...]]:
    cities: dict[str, list[str]] = {}
    for city, country in banks()["city_countries"].items():
        cities.setdefault(identity(country), []).append(city)
    return {key: tuple(sorted(names)) for key, names in cities.items()}


def cities_of(country: str) -> tuple[str, ...]:
    """The cities the banks place in `country` ("Taipei" for Taiwan)."""
    return _cities_by_country().get(identity(country), ())


def city_country(name: str) -> str | None:
    """The country of a city the banks know."""
    return _city_countries().get(identity(name))


def place_kind(name: str) -> str:
    """'country', 'state', 'city' or 'unknown' (a city or region the banks do not list)."""
    return _place_kinds().get(identity(name), "unknown")


def _same_sort(candidate: str, answer: str, label: str) -> bool:
    """Whether a candidate is the same sort of thing: a country for a country, an acronym for one."""
    if label == "GPE":
        a, c = place_kind(answer), place_kind(candidate)
        # A town the banks do not know is matched only with known cities: a doc's "unknown" places
        # are too often spaCy's mistakes ("Cisco", "Phoenix" the browser). A known city is matched
        # with cities of its own country: Boston, not Nairobi, for a firm in New York City.
        if a in ("country", "state"):
            return c == a
        home = city_country(answer)
        return c == "city" and (home is None or city_country(candidate) == home)
    if label == "ORG":
        if answer.isupper() and " " not in answer:
            return candidate.isupper() and " " not in candidate
        # "Labour Party" / "Civic Party", "Home Office" / "Foreign Office": the same head word.
        return len(candidate.split()) > 1 and candidate.split()[-1].lower() == answer.split()[-1].lower()
    return True


# Said with "the" ("from the Philippines"): beside a blank written without one they read wrong.
THE_COUNTRIES = frozenset({
    "Philippines", "Netherlands", "Bahamas", "Gambia", "Maldives", "Comoros", "Seychelles", "Marshall Islands",
    "Solomon Islands", "Czech Republic", "Dominican Republic", "Central African Republic", "United States",
    "United Kingdom", "United Arab Emirates", "Democratic Republic of the Congo", "Republic of the Congo",
})


def _names_a_country(text: str) -> bool:
    words = re.findall(r"[A-Z][\w.'-]*", text)
    return any(place_kind(" ".join(words[i:i + n])) == "country" for n in (1, 2, 3) for i in range(len(words)))


def name_distractors(answer: str, label: str, pool: NamePool, stem: str) -> list[str]:
    """Names of the same type and sort from the same document, never from elsewhere.

    Readers rejected nearly every name option taken from outside the article: a footballer from
    another match among England's players, Moldova and Cuba for a Taipei festival, Nairobi for a
    firm founded in 1780s New York. Names the article itself gives (Cook, Hobson and Tasman for a
    New Zealand governor; Thailand and Malaysia beside Myanmar) were accepted.
    """
    if label not in MC_NAME_LABELS and label != "GROUP":
        return []
    if label == "PERSON" and _NATIONALITY_CUE.search(stem):
        return []  # "Tunisia's goalkeeper _____": options from other teams would give it away
    if label == "PERSON" and _ROLE_BEFORE_BLANK.search(stem):
        return []  # "professor _____": options must all be professors, and the document rarely has three
    if label == "PERSON" and not stem.startswith("Who ") and _names_a_country(stem):
        return []  # "England opened the scoring, when _____ scored": only one option plays for England
    if label == "GPE" and place_kind(answer) == "unknown":
        return []  # an unlisted place may be spaCy's mistake ("Cisco"): no options for it
    person = label in ("PERSON",)
    surname_only = person and len(answer.split()) == 1
    # spaCy tags some parties and works PERSON ("Civic Passion"): offer only people shown to be people.
    # Acronyms tagged ORG once ("CPU", "API") are no organisations either: named twice at least.
    ordered = [c for c in pool.document.get(label, ())
               if _same_sort(c, answer, label) and (label not in ("PERSON", "ORG") or c in pool.solid)]
    # "Who said she felt ...?": only women are plausible, and only those the document shows as such.
    gendered = re.search(r"\b(she|her)\b|\b(he|his|him)\b", stem, re.I) if stem.startswith("Who ") else None
    wanted = ("f" if gendered.group(1) else "m") if gendered and person else None
    # "Sir _____", "Dame _____": a title before the blank rules out the other gender.
    title = re.search(rf"\b(Sir|Mr\.?|Lord|King|Captain|Dame|Mrs\.?|Ms\.?|Lady|Queen)\s+{re.escape(BLANK)}", stem)
    unwanted = None
    if title and person:
        unwanted = "f" if title.group(1).rstrip(".") in ("Sir", "Mr", "Lord", "King", "Captain") else "m"
    regnal = re.compile(r"\b[IVX]+$")
    out: list[str] = []
    for cand in ordered:
        if wanted and pool.genders.get(cand) != wanted:
            continue
        if unwanted and pool.genders.get(cand) == unwanted:
            continue
        if label == "GPE" and (cand in THE_COUNTRIES) != (answer in THE_COUNTRIES):
            continue  # "from _____": "Philippines" would need a "the" that "Myanmar" does not
        if cand[-1:] in ",;:" or (re.search(r"(?:[a-z]{2}|\b[IVX]+)\.$", cand) and not answer.endswith(".")):
            continue  # "Chairmen in London,", "Edward I.": the source's punctuation came along
        if person and bool(_INITIALS.match(cand)) != bool(_INITIALS.match(answer)):
            continue  # "A.A. Gould" and "A. de Candolle" beside "Mivart": the form gives the answer away
        if person and bool(regnal.search(cand)) != bool(regnal.search(answer)):
            continue  # "Elizabeth II" among plain names is a form tell
        if person:
            cand = cand.split()[-1] if surname_only else cand
            if not surname_only and len(cand.split()) == 1:
                continue  # a surname among full names is a form tell
            if len(cand) < 3 or cand.isupper():
                continue  # "VR" is no surname
        if is_alias(cand, answer, label) or mentioned_in(cand, stem, label) or _ok_name(cand) is False:
            continue
        if any(is_alias(cand, o, label) for o in out):
            continue
        out.append(cand)
        if len(out) >= MAX_NAME_CANDIDATES:
            break  # the closest sources come first; more would only be sampled away
    return out


def _ok_name(text: str) -> bool:
    return bool(text) and text[:1].isupper() and len(text) <= 60


# ---------------------------------------------------------------- choosing


# Bounds ("less than four months") make bigger or smaller values true too: no certain wrong answer.
BOUND_HEDGE = re.compile(
    r"\b(less|fewer|more|greater|higher|lower) than\s*$|\b(over|under|up to|at least|at most|nearly|almost|"
    r"upwards of|as many as|as few as|below|above|within|exceeding)\s*$", re.I,
)


def bounded(fact: Fact) -> bool:
    """Whether a figure or date is a bound ("less than four months", "over 40,000"): no certain wrong answer."""
    before = fact.sentence[:fact.start - fact.sentence_start]
    return fact.kind in ("number", "date") and BOUND_HEDGE.search(before) is not None


def pick_distractors(
    fact: Fact, answer: str, stem: str, pool: NamePool, taken_numbers: set[str], rng: random.Random
) -> list[str] | None:
    """Three distractors for `answer`, or None when three good ones cannot be found."""
    if bounded(fact):
        return None
    if fact.kind == "number":
        candidates = number_distractors(answer, taken_numbers)
    elif fact.kind == "date":
        candidates = _consistent_years(answer, fact.sentence, date_distractors(answer, fact.label, taken_numbers))
        candidates = _not_after_latest(answer, taken_numbers, candidates)
    elif fact.kind == "position":
        candidates = name_distractors(answer, fact.label if fact.label != "PERSON" else "PERSON", pool, stem)
    else:
        candidates = name_distractors(answer, fact.label, pool, stem)
    # Numbers and dates come ordered nearest first: sample only among the closest, most plausible.
    width = N_DISTRACTORS if fact.kind in ("number", "date") else N_DISTRACTORS + 2
    return _choose(answer, candidates, stem, rng, width, ranked=fact.kind in ("number", "date"))


def _not_after_latest(answer: str, taken: set[str], candidates: list[str]) -> list[str]:
    """No year later than any the document mentions: "the 2030s" is no option for a past event."""
    years = [int(y) for t in [*taken, answer] for y in re.findall(r"\b(1\d{3}|20\d{2})", t)]
    if not years:
        return candidates
    latest = max(years)
    return [c for c in candidates if all(int(y) <= latest for y in re.findall(r"\b(1\d{3}|20\d{2})", c))]


def _consistent_years(answer: str, sentence: str, candidates: list[str]) -> list[str]:
    """Drop years on the wrong side of another year in the sentence.

    "introduced in _____ and in 2009 about 8,000 were employed under it": 2010 cannot be right,
    and a student could rule it out from the stem alone.
    """
    year = re.search(r"\b(1\d{3}|20\d{2})\b", answer)
    if not year:
        return candidates
    value = int(year.group())
    others = {int(y) for y in re.findall(r"\b(1\d{3}|20\d{2})\b", sentence)} - {value}
    kept = []
    for cand in candidates:
        match = re.search(r"\b(1\d{3}|20\d{2})\b", cand)
        c = int(match.group()) if match else value
        if all((c < y) == (value < y) and c != y for y in others):
            kept.append(cand)
    return kept


def _choose(answer: str, candidates: Sequence[str], stem: str, rng: random.Random,
            width: int, *, ranked: bool = False) -> list[str] | None:
    seen = {normalize_answer(answer)}
    unique: list[str] = []
    for cand in candidates:
        key = normalize_answer(cand)
        if not key or key in seen or mentioned_in(cand, stem):
            continue
        seen.add(key)
        unique.append(cand)
    if len(unique) < N_DISTRACTORS:
        return None
    chosen = (_around(answer, unique, rng) if ranked else None) or rng.sample(unique[:width], N_DISTRACTORS)
    # No length tell: when the answer would be the longest option, bring in a longer candidate.
    if all(len(c) < len(answer) for c in chosen):
        longer = [c for c in unique if len(c) >= len(answer) and c not in chosen]
        if longer:
            chosen[rng.randrange(N_DISTRACTORS)] = longer[0]
    return chosen


def _around(answer: str, nearest_first: list[str], rng: random.Random) -> list[str] | None:
    """The nearest values below and above the answer, with the answer's place among them (lowest to
    highest) drawn at random: taking the three nearest made it the second lowest nearly every time
    (1839, 1840, 1841, 1842), a tell over a quiz. None when a value cannot be read."""
    from quizgen.quality import number_value  # quality imports this module

    value = number_value(answer)
    values = [number_value(c) for c in nearest_first]
    if value is None or None in values:
        return None
    below = [c for c, v in zip(nearest_first, values, strict=True) if v < value]
    above = [c for c, v in zip(nearest_first, values, strict=True) if v > value]
    places = [n for n in range(N_DISTRACTORS + 1) if len(below) >= n and len(above) >= N_DISTRACTORS - n]
    if not places:
        return None
    n = rng.choice(places)
    return below[:n] + above[: N_DISTRACTORS - n]


def arrange(answer: str, distractors: Sequence[str], correct_index: int, rng: random.Random) -> tuple[str, ...]:
    """The four options with the answer at `correct_index` and the distractors shuffled around it."""
    others = list(distractors)
    rng.shuffle(others)
    others.insert(correct_index, answer)
    return tuple(others)
