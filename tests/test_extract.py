"""Extraction rules on hand-built parses: exact answers, no trained model involved."""

from __future__ import annotations

import parses
import pytest
from docs import english_vocab, parse

from quizgen.extract import DocumentState, facts_from_state, read_docs
from quizgen.model import Document, Fact


def facts_of(*tables: str) -> list[Fact]:
    """Facts from paragraphs given as token tables, read in order as one document."""
    vocab = english_vocab()
    docs = [parse(t, vocab) for t in tables]
    offsets, text, pos = [], [], 0
    for doc in docs:
        offsets.append(pos)
        text.append(doc.text)
        pos += len(doc.text) + 2
    document = Document("doc", "doc.txt", "Title", "\n\n".join(text), "0" * 64)
    state = DocumentState()
    read_docs(state, zip(offsets, docs, strict=True))
    facts = facts_from_state(document, state)
    for fact in facts:  # every fact's answer is the document text at its offsets
        assert document.text[fact.start : fact.end] == fact.answer
        assert document.text[fact.sentence_start :].startswith(fact.sentence)
    return facts


def answers(facts: list[Fact], kind: str) -> list[str]:
    return [f.answer for f in facts if f.kind == kind]


# ---------------------------------------------------------------- numbers


def test_hedges_stay_in_the_sentence_out_of_the_answer() -> None:
    facts = facts_of(parses.NUMBERS)
    assert answers(facts, "number") == ["175,000", "70,000"]
    assert all(f.label == "CARDINAL" for f in facts if f.kind == "number")


def test_durations_are_numbers_and_word_numbers_are_kept_as_written() -> None:
    facts = facts_of(parses.THIRTEEN)
    assert answers(facts, "number") == ["Thirteen", "two decades"]
    assert [f.label for f in facts if f.kind == "number"] == ["CARDINAL", "DURATION"]


def test_trivial_numbers_and_numbers_in_names_are_not_asked() -> None:
    assert answers(facts_of(parses.TWO), "number") == []
    assert answers(facts_of(parses.EXPLORER), "number") == []
    # "the Five Power Defence Arrangements": a capitalised number word begins a name.
    assert answers(facts_of(parses.FIVE_POWER), "number") == ["300"]


# ---------------------------------------------------------------- dates


def test_dates_of_each_granularity() -> None:
    facts = facts_of(parses.DATES)
    assert [(f.answer, f.label) for f in facts if f.kind == "date"] == [
        ("Tuesday", "WEEKDAY"), ("August 31", "MONTH_DAY"), ("January", "MONTH"), ("2014", "YEAR"),
    ]


def test_vague_times_are_not_dates() -> None:
    assert answers(facts_of(parses.VAGUE), "date") == []


# ---------------------------------------------------------------- names


def test_names_inside_a_list_are_not_asked() -> None:
    assert answers(facts_of(parses.LIST), "name") == []


def test_a_word_of_a_title_is_not_a_name_but_the_titled_person_is() -> None:
    facts = facts_of(parses.TITLE)
    # Blinken has a title and is a subject; Zelensky is only an object here, with nothing to show
    # spaCy's PERSON tag is right, so he is not asked.
    assert answers(facts, "name") == ["Antony Blinken"]


def test_demonyms_are_not_names() -> None:
    assert "Russian" not in answers(facts_of(parses.DENIED), "name")


def test_a_lone_word_tagged_person_needs_a_full_name_in_the_document() -> None:
    # "Putin" and "Biden" alone are trusted once the document has named them in full.
    alone = facts_of(parses.SAID_CCOMP)
    assert answers(alone, "name") == []
    named = facts_of(parses.INTRO_BOTH, parses.SAID_CCOMP)
    assert "Putin" in answers(named, "name")


# ---------------------------------------------------------------- positions


def positions(facts: list[Fact]) -> list[tuple[str | None, str | None, str | None, str | None]]:
    return [(f.speaker, f.cue, f.content, f.polarity) for f in facts if f.kind == "position"]


def test_reported_speech_with_a_clause() -> None:
    facts = facts_of(parses.INTRO_BOTH, parses.SAID_CCOMP)
    # "Peskov" is not named in full anywhere, so the speaker is the name as written.
    assert positions(facts) == [("Peskov", "said", 'Putin would listen to "concrete proposals" on Monday',
                                 "positive")]
    fact = next(f for f in facts if f.kind == "position")
    assert fact.who_question == 'Who said Putin would listen to "concrete proposals" on Monday?'
    assert facts[0].sentence  # the document's text offsets hold (checked in facts_of)


