"""Centrality: what a sentence shares with its title and its document's most used words."""

from __future__ import annotations

from quizgen.centrality import centrality, key_words

TEXT = """Mozilla releases a new browser

Mozilla said the browser would ship in March. The browser is free software made by Mozilla's community.
The community of Mozilla volunteers tested the browser with the community.
OkCupid's CEO had also donated $500 to a candidate.
"""


def test_key_words_are_the_title_and_the_most_used_words() -> None:
    keys = key_words(TEXT, "Mozilla releases a new browser")
    assert {"mozilla", "browser", "releases", "community"} <= keys
    assert "okcupid" not in keys and "donated" not in keys


def test_a_side_remark_shares_no_key_word() -> None:
    keys = key_words(TEXT, "Mozilla releases a new browser")
    assert centrality("OkCupid's CEO had also donated $500 to a candidate.", "$500", keys) == 0
    assert centrality("Mozilla said the browser would ship in March.", "March", keys) == 2
    # The answer's own words do not count: "Mozilla" as the blank says nothing about the sentence.
    assert centrality("Mozilla said it would ship in March.", "Mozilla", keys) == 0


def test_figures_are_asked_only_from_sentences_on_the_main_subject() -> None:
    from quizgen.model import Fact
    from quizgen.questions import Candidate, _peripheral

    keys = key_words(TEXT, "Mozilla releases a new browser")

    def candidate(sentence: str, answer: str, kind: str) -> Candidate:
        start = sentence.index(answer)
        f = Fact("f", "d", kind, answer, sentence, start, start + len(answer), 0, "CARDINAL")  # type: ignore[arg-type]
        return Candidate(f, sentence.replace(answer, "_____"), answer, start, start + len(answer), 1.0, False)

    assert _peripheral(candidate("OkCupid's CEO had also donated 500 dollars to a candidate.", "500", "number"), keys)
    assert not _peripheral(candidate("Mozilla said 40 volunteers tested the browser.", "40", "number"), keys)
    # Names and dates are not held to it: a side remark may still name the story's people.
    assert not _peripheral(candidate("OkCupid's CEO had also donated in 2014.", "2014", "date"), keys)


def test_a_place_named_once_is_not_asked() -> None:
    from quizgen.model import Fact
    from quizgen.questions import Candidate, _passing_place

    text = "Daniel Bernoulli was born in Groningen. After a brief period in Frankfurt the family moved to Basel. " \
           "In Basel he taught medicine. Groningen remembers him."

    def place(answer: str) -> Candidate:
        sentence = next(s for s in text.split(". ") if answer in s)
        start = text.index(sentence) + sentence.index(answer)
        f = Fact("f", "d", "name", answer, sentence, start, start + len(answer), text.index(sentence), "GPE")
        return Candidate(f, sentence.replace(answer, "_____"), answer, start, start + len(answer), 1.0, False)

    assert _passing_place(place("Frankfurt"), text)
    assert not _passing_place(place("Basel"), text) and not _passing_place(place("Groningen"), text)
    once = text.replace("Groningen remembers him.", "Leiden remembers him.")
    assert not _passing_place(place("Groningen"), once)  # "born in _____": worth knowing, said once or not


def test_the_lead_is_the_first_two_paragraphs_or_the_opening_of_a_long_article() -> None:
    from quizgen.centrality import LEAD_MAX_CHARS, lead_end

    story = "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n\nFourth."
    assert lead_end(story) == story.index("\n\nThird")
    assert lead_end("One paragraph only.") == len("One paragraph only.")
    long_article = "\n\n".join(f"Paragraph {n} of a long article about rivers." for n in range(2000))
    assert lead_end(long_article) == LEAD_MAX_CHARS  # a long article's opening summary runs past two paragraphs


def _fact_candidate(text: str, answer: str, kind: str, label: str, mentions: int = 1):  # noqa: ANN202
    from quizgen.model import Fact
    from quizgen.questions import Candidate

    sentence = next(s for s in text.split("\n\n") if answer in s)
    at = text.index(sentence)
    start = at + sentence.index(answer)
    fact = Fact("f", "d", kind, answer, sentence, start, start + len(answer), at, label,  # type: ignore[arg-type]
                mentions=mentions)
    return Candidate(fact, sentence.replace(answer, "_____"), answer, start, start + len(answer), 1.0, False)


STORY = ("Mozilla released a new browser on Tuesday, with 40 new features.\n\n"
         "The browser was made by 300 volunteers in Mozilla's community.\n\n"
         "Analyst Jane Roe of Acme Research said 12 rivals had tried the same.\n\n"
         "Mozilla was founded in 1998 and has about 750 staff.\n\n"
         "Its browser now runs on 25 kinds of device.")


