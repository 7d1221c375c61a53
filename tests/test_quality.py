"""`quizgen check` flags each defect of a hand-built bad quiz and passes a good one."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quizgen.cli import app
from quizgen.export.json import write_json
from quizgen.model import Document, Fact, Generator, Question, Quiz
from quizgen.quality import check_quiz, question_flags
from quizgen.questions import candidates_for

TEXT = (
    "President Joe Biden will speak to Vladimir Putin on Tuesday. "
    "An estimated 175,000 troops could be involved. "
    "Thirteen service members were killed at Kabul airport."
)


def q(qid: str, prompt: str, answer: str, kind: str = "name", options: tuple[str, ...] | None = None,
      sentence: str | None = None) -> Question:
    sentence = sentence or prompt.replace("_____", answer)
    start = max(TEXT.find(answer), 0)
    return Question(qid, "doc", f"fact-{qid}", kind, "multiple_choice" if options else "cloze",  # type: ignore[arg-type]
                    prompt, answer, sentence, start, start + len(answer), options, ("quizgen",))


def quiz(*questions: Question) -> Quiz:
    doc = Document("doc", "doc.txt", "Talks", TEXT, "0" * 64)
    facts = tuple(
        Fact(f"fact-{x.id}", "doc", x.kind, x.answer, x.sentence, x.start, x.end, 0,  # type: ignore[arg-type]
             "PERSON" if x.answer in ("Joe Biden", "Vladimir Putin") else "CARDINAL")
        for x in questions
    )
    return Quiz("doc", "Talks", Generator("0", "en_core_web_sm", "3.8.0", 0), (doc,), facts, tuple(questions))


GOOD = quiz(
    q("a", "President _____ will speak to Vladimir Putin on Tuesday.", "Joe Biden",
      options=("Joe Biden", "Antony Blinken", "Barack Obama", "Dmitri Peskov")),
    q("b", "An estimated _____ troops could be involved.", "175,000", "number",
      options=("150,000", "175,000", "200,000", "225,000")),
    q("c", "_____ service members were killed at Kabul airport.", "Thirteen", "number"),
)


def test_a_good_quiz_has_no_flags() -> None:
    report = check_quiz(GOOD)
    assert report.per_question == {} and report.flagged == 0


def test_each_defect_is_flagged() -> None:
    bad = {
        "answer_in_prompt": q("leak", "_____ will speak; Biden confirmed it.", "Joe Biden"),
        "alias_distractor": q("alias", "President _____ will speak to Vladimir Putin on Tuesday.", "Joe Biden",
                              options=("Joe Biden", "Biden", "Barack Obama", "Dmitri Peskov")),
        "distractor_in_stem": q("stem", "President _____ will speak to Vladimir Putin on Tuesday.", "Joe Biden",
                                options=("Joe Biden", "Vladimir Putin", "Barack Obama", "Dmitri Peskov")),
        "dangling_pronoun": q("pron", "He said _____ troops could be involved.", "175,000", "number"),
        "long_prompt": q("long", "An estimated _____ troops " + "could be involved " * 20 + ".", "175,000", "number"),
        "format_mismatch": q("form", "An estimated _____ troops could be involved.", "175,000", "number",
                             options=("175,000", "two hundred thousand", "150,000", "200,000")),
        "options_not_distinct": q("dup", "An estimated _____ troops could be involved.", "175,000", "number",
                                  options=("175,000", "150,000", "150,000", "200,000")),
    }
    for flag, question in bad.items():
        assert flag in question_flags(question, "PERSON" if question.answer == "Joe Biden" else None), flag


def test_duplicates_and_cross_question_leaks() -> None:
    first = q("x1", "President _____ will speak to Vladimir Putin on Tuesday.", "Joe Biden")
    again = q("x2", "President _____ will speak to Vladimir Putin on Tuesday.", "Joe Biden")
    putin = q("x3", "President Joe Biden will speak to _____ on Tuesday.", "Vladimir Putin")
    report = check_quiz(quiz(first, again, putin))
    assert "duplicate_question" in report.per_question["x2"]
    assert "cross_leak" in report.per_question["x3"]  # its prompt names Joe Biden, x1's answer


def test_across_documents_only_names_leak() -> None:
    from dataclasses import replace

    from quizgen.quality import leaks_into
    from quizgen.questions import drop_cross_document_leaks

    biden = q("y1", "President _____ will speak to Vladimir Putin on Tuesday.", "Joe Biden")
    troops = q("y2", "An estimated _____ troops could be involved.", "175,000", "number")
    # Another document: its prompt names Joe Biden, and happens to hold the figure 175,000 too.
    other = replace(q("y3", "Joe Biden met _____ in 2021 with 175,000 others.", "Angela Merkel"), document="other")
    assert leaks_into(biden, other) and not leaks_into(troops, other)
    assert "cross_leak" in check_quiz(quiz(biden, troops, other)).per_question["y3"]
    assert "cross_leak" not in check_quiz(quiz(troops, other)).per_question.get("y3", [])
    # The build keeps the first of two documents' leaking questions; one document's own are left to selection.
    assert drop_cross_document_leaks([biden, troops, other]) == [biden, troops]
    assert drop_cross_document_leaks([troops, other]) == [troops, other]
    # A word of a name in another document's prompt is no giveaway: the Church of Scientology is no Catholic Church.
    church = q("y4", "Municipalities ask religious schools of the _____ to pay taxes.", "Catholic Church")
    cruise = replace(q("y5", "The Church of Scientology tried to remove a video of _____.", "Tom Cruise"),
                     document="other")
    assert not leaks_into(church, cruise)
    assert leaks_into(church, replace(cruise, document=church.document))  # within one document it is a hint


def test_the_length_tell_is_measured_over_the_quiz() -> None:
    long_answers = [
        q(f"l{i}", f"Troops number {i} _____ here.", "Vladimir Putin", options=("Vladimir Putin", "Ann", "Bo", "Cy"))
        for i in range(4)
    ]
    report = check_quiz(quiz(*long_answers))
    assert report.longest_rate == 1.0
    assert report.totals["correct_longest_rate"] == 1


def test_check_command_strict_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    good = write_json(GOOD, tmp_path / "good.json")
    result = runner.invoke(app, ["check", str(good), "--strict"])
    assert result.exit_code == 0, result.output
    bad = write_json(quiz(q("leak", "_____ will speak; Biden confirmed it.", "Joe Biden")), tmp_path / "bad.json")
    result = runner.invoke(app, ["check", str(bad), "--strict"])
    assert result.exit_code == 10
    assert "answer_in_prompt" in result.output
    assert runner.invoke(app, ["check", str(bad)]).exit_code == 0


def test_values_and_years_in_the_prompt_give_the_answer_away() -> None:
    from quizgen.quality import answer_shown

    assert answer_shown("three", "number", "one in _____ visits, and it rose to number 3 in the list")
    assert answer_shown("1830s", "date", "Between 1835 and 1862 the maps changed, in the _____.")
    assert answer_shown("XUL", "name", "built with XPCOM and _____, to run as XULRunner apps")
    assert answer_shown("MPL", "name", "tri-licensed under the Mozilla Public License, then _____ 2.0")
    assert answer_shown("Network Security Services", "name", "_____ (NSS) comprises libraries")
    assert not answer_shown("SWIFT", "name", "the country swiftly fell to the Taliban")
    assert answer_shown("Fiordland", "name", "_____'s steep mountains and deep fiords are known")
    # The start of a one-word name in the prompt, and a city of the answer's country.
    assert answer_shown("XULRunner", "name", "_____ runs apps made with (XPCOM, HTML, CSS, XUL) natively")
    assert not answer_shown("XULRunner", "name", "_____ runs apps made with web technologies natively")
    assert answer_shown("Taiwan", "name", "The Taipei Lantern Festival shows the counties of _____.")
    assert not answer_shown("Taiwan", "name", "The lantern festival shows the counties of _____.")


def said(written: str, sentence: str, speaker: str, label: str = "PERSON") -> Fact:
    """A position fact whose speaker opens the sentence, with the Who question made from the rest."""
    who = "Who" + sentence[len(written) :].rstrip(".") + "?"
    return Fact(f"d-position-{written.lower().replace(' ', '-')}-1", "d", "position", written, sentence, 0,
                len(written), 0, label, speaker=speaker, cue="said", who_question=who)  # type: ignore[arg-type]


def asks_who(fact: Fact) -> bool:
    return any(c.is_question for c in candidates_for(fact, "A title"))


def test_who_is_asked_only_when_the_sentence_names_the_speaker() -> None:
    tail = " has warned NATO that Ukraine should not join the alliance."
    assert not asks_who(said("The Russian president", "The Russian president" + tail, "Vladimir Putin"))
    assert asks_who(said("Putin", "Putin" + tail, "Vladimir Putin"))


def test_who_is_asked_only_of_one_person() -> None:
    tail = " was of opinion that the tax should be repealed in the next session."
    assert not asks_who(said("Parliament", "Parliament" + tail, "Parliament", label="GROUP"))
    assert not asks_who(said("Smith", "Smith said that their tax should be repealed.", "Adam Smith"))
    assert asks_who(said("Smith", "Smith said that the tax should be repealed.", "Adam Smith"))


def test_a_country_is_not_asked_when_the_title_names_one_of_its_cities() -> None:
    sentence = "Other areas represent the counties of Taiwan and their crafts."
    start = sentence.index("Taiwan")
    taiwan = Fact("d-name-taiwan-1", "d", "name", "Taiwan", sentence, start, start + 6, 0, "GPE")
    assert candidates_for(taiwan, "Taipei Lantern Festival opens") == []
    assert candidates_for(taiwan, "Lantern festival opens")


def test_a_spokespersons_name_is_not_asked() -> None:
    # Nor a post-holder named by a lower-case post after the blank; a capitalised public office stays.
    sentence = "Jeff Rathke, the State Department Spokesperson, said the governments must act quickly."
    fact = Fact("d-name-jeff-rathke-1", "d", "name", "Jeff Rathke", sentence, 0, 11, 0, "PERSON")
    assert candidates_for(fact, "Migrants rescued at sea") == []
    other = sentence.replace("the State Department Spokesperson", "the Secretary of State")
    assert candidates_for(Fact("d-name-jeff-rathke-1", "d", "name", "Jeff Rathke", other, 0, 11, 0, "PERSON"),
                          "Migrants rescued at sea")
    post = sentence.replace("the State Department Spokesperson", "the chairman of the project's panel")
    assert candidates_for(Fact("d-name-jeff-rathke-1", "d", "name", "Jeff Rathke", post, 0, 11, 0, "PERSON"),
                          "Migrants rescued at sea") == []


def test_an_acronym_after_the_blank_spells_its_initial() -> None:
    from quizgen.quality import answer_shown

    assert answer_shown("Gecko", "name", "Firefox OS (project name: Boot to _____ also known as B2G) is an OS")
    assert not answer_shown("Gecko", "name", "Firefox OS (project name: Boot to _____) is an OS")
    q = Question("x", "d", "f", "name", "cloze", "Firefox OS (project name: Boot to _____ also known as B2G) is new.",
                 "Gecko", "s", 0, 5)
    assert "answer_in_prompt" in question_flags(q)


def test_a_list_of_names_gives_its_count_away() -> None:
    from quizgen.quality import answer_shown

    listed = "hopefuls from Afghanistan, Eritrea, Libya, Syria and Yemen who applied before last summer"
    assert answer_shown("five", "number", listed)
    assert answer_shown("5", "number", listed)
    assert not answer_shown("four", "number", listed)
    assert not answer_shown("5 million", "number", listed)  # a quantity, not a count of the list
    assert answer_shown("three", "number", "He studied at Basel, Heidelberg, and Strasbourg.")  # Oxford comma
    assert not answer_shown("three", "number", "He studied medicine at Basel and Heidelberg.")  # no list of 3


def _drop_leaks_pairwise(questions: list[Question]) -> list[Question]:
    # The reference: every later question against every kept one (what drop_cross_document_leaks was).
    from quizgen.quality import leaks_into

    kept: list[Question] = []
    named: list[Question] = []
    for question in questions:
        if any(o.document != question.document and leaks_into(o, question) for o in named) or (
                question.kind in ("name", "position")
                and any(o.document != question.document and leaks_into(question, o) for o in kept)):
            continue
        kept.append(question)
        if question.kind in ("name", "position"):
            named.append(question)
    return kept


_NAMES = ["Joe Biden", "Biden", "United States", "U.S.", "America", "Catholic Church", "Church", "Vladimir Putin",
          "Kabul", "New Zealand", "Zealand", "NATO", "North Atlantic Treaty Organization", "175,000", "2021"]
_FILLER = ["the", "said", "that", "troops", "met", "in", "church", "new", "of", "president", "1,000"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_NAMES), st.sampled_from(["name", "position", "number", "date"]),
                          st.sampled_from("abc"), st.lists(st.sampled_from(_NAMES + _FILLER), max_size=8)),
                max_size=12))
def test_cross_document_leaks_by_index_match_the_pairwise_check(drawn: list) -> None:
    from dataclasses import replace

    from quizgen.questions import drop_cross_document_leaks

    questions = [replace(q(f"h{i}", " ".join([*words[:3], "_____", *words[3:]]) + ".", answer, kind), document=doc)
                 for i, (answer, kind, doc, words) in enumerate(drawn)]
    assert drop_cross_document_leaks(questions) == _drop_leaks_pairwise(questions)


@given(st.lists(st.tuples(st.text(alphabet="ab ", max_size=8), st.sampled_from("xy")), max_size=6),
       st.lists(st.tuples(st.lists(st.sampled_from(["a", "b", "ab"]), max_size=6), st.sampled_from("xy")), max_size=6),
       st.lists(st.sampled_from(["a", "b", "ab"]), max_size=6), st.sampled_from("xy"))
def test_word_sequences_find_what_a_text_search_finds(needles: list, texts: list, words: list, document: str) -> None:
    # Needles with odd spacing (never made by mention_needles) are searched as text, like the rest.
    from quizgen.questions import _WordSequences

    index = _WordSequences()
    for needle, owner in needles:
        index.add_needles([needle], owner)
    for text, owner in texts:
        index.add_text(tuple(text), owner)
    padded = f" {' '.join(words)} "
    assert index.any_within(tuple(words), document) == any(
        owner != document and needle in padded for needle, owner in needles)
    probe = [needle for needle, _ in needles]
    assert index.any_holds(probe, document) == any(
        owner != document and needle in f" {' '.join(text)} " for needle in probe for text, owner in texts)


@given(st.lists(st.sampled_from(["Anne ", "The ", "Paris", " ", "McDo", "nald ", "Valeska", "é", "_", "paris",
                                 "Paris's", "A ", "Jo", "x", ".", "\n"]), max_size=12).map("".join),
       st.sampled_from(["Paris", "Donald", "Paris's", "Jo", "A"]))
@example("McDonald Paris", "Paris").via("a capital inside a word")
@example("The Paris", "Paris").via("no first name")
@example("Anne Parisx Anne Paris.", "Paris").via("a longer word first")
@example("éValeska Paris", "Paris").via("a letter before the capital")
@example("x Jo Paris's", "Paris's").via("no word boundary after an apostrophe")
def test_a_full_name_is_found_as_the_regex_finds_it(text: str, name: str) -> None:
    import re

    from quizgen.questions import full_name

    first_name = r"\b(?!(?:The|A|An|In|On|At|Of|For|By|To|From|With|And|But|As|This|That)\b)[A-Z][a-z]+"
    found = re.search(rf"{first_name} {re.escape(name)}\b", text)
    assert full_name(name, text) == (found.group() if found else None)


def test_a_keep_test_only_spares_candidates_for_work() -> None:
    # make_questions passes its document-level tests as `keep`, asked before the costlier single-question
    # filters: the candidates are those it would have kept afterwards, with the same scores.
    import hashlib

    from quizgen.pipeline import Settings, find_facts

    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news"
    paths = sorted(str(p) for p in corpus.iterdir())[:4] if corpus.is_dir() else [
        str(Path(__file__).resolve().parents[1] / "seeds")]
    facts = find_facts(paths, Settings.make())
    asked: list[str] = []

    def keep(c: object) -> bool:
        return hashlib.sha1(c.prompt.encode()).digest()[0] % 3 != 0  # type: ignore[attr-defined]

    def asking(c: object) -> bool:
        asked.append(c.prompt)  # type: ignore[attr-defined]
        return keep(c)

    whole = kept = spared = 0
    for fact in facts:
        every = candidates_for(fact, "A title")
        asked.clear()
        chosen = candidates_for(fact, "A title", asking)
        assert chosen == [c for c in every if keep(c)]
        whole, kept = whole + len(every), kept + len(chosen)
        spared += len(set(asked) - {c.prompt for c in every})  # asked first, then turned away by the filters
    assert 0 < kept < whole and spared > 0