def test_hedged_demand_gets_the_full_name_and_a_who_question() -> None:
    facts = facts_of(parses.INTRO_BOTH, parses.DEMAND_DOBJ)
    (position,) = [f for f in facts if f.kind == "position"]
    assert position.speaker == "Vladimir Putin"
    assert position.answer == "Putin"
    assert position.cue == "demand"
    assert position.content == "a guarantee from Biden that NATO will not expand"
    assert position.who_question == "Who will reportedly demand a guarantee from Biden that NATO will not expand?"


def test_who_questions_drop_an_also_that_points_elsewhere() -> None:
    also = parses.DEMAND_DOBJ.replace("reportedly   ADV   RB   advmod    3   reportedly   O",
                                      "also         ADV   RB   advmod    3   also         O")
    (position,) = [f for f in facts_of(parses.INTRO_BOTH, also) if f.kind == "position"]
    assert position.who_question == "Who will demand a guarantee from Biden that NATO will not expand?"


def test_is_said_to_be_with_a_description_resolved_to_the_one_person_it_fits() -> None:
    facts = facts_of(parses.INTRO_PUTIN, parses.PASSIVE_SAID)
    (position,) = [f for f in facts if f.kind == "position"]
    assert position.speaker == "Vladimir Putin"
    assert position.answer == "The Russian president"
    assert position.content is not None and position.content.startswith("to be concerned that Ukraine")
    assert position.who_question is not None and position.who_question.startswith("Who is said to be concerned")


def test_a_description_that_fits_two_people_is_dropped() -> None:
    # Biden and Putin are both presidents: "the president" could be either.
    facts = facts_of(parses.INTRO_BOTH, parses.THE_PRESIDENT)
    assert positions(facts) == []


def test_participial_calling_gives_the_quoted_label_as_content() -> None:
    facts = facts_of(parses.CALLING_OPRD)
    found = positions(facts)
    assert ("Dmitri Peskov", "calling", "hostile rhetoric", "positive") in found
    peskov = next(f for f in facts if f.kind == "position" and f.cue == "calling")
    assert peskov.who_question is None  # a participle makes no "Who" question
    assert (peskov.quote_start, peskov.quote_end) == (peskov.content_start, peskov.content_end)
    # "Officials dismissed the reports": a group speaker and a negative cue.
    assert ("Officials", "dismissed", "the reports", "negative") in found


def test_quote_before_the_speaker() -> None:
    facts = facts_of(parses.QUOTE_FIRST)
    assert positions(facts) == [("Peskov", "said", "We will not back down", "positive")]


def test_denial_is_negative_and_group_speakers_are_kept() -> None:
    facts = facts_of(parses.DENIED)
    assert positions(facts) == [
        ("Russian officials", "denied", "troops were massing near the border", "negative")
    ]
    (fact,) = [f for f in facts if f.kind == "position"]
    assert fact.label == "GROUP"
    assert fact.who_question == "Who denied that troops were massing near the border?"


def test_a_pronoun_speaker_resolves_to_the_previous_subject() -> None:
    facts = facts_of(parses.INTRO_PUTIN, parses.HE_SAID)
    (position,) = [f for f in facts if f.kind == "position"]
    assert position.speaker == "Vladimir Putin"
    assert position.answer == "He"
    assert position.context == "[Vladimir Putin] said the talks would continue."


def test_an_unresolvable_pronoun_drops_the_position() -> None:
    assert positions(facts_of(parses.HE_SAID)) == []


def test_ids_are_stable_and_tell_equal_answers_apart_by_order() -> None:
    facts = facts_of(parses.NUMBERS, parses.DEMAND_DOBJ, parses.NUMBERS)
    ids = [f.id for f in facts]
    assert len(ids) == len(set(ids))
    troops = [f.id for f in facts if f.answer == "175,000"]
    assert troops == ["doc-number-175000-1", "doc-number-175000-2"]


def test_heads_of_state_after_their_title_are_not_asked() -> None:
    # "President _____" asks general knowledge, not the reading.
    assert "Joe Biden" not in answers(facts_of(parses.INTRO_BOTH), "name")


def test_a_source_grammar_slip_is_not_printed() -> None:
    # "MicroMega describe ...": a singular subject with a plural verb, copied from the article.
    assert facts_of(parses.DISAGREEING) == []


def test_a_year_modifying_a_noun_is_not_asked() -> None:
    # "before the _____ protests": "Umbrella" fits the blank as well as 2014.
    assert answers(facts_of(parses.ATTRIBUTIVE_YEAR), "date") == []
    assert answers(facts_of(parses.YEAR_OF_EVENT), "date") == ["2014"]