def test_details_after_the_lead_are_not_asked() -> None:
    from quizgen.centrality import lead_end
    from quizgen.model import Document
    from quizgen.questions import _detail

    article = Document("d", "d.txt", "Mozilla releases a browser", STORY, "0" * 64)
    news = Document("d", "d.txt", "Mozilla releases a browser", STORY, "0" * 64, news=True)
    lead = lead_end(STORY)
    # A name mentioned once after the lead: a commentator, not the story.
    assert _detail(_fact_candidate(STORY, "Jane Roe", "name", "PERSON"), article, lead)
    assert not _detail(_fact_candidate(STORY, "Jane Roe", "name", "PERSON", mentions=3), article, lead)
    assert not _detail(_fact_candidate(STORY, "Jane Roe", "position", "PERSON"), article, lead)  # quoted
    # The lead's figures are the story; a news story's later figures are its details, an article's are not.
    for document in (article, news):
        assert not _detail(_fact_candidate(STORY, "40", "number", "CARDINAL"), document, lead)
    assert _detail(_fact_candidate(STORY, "750", "number", "CARDINAL"), news, lead)
    assert _detail(_fact_candidate(STORY, "1998", "date", "YEAR"), news, lead)
    assert not _detail(_fact_candidate(STORY, "25", "number", "CARDINAL"), article, lead)
    assert _detail(_fact_candidate(STORY, "25", "number", "CARDINAL"), news, lead)
    # An article's later figure beside another figure is one detail among several; alone, it is asked.
    assert _detail(_fact_candidate(STORY, "750", "number", "CARDINAL"), article, lead)
    assert _detail(_fact_candidate(STORY, "1998", "date", "YEAR"), article, lead)
    # An article's later organisations (the small model's ORG: projects, works, firms) are its details.
    assert _detail(_fact_candidate(STORY, "Acme Research", "name", "ORG", mentions=3), article, lead)
    assert not _detail(_fact_candidate(STORY, "Mozilla", "name", "ORG", mentions=3), article, lead)  # the lead's
    # After a news story's lead, its people and speakers are the reactions that end the story.
    assert _detail(_fact_candidate(STORY, "Jane Roe", "name", "PERSON", mentions=3), news, lead)
    assert _detail(_fact_candidate(STORY, "Jane Roe", "position", "PERSON"), news, lead)
    assert not _detail(_fact_candidate(STORY, "Mozilla", "name", "ORG", mentions=3), news, lead)  # the lead's


def test_a_date_in_someone_elses_life_is_not_asked() -> None:
    from quizgen.questions import _family_figure

    text = ("In 1758, his brother Pierre Joseph died at the age of six.\n\n"
            "The protege of Pope Damasus I, who died in 384, Jerome taught in Rome.\n\n"
            "In 1791, he designed the plan of the capital.\n\n"
            "Just over 25% of the population was born overseas.")
    assert _family_figure(_fact_candidate(text, "1758", "date", "YEAR"))
    assert _family_figure(_fact_candidate(text, "384", "number", "CARDINAL"))
    assert not _family_figure(_fact_candidate(text, "1791", "date", "YEAR"))
    assert not _family_figure(_fact_candidate(text, "25%", "number", "PERCENT"))  # born, but nobody's life
    assert not _family_figure(_fact_candidate(text, "Pierre Joseph", "name", "PERSON"))  # only figures


def test_a_month_without_a_year_is_asked_only_in_news() -> None:
    from quizgen.model import Document
    from quizgen.questions import _seasonal

    text = "South Island cities are warmest in January.\n\nThe show opened on Tuesday."
    article = Document("d", "d.txt", "Climate", text, "0" * 64)
    news = Document("d", "d.txt", "Climate", text, "0" * 64, news=True)
    assert _seasonal(_fact_candidate(text, "January", "date", "MONTH"), article)
    assert _seasonal(_fact_candidate(text, "Tuesday", "date", "WEEKDAY"), article)
    assert not _seasonal(_fact_candidate(text, "Tuesday", "date", "WEEKDAY"), news)  # the event's day
    assert not _seasonal(_fact_candidate(text.replace("January", "January 1990"), "January 1990", "date",
                                         "MONTH_YEAR"), article)


def test_a_period_everyone_can_date_gives_its_decade_away() -> None:
    from quizgen.periods import answer_years, dated_by_period

    assert answer_years("1930s") == (1930, 1939) and answer_years("20th century") == (1900, 1999)
    assert answer_years("1993") == (1993, 1993) and answer_years("about 40") is None
    wars = "Early in the _____, New Zealand fought in the First and Second World Wars."
    assert dated_by_period(wars, "20th century")
    assert not dated_by_period(wars, "19th century")  # wrong either way, but not given away
    assert dated_by_period("Writers in the _____ wrote of the Great Depression.", "1930s")
    # A year inside a long period is still a question: the war does not say which of its years.
    assert not dated_by_period("During the Second World War, in _____, the port was bombed.", "1942")
    assert not dated_by_period("The port opened in the _____.", "1930s")


