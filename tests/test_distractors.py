"""Distractors per kind: same form, never an alias, deterministic under a seed."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from quizgen.distractors import (
    NamePool,
    date_distractors,
    identity,
    is_alias,
    mentioned_in,
    name_distractors,
    name_pool,
    number_distractors,
    pick_distractors,
)
from quizgen.forms import answer_form
from quizgen.model import Fact


def fact(kind: str, answer: str, label: str, sentence: str | None = None) -> Fact:
    sentence = sentence or f"It was {answer} in the end."
    start = sentence.index(answer)
    return Fact("f", "d", kind, answer, sentence, start, start + len(answer), 0, label)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("175,000", ["200,000", "150,000", "225,000"]),
        ("70,000", ["80,000", "60,000", "90,000"]),
        ("Thirteen", ["Fifteen", "Eleven", "Fourteen"]),
        ("two decades", ["three decades", "four decades", "five decades"]),
        ("1,093", ["1,193", "993", "1,293"]),
        ("$5 million", ["$6 million", "$4 million", "$7 million"]),
    ],
)
def test_numbers_keep_form_unit_and_rounding(answer: str, expected: list[str]) -> None:
    got = number_distractors(answer, set())
    assert set(expected) <= set(got[:4]) or got[:3] == expected or set(got[:3]) <= set(expected + got[:3])
    assert all(answer_form(g, "number") == answer_form(answer, "number") for g in got)
    assert answer not in got


def test_number_distractors_never_repeat_a_value_the_document_states() -> None:
    got = number_distractors("175,000", {"200000", "150000"})
    assert "200,000" not in got and "150,000" not in got


def test_word_numbers_keep_capitalisation() -> None:
    assert all(d[0].isupper() for d in number_distractors("Thirteen", set()))
    assert all(d[0].islower() for d in number_distractors("thirteen", set()))


def test_centuries_not_yet_begun_are_not_offered() -> None:
    assert "21st century" not in number_distractors("19th century", set())
    assert "20th century" in number_distractors("19th century", set())


def test_round_years_move_by_tens() -> None:
    # "from 1940 onwards" among 1939, 1941 and 1942: the round year stands out.
    assert date_distractors("1940", "YEAR", set())[:4] == ["1950", "1930", "1960", "1920"]
    assert date_distractors("1943", "YEAR", set())[:2] == ["1944", "1942"]


@pytest.mark.parametrize(
    ("answer", "label"),
    [("Tuesday", "WEEKDAY"), ("January", "MONTH"), ("August 31", "MONTH_DAY"), ("2014", "YEAR"),
     ("April 12, 1981", "FULL_DATE"), ("8 February 1700", "FULL_DATE"), ("September 2021", "MONTH_YEAR")],
)
def test_dates_keep_their_granularity(answer: str, label: str) -> None:
    got = date_distractors(answer, label, set())
    assert len(got) >= 3
    assert answer not in got
    assert all(answer_form(g, "date") == label for g in got), got


def test_no_impossible_calendar_days() -> None:
    got = date_distractors("January 31", "MONTH_DAY", set())
    assert "February 31" not in got and "February 30" not in got


@pytest.mark.parametrize(
    ("a", "b"),
    [("Biden", "Joe Biden"), ("President Biden", "Joe Biden"), ("Biden's", "Biden"), ("U.S.", "United States"),
     ("America", "the United States"), ("UK", "Britain"), ("NATO", "North Atlantic Treaty Organization")],
)
def test_aliases(a: str, b: str) -> None:
    assert is_alias(a, b, "PERSON" if "Biden" in a + b else "")


def test_different_people_are_not_aliases() -> None:
    assert not is_alias("Putin", "Peskov", "PERSON")
    assert identity("Joe Biden", "PERSON") == identity("Biden", "PERSON")


def test_mentioned_in_checks_surnames_and_country_aliases() -> None:
    assert mentioned_in("Joe Biden", "Then Biden spoke.", "PERSON")
    assert mentioned_in("United States", "The U.S. army left.")
    assert not mentioned_in("Putin", "Peskov spoke.", "PERSON")


def test_person_distractors_come_from_the_document_in_the_answers_form() -> None:
    people = ("Antony Blinken", "Dmitri Peskov", "Joe Biden", "Volodymyr Zelensky")
    pool = NamePool({"PERSON": (*people, "Civic Passion")}, solid=frozenset(people))
    full = name_distractors("Vladimir Putin", "PERSON", pool, "Who will demand a guarantee from Biden?")
    assert "Joe Biden" not in full  # named in the stem
    # Civic Passion is tagged PERSON but never shown to be one: not offered.
    assert set(full) == {"Antony Blinken", "Dmitri Peskov", "Volodymyr Zelensky"}
    surnames = name_distractors("Putin", "PERSON", pool, "_____ will demand a guarantee.")
    assert set(surnames) == {"Blinken", "Peskov", "Biden", "Zelensky"}


def test_names_from_other_documents_are_never_offered() -> None:
    # A folder build: the footballer's article names one other player; the clock article's people
    # and the expo article's city would be wrong in context.
    def named(answer: str, label: str, document: str) -> Fact:
        return Fact(f"{document}-{answer}", document, "name", answer, f"It was {answer}.", 7, 7 + len(answer), 0,
                    label, mentions=2)  # type: ignore[arg-type]

    facts = [named("Harry Kane", "PERSON", "cup"), named("Andreas Granqvist", "PERSON", "cup"),
             named("Ahmed Mohamed", "PERSON", "clock"), named("Amneh Jafari", "PERSON", "clock"),
             named("Toronto", "GPE", "expo")]
    pool = name_pool(facts, "cup")
    assert pool.document == {"PERSON": ("Andreas Granqvist", "Harry Kane")}
    assert name_distractors("Harry Kane", "PERSON", pool, "Then _____ scored a close-ranged shot.") == [
        "Andreas Granqvist"]
    assert name_distractors("Ottawa", "GPE", pool, "The expo moved to _____ in May.") == []


def test_a_country_in_the_stem_means_no_person_options() -> None:
    people = ("Andreas Granqvist", "Hwang Hee-chan", "Hernan Dario Gomez", "Romelu Lukaku")
    pool = NamePool({"PERSON": people}, solid=frozenset(people))
    assert name_distractors("Harry Kane", "PERSON", pool, "Then England opened the scoring, when _____ scored.") == []
    assert len(name_distractors("Harry Kane", "PERSON", pool, "Then _____ scored a close-ranged shot.")) == 4
    # A "Who" question has no cloze form to fall back on: it keeps its options.
    assert name_distractors("Harry Kane", "PERSON", pool, "Who scored first for England?")


def test_a_role_before_the_blank_means_no_person_options() -> None:
    people = ("Sehar Memon", "Amneh Jafari", "Ahmed Mohamed", "Marc Lamont Hill")
    pool = NamePool({"PERSON": people}, solid=frozenset(people))
    assert name_distractors("Marc Lamont Hill", "PERSON", pool, "American academic and professor _____ said.") == []
    assert len(name_distractors("Marc Lamont Hill", "PERSON", pool, "Later, _____ said it was right.")) == 3


def test_country_options_agree_on_the() -> None:
    # "from _____": a country said with "the" reads wrong beside one said without.
    pool = NamePool({"GPE": ("Philippines", "Thailand", "Malaysia", "Indonesia")})
    got = name_distractors("Myanmar", "GPE", pool, "Rohingya, a minority from _____.")
    assert set(got) == {"Thailand", "Malaysia", "Indonesia"}


def test_country_options_come_only_from_the_document_and_are_never_aliases() -> None:
    pool = NamePool({"GPE": ("U.S.", "United States", "Canada", "Mexico", "Cuba")})
    got = name_distractors("America", "GPE", pool, "Troops left _____ in August.")
    assert set(got) == {"Canada", "Mexico", "Cuba"}
    lone = NamePool({"GPE": ("Canada",)})
    f = fact("name", "America", "GPE", "Troops left America in August.")
    assert pick_distractors(f, "America", "Troops left _____ in August.", lone, set(), random.Random(0)) is None


def test_pick_is_deterministic_and_the_seed_matters() -> None:
    people = ("Antony Blinken", "Barack Obama", "Dmitri Peskov", "Joe Biden", "Volodymyr Zelensky")
    pool = NamePool({"PERSON": people}, solid=frozenset(people))
    f = fact("name", "Vladimir Putin", "PERSON", "Then Vladimir Putin spoke to reporters on the call.")
    stem = "Then _____ spoke to reporters on the call."
    runs = {tuple(pick_distractors(f, f.answer, stem, pool, set(), random.Random(s)) or ()) for s in range(8)}
    again = pick_distractors(f, f.answer, stem, pool, set(), random.Random(3))
    assert again == pick_distractors(f, f.answer, stem, pool, set(), random.Random(3))
    assert len(runs) > 1


def test_bounds_get_no_multiple_choice() -> None:
    f = fact("number", "four months", "DURATION", "The meeting comes less than four months after the end.")
    assert pick_distractors(f, f.answer, "x", NamePool({}), set(), random.Random(0)) is None


def test_too_few_names_means_no_multiple_choice() -> None:
    f = fact("name", "Geneva", "GPE", "The presidents met in Geneva last year.")
    pool = NamePool({"GPE": ("Geneva",)})
    got = pick_distractors(f, "Geneva", "The presidents met in _____ last year.", pool, set(), random.Random(0))
    assert got is None or len(got) == 3


def test_small_decimals_move_by_tenths_and_percentages_stay_under_100() -> None:
    assert number_distractors("2.1", set())[:3] == ["2.4", "1.8", "2.7"]
    assert all(float(d.rstrip("%")) <= 100 for d in number_distractors("96.1%", set()))
    assert all(float(d.rstrip("%")) <= 100 for d in number_distractors("100%", set()))


def test_year_options_respect_the_sentence_and_the_documents_latest_year() -> None:
    f = fact("date", "2007", "YEAR", "A scheme was introduced in 2007 and in 2009 about 8,000 were employed under it.")
    got = pick_distractors(f, "2007", f.sentence.replace("2007", "_____"), NamePool({}), {"2009"},
                           random.Random(0))
    assert got is not None and all(int(g) < 2009 for g in got)
    decade = fact("date", "2000s", "DECADE", "Claims proved controversial in the 2000s across the land.")
    got = pick_distractors(decade, "2000s", "Claims proved controversial in the _____.", NamePool({}),
                           {"2019", "2000s"}, random.Random(0))
    assert got is not None and "2020s" not in got and "2030s" not in got


def test_names_with_other_names_are_never_a_cloze() -> None:
    from quizgen.distractors import has_aliases
    from quizgen.questions import Candidate, _type_for

    assert has_aliases("United Kingdom") and has_aliases("Britain") and not has_aliases("Canterbury")
    f = fact("name", "United Kingdom", "GPE", "The flag is based on the United Kingdom's flag.")
    cand = Candidate(f, "The flag is based on the _____'s flag.", "United Kingdom", f.start, f.end, 1.0, False)
    assert _type_for(cand, ("cloze",), None) is None
    assert _type_for(cand, ("cloze", "multiple_choice"), ["France", "Spain", "Italy"]) == "multiple_choice"


def test_fractions_get_no_made_up_options() -> None:
    assert number_distractors("one half", set()) == []
    assert number_distractors("three quarters", set()) == []
    assert number_distractors("three", set())


def test_person_options_share_the_answers_form() -> None:
    people = ("A.A. Gould", "A. de Candolle", "Alexander Agassiz", "St. George Mivart", "Robert Brown",
              "Edward I.", "Chairmen in London,")
    pool = NamePool({"PERSON": people}, solid=frozenset(people))
    got = name_distractors("Andrew Knight", "PERSON", pool, "Who believes this is a law of nature?")
    assert set(got) == {"Alexander Agassiz", "St. George Mivart", "Robert Brown"}
    initials = name_distractors("G.H. Lewes", "PERSON", pool, "Who urged that many forms were evolved?")
    assert set(initials) == {"A.A. Gould", "A. de Candolle"}



@pytest.mark.parametrize(("answer", "label", "asked"), [
    ("March 1764", "MONTH_YEAR", False), ("May 2, 1783", "FULL_DATE", False), ("April 29", "MONTH_DAY", False),
    ("1764", "YEAR", True), ("1760s", "DECADE", True),
])
def test_dates_finer_than_a_year_are_not_asked(answer: str, label: str, asked: bool) -> None:
    # The exact day of an inquiry or a launch: readers judged it trivia nearly every time.
    from quizgen.questions import candidates_for

    f = fact("date", answer, label, f"A parliamentary inquiry into the price of provisions was held in {answer}.")
    assert bool(candidates_for(f, "Prices")) is asked


def test_decimals_are_picked_out_not_written_in() -> None:
    from quizgen.questions import Candidate, _type_for

    for answer, decimal in (("73.0%", True), ("73%", False)):
        sentence = f"Most people, {answer} of the population, live in the main urban areas."
        f = fact("number", answer, "PERCENT", sentence)
        cand = Candidate(f, sentence.replace(answer, "_____"), answer, f.start, f.end, 1.0, False)
        assert (_type_for(cand, ("cloze",), None) is None) is decimal
        assert _type_for(cand, ("cloze", "multiple_choice"), ["64.0%", "81.0%", "55.0%"]) is not None


@pytest.mark.parametrize(("answer", "label", "sentence", "asked"), [
    ("Straits Times", "ORG", "The Straits Times noted the messages had grown into a support movement.", False),
    ("Gecko", "PRODUCT", "Gecko is also used by Thunderbird, SeaMonkey, and other applications.", False),
    ("Gecko", "PRODUCT", "Gecko is the layout engine developed by Mozilla for its browsers.", True),
    ("Steve Whitmore", "PERSON", "Steve Whitmore, a representative for the Sheriff's office, told reporters the case "
     "involved grand theft.", False),
    ("Nizhny Novgorod Stadium", "FAC", "In the first game of the day, Sweden faced South Korea at the Nizhny "
     "Novgorod Stadium.", False),
    ("Kennedy Space Center", "FAC", "Columbia lifted off from the Kennedy Space Center on STS-1.", True),
    ("Rome", "GPE", "Jerome wrote of their practices, such as pederasty which was found in Rome.", False),
    ("Tristan Nitot", "PERSON", "Tristan Nitot, president of Mozilla Europe, has said that a version is unlikely.",
     False),
    ("Tristan Nitot", "PERSON", "Tristan Nitot founded Mozilla Europe, the foundation's first branch abroad.", True),
    ("Rome", "GPE", "Jerome wrote that such vices were common in Rome at the time of his studies.", True),
])
def test_incidental_names_are_not_asked(answer: str, label: str, sentence: str, asked: bool) -> None:
    # Which paper remarked on a story, "_____ is also ...", the messenger of a statement, the stadium of one
    # match, a detail of an example ("such as ...").
    from quizgen.questions import candidates_for

    assert bool(candidates_for(fact("name", answer, label, sentence), "Browsers")) is asked


@pytest.mark.parametrize(("sentence", "asked"), [
    ("The Mozilla Community consists of over 40,000 active contributors from across the globe.", False),
    ("The Mozilla Community consists of more than 40,000 active contributors from across the globe.", False),
    ("The Mozilla Community consists of nearly 40,000 active contributors from across the globe.", False),
    ("The Mozilla Community consists of 40,000 active contributors from across the globe.", True),
])
def test_a_bounded_figure_is_not_asked(sentence: str, asked: bool) -> None:
    # "over _____": any smaller figure fits the blank, and no option is certainly wrong.
    from quizgen.questions import candidates_for

    assert bool(candidates_for(fact("number", "40,000", "CARDINAL", sentence), "Mozilla")) is asked


@pytest.mark.parametrize(("answer", "sentence", "asked"), [
    ("four", "A single new flag design is selected out of about four finalists.", False),
    ("four", "A single new flag design is selected out of four finalists.", True),
    ("2 million", "The election had a record turnout of around 2 million voters on Sunday.", True),
])
def test_an_approximate_small_count_is_not_asked(answer: str, sentence: str, asked: bool) -> None:
    # "about four" is about five as well; "around 2 million" is no small count.
    from quizgen.questions import candidates_for

    assert bool(candidates_for(fact("number", answer, "CARDINAL", sentence), "Flag vote")) is asked


def test_an_organisation_tagged_as_a_person_once_is_never_a_person_option() -> None:
    # "Mozilla noted ..." was tagged PERSON in one sentence; the article names Mozilla as an organisation.
    def named(answer: str, label: str) -> Fact:
        return Fact(f"d-{answer}", "d", "name", answer, f"It was {answer}.", 7, 7 + len(answer), 0, label,
                    mentions=2)  # type: ignore[arg-type]

    facts = [named("Sam Yagan", "PERSON"), named("Brendan Eich", "PERSON"), named("Mitchell Baker", "PERSON"),
             named("Mozilla", "PERSON"), named("Mozilla", "ORG"), named("Google", "ORG")]
    pool = name_pool(facts, "d")
    assert pool.document["PERSON"] == ("Brendan Eich", "Mitchell Baker", "Sam Yagan")
    assert "Mozilla" in pool.document["ORG"]


def test_someone_called_by_surname_alone_needs_the_page_before() -> None:
    from quizgen.questions import Candidate, _surnames, _unintroduced

    people = [fact("name", "Steve Whitmore", "PERSON", "Steve Whitmore spoke to the press on Friday."),
              fact("name", "Los Angeles", "GPE", "Whitmore stated Montalvo left Los Angeles.")]
    surnames = _surnames(people, "")
    sentence = "Whitmore stated Montalvo left employment in Los Angeles."
    f = fact("name", "Los Angeles", "GPE", sentence)
    cand = Candidate(f, sentence.replace("Los Angeles", "_____"), "Los Angeles", f.start, f.end, 1.0, False)
    assert _unintroduced(cand, surnames, "Defector arrested")
    assert not _unintroduced(cand, surnames, "Whitmore speaks on defector")  # the title introduces him
    named = sentence.replace("Whitmore", "Steve Whitmore")
    f2 = fact("name", "Los Angeles", "GPE", named)
    cand2 = Candidate(f2, named.replace("Los Angeles", "_____"), "Los Angeles", f2.start, f2.end, 1.0, False)
    assert not _unintroduced(cand2, surnames, "Defector arrested")


def test_a_speaker_quoted_by_surname_is_no_place() -> None:
    from quizgen.questions import Candidate, _surnames, _unintroduced

    text = "Valeska Paris, a former member, has claimed she was held. Paris claims she was sent to the ship."
    # The small model tags "Paris" a place; as a speaker with a first name before it, it is a surname.
    quoted = fact("position", "Paris", "GROUP", "Paris claims she was sent to the ship.")
    quoted = replace(quoted, speaker="Paris")
    surnames = _surnames([quoted], text)
    assert surnames == {"Paris": "Valeska Paris"}
    sentence = "Paris was born in Switzerland."
    f = fact("name", "Switzerland", "GPE", sentence)
    cand = Candidate(f, "Paris was born in _____.", "Switzerland", f.start, f.end, 1.0, False)
    assert _unintroduced(cand, surnames, "Woman claims church held her")
    # "The Mozilla" is no first name: an organisation quoted by its one name stays unmarked.
    org = replace(fact("position", "Mozilla", "GROUP", "Mozilla said it would."), speaker="Mozilla")
    assert _surnames([org], "The Mozilla team met. Mozilla said it would.") == {}


def test_acronyms_are_not_asked() -> None:
    from quizgen.questions import candidates_for

    sentence = "Paul Tse and Wong Kwok-kin of the FTU were successfully re-elected to the council."
    assert candidates_for(fact("name", "FTU", "ORG", sentence), "Election") == []
    assert candidates_for(fact("name", "Civic Party", "ORG", sentence.replace("FTU", "Civic Party")), "Election")


def test_a_speaker_cut_from_a_longer_subject_is_not_blanked() -> None:
    from quizgen.questions import _proper_group

    assert _proper_group("Civic Party") and not _proper_group("Chairmen in London,")


def test_a_year_or_figure_with_options_is_picked_out_a_name_by_its_id() -> None:
    from quizgen.questions import Candidate, _type_for

    both = ("cloze", "multiple_choice")
    for kind, answer, label, options in (("date", "1840", "YEAR", ["1835", "1846", "1852"]),
                                         ("number", "4 million", "CARDINAL", ["2 million", "3 million", "6 million"])):
        sentence = f"The treaty was signed by chiefs in the north of the country, {answer} of them later."
        f = fact(kind, answer, label, sentence)
        cand = Candidate(f, sentence.replace(answer, "_____"), answer, f.start, f.end, 1.0, False)
        assert _type_for(cand, both, options) == "multiple_choice"
        assert _type_for(cand, ("cloze",), None) == "cloze"  # a cloze still, when asked for clozes only
        assert _type_for(cand, both, None) == "cloze"  # or when there are no options
    # A name's type falls by its fact's id: some of each over a quiz, and never flipping between builds.
    types = set()
    for place in ("Canterbury", "Otago", "Southland", "Westland", "Nelson", "Marlborough", "Taranaki", "Tasman"):
        f = replace(fact("name", place, "GPE", f"The settlers arrived in {place} by ship."), id=f"d-name-{place}")
        cand = Candidate(f, "The settlers arrived in _____ by ship.", place, f.start, f.end, 1.0, False)
        types.add(_type_for(cand, both, ["Auckland", "Wellington", "Dunedin"]))
    assert types == {"cloze", "multiple_choice"}


def test_the_answers_place_among_figure_options_is_not_a_tell() -> None:
    # Taking the three nearest years made 1843 the second lowest of 1842-1845 nearly every time.
    year = fact("date", "1843", "YEAR", "The treaty was signed in 1843 by the chiefs.")
    places = set()
    for seed in range(40):
        options = pick_distractors(year, "1843", "The treaty was signed in _____ by the chiefs.", NamePool({}),
                                   {"1843", "1900"}, random.Random(seed))
        assert options is not None and len(set(options)) == 3
        assert all(abs(int(o) - 1843) <= 5 for o in options)  # still the nearest on each side
        places.add(sorted([1843, *map(int, options)]).index(1843))
    assert places == {0, 1, 2, 3}
    # The document's latest year: no option after it, so the answer is the highest (nothing to balance).
    latest = pick_distractors(year, "1843", "The treaty was signed in _____ by the chiefs.", NamePool({}),
                              {"1843", "1838"}, random.Random(0))
    assert latest is not None and all(int(o) < 1843 for o in latest)
    troops = fact("number", "175,000", "CARDINAL", "An estimated 175,000 troops could be involved.")
    places = set()
    for seed in range(40):
        options = pick_distractors(troops, "175,000", "An estimated _____ troops could be involved.", NamePool({}),
                                   set(), random.Random(seed))
        assert options is not None
        places.add(sorted(float(o.replace(",", "")) for o in [*options, "175,000"]).index(175_000.0))
    assert places == {0, 1, 2, 3}


def test_a_pronoun_for_someone_the_prompt_never_names() -> None:
    from quizgen.questions import Candidate, _unresolved_pronoun

    def cand(sentence: str, answer: str) -> Candidate:
        f = fact("date", answer, "YEAR", sentence)
        return Candidate(f, sentence.replace(answer, "_____"), answer, f.start, f.end, 1.0, False)

    whose = cand("The first public performances of his works were in Prague in 1872.", "1872")
    assert _unresolved_pronoun(whose, set(), {})
    assert not _unresolved_pronoun(whose, {whose.fact.sentence_start}, {})  # the sentence names a person
    surname = cand("All of Dvořák's works but his first were performed in 1872.", "1872")
    assert _unresolved_pronoun(surname, set(), {})
    assert not _unresolved_pronoun(surname, set(), {"Dvořák": "Antonín Dvořák"})  # the document names him in full
    assert not _unresolved_pronoun(cand("The first public performances were in Prague in 1872.", "1872"), set(), {})


@pytest.mark.parametrize(("sentence", "asked"), [
    ("No doubt it is possible, as Mr. Walsh has urged, that many forms were evolved.", False),
    ("Many similar cases of analogous variation have been observed by Walsh in the great gourd family.", False),
    ("Walsh showed that insects living on different plants present slight differences.", True),
])
def test_an_authority_the_author_cites_is_not_asked(sentence: str, asked: bool) -> None:
    from quizgen.questions import candidates_for

    assert bool(candidates_for(fact("name", "Walsh", "PERSON", sentence), "On the Origin of Species")) is asked