def test_a_year_after_by_or_before_is_a_bound_not_a_date() -> None:
    # "By _____, protests began": any later year is as true.
    for word in ("By", "Before", "Until"):
        bound = parses.YEAR_OF_EVENT.replace("In           ADP", f"{word:<12} ADP", 1)
        assert parse(bound, english_vocab()).text.startswith(f"{word} 2014")
        assert answers(facts_of(bound), "date") == []


def test_a_bare_number_as_subject_points_to_another_sentence() -> None:
    # "In 2014, 101 began ...": 101 of whom lies in another sentence.
    bare = parses.YEAR_OF_EVENT.replace("protests     NOUN  NNS  nsubj     4   protest ",
                                        "101          NUM   CD   nsubj     4   101     ")
    assert parse(bare, english_vocab()).text.startswith("In 2014, 101 began")
    assert facts_of(bare) == []


def test_the_same_period_points_to_another_sentence() -> None:
    from quizgen.extract import _POINTS_ELSEWHERE

    assert _POINTS_ELSEWHERE.search("the number of vineyards doubling over the same period")
    assert not _POINTS_ELSEWHERE.search("at the same time as the election")
    assert _POINTS_ELSEWHERE.search("British explorer James Cook subsequently anglicised the name")
    assert _POINTS_ELSEWHERE.search("comments published close to the events were divided")
    assert not _POINTS_ELSEWHERE.search("the events of 1914 changed Europe")


def test_however_answers_a_sentence_not_shown() -> None:
    assert parse(parses.HOWEVER, english_vocab()).text.startswith("However, in 2014 protests")
    assert facts_of(parses.HOWEVER) == []
    # The same sentence without its "However" is asked.
    plain = parses.HOWEVER.replace("However      ADV   RB   advmod    5   however      O",
                                   "Yes          INTJ  UH   intj      5   yes          O")
    assert answers(facts_of(plain), "date") == ["2014"]


def test_a_sentence_with_a_misspelling_is_not_asked() -> None:
    # "will recieve ... in _____": the question would print the source's slip.
    assert facts_of(parses.MISSPELT) == []
    assert answers(facts_of(parses.MISSPELT.replace("recieve ", "receive ")), "date") == ["2012"]


def test_places_after_all_over_are_not_asked() -> None:
    # "Physicians all over _____": "the world" fits the blank as well.
    assert answers(facts_of(parses.SPREAD), "name") == []
    assert answers(facts_of(parses.SPREAD), "date") == ["1733"]


def test_a_title_followed_by_more_titles_is_a_list_item() -> None:
    assert "Fastest Indian" not in answers(facts_of(parses.TITLE_LIST), "name")


def test_this_with_a_noun_named_elsewhere_is_not_asked() -> None:
    # "in this constituency": which one was named in another sentence.
    assert facts_of(parses.THIS_CONSTITUENCY) == []
    this_year = parses.THIS_CONSTITUENCY.replace("constituency NOUN  NN   pobj      4   constituency",
                                                 "year         NOUN  NN   pobj      4   year        ").replace(
        "by           ADP   IN   prep      2   by", "with         ADP   IN   prep      2   with")  # not a margin
    assert answers(facts_of(this_year), "number") == ["5000"]


def test_what_is_true_only_currently_is_not_asked() -> None:
    last = ".            PUNCT .    punct     4   .            O"
    currently = parses.YEAR_OF_EVENT.replace(last, f"currently    ADV   RB   advmod    4   currently    O\n{last}")
    assert answers(facts_of(parses.YEAR_OF_EVENT), "date") == ["2014"]
    assert "currently" in parse(currently, english_vocab()).text
    assert facts_of(currently) == []


def test_a_step_of_a_story_is_not_asked() -> None:
    # "Four minutes later, ...", "Then England opened the scoring": the story is in other sentences.
    first = "In           ADP   IN   prep      4   in           O"
    then = parses.YEAR_OF_EVENT.replace(first, "Then         ADV   RB   advmod    5   then         O\n" + first, 1)
    assert parse(then, english_vocab()).text.startswith("Then In 2014")
    assert facts_of(then) == []
    from quizgen.extract import _NARRATIVE_OPENER

    for opener in ("One day later", "Two years later", "Four minutes later", "The following year"):
        assert _NARRATIVE_OPENER.match(f"{opener}, Jamie Zawinski registered mozilla.org."), opener
    assert not _NARRATIVE_OPENER.match("The following browsers were released in 2004.")


def test_a_name_explained_in_brackets_is_not_blanked() -> None:
    # "maintains _____ (VR)": the bracket reads oddly after a blank, or gives the answer away.
    facts = facts_of(parses.BRACKETED_NAME)
    assert "A-Frame" not in answers(facts, "name") and answers(facts, "date") == ["2015"]