def test_the_lead_ranks_first() -> None:
    from quizgen.centrality import lead_end
    from quizgen.questions import _central_bonus

    keys = key_words(STORY, "Mozilla releases a browser")
    lead = lead_end(STORY)
    in_lead = _fact_candidate(STORY, "300", "number", "CARDINAL")
    after = _fact_candidate(STORY, "750", "number", "CARDINAL")
    assert _central_bonus(in_lead, keys, lead) > _central_bonus(after, keys, lead) + 1


def test_a_long_articles_asides_are_not_asked() -> None:
    from quizgen.centrality import MIN_LEAD_ECHO, lead_echo, lead_words
    from quizgen.model import Document
    from quizgen.questions import _detail

    lead = ("New Zealand is an island country. Polynesian settlers arrived first; British colonial rule and "
            "a treaty with Maori chiefs followed, then self-government and independence.")
    body = ("The colonial government signed a treaty with Maori chiefs in 1840.\n\n"
            "The film commission started assisting film-makers in 1978.")
    text = lead + "\n\n" + "Filler paragraph about rivers.\n\n" * 3 + body
    words = lead_words(text, "New Zealand")
    assert "zealand" not in words and "settler" in words  # the title's words are left out; plurals folded
    treaty = _fact_candidate(text, "1840", "date", "YEAR")
    film = _fact_candidate(text, "1978", "date", "YEAR")
    assert lead_echo(treaty.fact.sentence, "1840", words) >= MIN_LEAD_ECHO  # colonial, treaty, maori, chief
    assert lead_echo(film.fact.sentence, "1978", words) < MIN_LEAD_ECHO
    article = Document("d", "d.txt", "New Zealand", text, "0" * 64)
    at = text.index("Filler")
    assert _detail(film, article, at, words) and not _detail(treaty, article, at, words)
    assert not _detail(film, article, at)  # a shorter document has no echo words: its body is not held to it


def test_a_section_on_a_new_topic_has_its_own_lead() -> None:
    from quizgen.centrality import document_leads, lead_end

    lead = ("Rivers carry rain from the hills to the sea. Rivers shape valleys, deltas and floodplains, "
            "and cities grow on their banks.")
    on_topic = ("The Nile floods its valleys every summer. Its delta feeds the cities on its banks. "
                "Floodplains along rivers hold the richest farms.")
    new_topic = ("Glaciers are slow rivers of ice. Glaciers form where snow outlasts the summer. "
                 "Glacial ice moves downhill under its own weight.")
    aside = "Ice ages covered whole continents in glacial ice. Snow piled up for thousands of years."
    text = "\n\n".join([lead, "Filler about nothing much.", on_topic, new_topic, aside])
    sections = (text.index("The Nile"), text.index("Glaciers are"), text.index("Ice ages"))
    leads = document_leads(text, "Rivers", sections, long_article=True)
    first_lead, words = leads.at(0)
    assert first_lead == lead_end(text) and words is not None and "valley" in words
    # The Nile section takes up the lead's words: it is held to the document's lead.
    assert leads.at(sections[0]) == (first_lead, words)
    # The glacier section shares none: a new topic, whose opening is its lead ...
    glacier_lead, glacier_words = leads.at(sections[1])
    assert glacier_lead > sections[1] and glacier_words is not None and "glacier" in glacier_words
    assert words <= glacier_words  # ... still held to the document's words as well
    # The next section goes on with the glaciers: it is held to their words, not given a lead of its own.
    assert leads.at(sections[2]) == (first_lead, glacier_words)
    # Sections that all open inside the lead change nothing.
    assert document_leads(text, "Rivers", (1,), long_article=True).parts == ((0, first_lead, words),)
    # A shorter document has one lead and no echo words, sections or not.
    assert document_leads(text, "Rivers", sections, long_article=False).parts == ((0, lead_end(text), None),)


def test_a_figure_about_a_subject_named_once_is_not_asked() -> None:
    from quizgen.model import Document
    from quizgen.questions import _side_subject

    text = ("Mozilla makes the Firefox browser, first released in 2004.\n\n"
            "Shumway is a replacement for Flash, developed by Mozilla since 2012.\n\n"
            "Firefox had 300 million users by 2009.")
    document = Document("d", "d.txt", "Mozilla", text, "0" * 64)
    openers = {0: "Mozilla", text.index("Shumway"): "Shumway", text.index("Firefox had"): "Firefox"}
    assert _side_subject(_fact_candidate(text, "2012", "date", "YEAR"), openers, document)  # Shumway: once
    assert not _side_subject(_fact_candidate(text, "2009", "date", "YEAR"), openers, document)  # Firefox: twice
    assert not _side_subject(_fact_candidate(text, "2004", "date", "YEAR"), openers, document)  # the title's
    assert not _side_subject(_fact_candidate(text, "Mozilla", "name", "ORG"), openers, document)  # figures only