def test_a_number_describing_a_speaker_is_an_aside() -> None:
    # "John Burrows, the chairman of the project's panel of _____, said ...": not the point.
    facts = facts_of(parses.PANEL_OF_TWELVE)
    assert answers(facts, "number") == [] and answers(facts, "date") == ["1902"]


def test_who_is_head_of_state_is_not_asked() -> None:
    # "_____ is the Queen of New Zealand": general knowledge, and true only for a time.
    assert "Elizabeth II" not in answers(facts_of(parses.QUEEN), "name")
    author = parses.QUEEN.replace("Queen        PROPN NNP  attr      2   Queen",
                                  "author       NOUN  NN   attr      2   author")
    assert "Elizabeth II" in answers(facts_of(author), "name")


def test_when_a_report_came_out_is_not_asked() -> None:
    assert answers(facts_of(parses.REPORT_RELEASED), "date") == []
    launched = parses.REPORT_RELEASED.replace("report       NOUN  NN   pobj      0   report",
                                              "browser      NOUN  NN   pobj      0   browser")
    assert answers(facts_of(launched), "date") == ["November 2012"]


def test_a_ratio_after_every_is_not_asked() -> None:
    # "one migrant for every _____ residents": many values keep the statement true.
    facts = facts_of(parses.FOR_EVERY)
    assert "100" not in answers(facts, "number") and answers(facts, "date") == ["2009"]


def test_the_year_before_a_stated_change_is_not_asked() -> None:
    # "revenue for 2011 ... up 33% from $123 in _____": it can only be 2010.
    assert "2010" not in answers(facts_of(parses.REVENUE_UP_FROM), "date")


def test_them_with_nothing_to_stand_for_is_not_asked() -> None:
    # "introduced the custom of paying them": who "they" are lies in another sentence.
    assert facts_of(parses.PAYING_THEM) == []
    soldiers = parses.PAYING_THEM.replace("custom       NOUN  NN   dobj", "soldiers     NOUN  NNS  dobj")
    assert answers(facts_of(soldiers), "date") == ["1090"]


def test_one_of_several_allowed_values_is_not_asked() -> None:
    # "two or even _____ seeds": the sentence allows more than one value.
    facts = facts_of(parses.TWO_OR_EVEN)
    assert answers(facts, "number") == [] and answers(facts, "date") == ["1859"]


def test_pieces_of_sentences_and_back_references_are_not_asked() -> None:
    lower = parses.YEAR_OF_EVENT.replace("In           ADP", "in           ADP", 1)
    assert parse(lower, english_vocab()).text.startswith("in 2014")
    assert facts_of(lower) == []
    above = parses.YEAR_OF_EVENT.replace("city         NOUN  NN   pobj", "aforesaid    NOUN  NN   pobj")
    assert facts_of(above) == []


def test_a_figure_the_sentence_adds_up_to_is_not_asked() -> None:
    from quizgen.extract.numbers import _worked_out

    sentence = "The ships numbered 112 and 139, in all 251 vessels."
    assert _worked_out("251", sentence, sentence.index("251"))
    assert _worked_out("seventy years", "From about 1570 to about 1640, a period of about seventy years.", 48)
    troops = "There are already around 70,000 Russian troops along the border in 2021."
    assert not _worked_out("70,000", troops, troops.index("70,000"))


def test_one_figure_of_a_series_is_not_asked() -> None:
    # "25 pounds, then 20 pounds and 15 pounds": the blank would be read off the series.
    facts = facts_of(parses.SERIES_OF_SUMS)
    assert answers(facts, "number") == [] and answers(facts, "date") == ["1692"]


def test_shillings_and_pence_of_an_old_sum_are_not_asked() -> None:
    # "£411,117: 10: _____": the pence of a sum in the old notation.
    facts = facts_of(parses.OLD_SUM)
    assert answers(facts, "number") == [] and answers(facts, "date") == ["1697"]


def test_a_year_that_arithmetic_gives_is_not_asked() -> None:
    from quizgen.extract.dates import _SPAN_OF_YEARS

    assert _SPAN_OF_YEARS.search("From about 1570 to about 1640, during a period of about seventy years, ...")
    assert not _SPAN_OF_YEARS.search("From 1570 the price of silver fell for seventy years.")


def test_dates_inside_brackets_are_asides() -> None:
    facts = facts_of(parses.LIFESPAN)
    assert answers(facts, "date") == ["1859"]


def test_figures_of_a_supposed_case_are_not_asked() -> None:
    # "If we destroy four species in 1859, others stand apart": illustrations, not facts.
    assert facts_of(parses.SUPPOSED_CASE) == []
    stated = parses.SUPPOSED_CASE.replace("If           SCONJ IN   mark", "As           SCONJ IN   mark")
    assert answers(facts_of(stated), "date") == ["1859"]


@pytest.mark.parametrize(("sentence", "supposed"), [
    ("If we take a genus having a score of species, and destroy four-fifths of them, the rest stand apart.", True),
    ("The tax, if it were laid on, would bring in £2,000,000.", True),
    ("Such a revenue might certainly have afforded £680,000 a year.", True),
    ("Let us suppose that the price of corn rises by a third.", True),
    ("The company said it would hire 400 people in 2015.", False),
    ("Iffley Road hosted the race in 1954.", False),
])
def test_supposed_cases_are_told_from_statements(sentence: str, supposed: bool) -> None:
    from quizgen.extract.candidate import hypothetical

    assert hypothetical(sentence) is supposed


def test_one_year_of_a_list_is_not_asked() -> None:
    assert answers(facts_of(parses.LISTED_YEARS), "date") == []
    # Two years are a span ("Between March 2005 and August 2006"), not a list: still asked.
    two = parses.LISTED_YEARS.replace("1661         NUM   CD   pobj      7   1661         B-DATE",
                                      "time         NOUN  NN   pobj      7   time         O")
    assert answers(facts_of(two), "date") == ["1643", "1645"]


def test_a_vague_quantity_is_not_asked() -> None:
    facts = facts_of(parses.SEVERAL_HUNDRED)
    assert answers(facts, "number") == [] and answers(facts, "date") == ["1776"]
    exact = parses.SEVERAL_HUNDRED.replace("several      ADJ   JJ   amod      3   several",
                                           "three        NUM   CD   nummod    3   three")
    assert answers(facts_of(exact), "number") == ["three hundred"]


def test_an_event_told_of_before_is_not_asked() -> None:
    assert facts_of(parses.DEAL_SIGNED) == []
    named = parses.DEAL_SIGNED.replace("deal         NOUN  NN   nsubjpass", "treaty       NOUN  NN   nsubjpass")
    assert answers(facts_of(named), "date") == ["2014"]
    from quizgen.extract import _EVENT_BACK

    assert _EVENT_BACK.match("As part of the deal, Cisco would pay the fees.")
    assert not _EVENT_BACK.match("The deal between Mozilla and Cisco was signed in 2013.")  # said which


def test_next_years_event_is_not_asked() -> None:
    from quizgen.extract import _OUT_OF_DATE

    assert _OUT_OF_DATE.search("Next year's competition is scheduled to take place in Mexico City.")
    assert not _OUT_OF_DATE.search("The competition took place in Mexico City in 2019.")


def test_a_pronoun_is_never_the_person_named_later_in_its_sentence() -> None:
    # "[Tom Devocht] traveled to Florida to meet with Devocht": the previous subject cannot be meant.
    assert facts_of(parses.INTRO_PUTIN, parses.HE_MET_PUTIN) == []
    other = parses.HE_MET_PUTIN.replace("Putin        PROPN NNP  dobj      1   Putin        B-ORG",
                                        "reporters    NOUN  NNS  dobj      1   reporter     O")
    (fact,) = facts_of(parses.INTRO_PUTIN, other)
    assert fact.answer == "2021" and fact.context == "[Vladimir Putin] met reporters in 2021."


def test_the_year_of_a_statistic_is_not_asked() -> None:
    assert answers(facts_of(parses.SHARE_IN_YEAR), "date") == []
    event = parses.SHARE_IN_YEAR.replace("55           NUM   CD   nummod    4   55           B-PERCENT",
                                         "most         ADJ   JJS  amod      4   most         O").replace(
        "I-PERCENT", "O        ")
    assert answers(facts_of(event), "date") == ["2014"]


def test_a_vote_margin_is_not_asked() -> None:
    facts = facts_of(parses.BY_VOTES)
    assert answers(facts, "number") == [] and answers(facts, "date") == ["2016"]
    count = parses.BY_VOTES.replace("by           ADP   IN   prep", "with         ADP   IN   prep")
    assert answers(facts_of(count), "number") == ["424"]


def test_a_count_of_a_list_the_sentence_spells_out_is_not_asked() -> None:
    assert answers(facts_of(parses.COUNTED_LIST), "number") == []
    four = parses.COUNTED_LIST.replace("three        NUM   CD   nummod    10  three",
                                       "four         NUM   CD   nummod    10  four ")
    assert answers(facts_of(four), "number") == ["four"]  # three items listed: "four" is not given away
