"""Property tests: readers and the pipeline never fail with anything but a QuizgenError, and every
question they make keeps its invariants, whatever bytes, text or markup they are given."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quizgen.errors import QuizgenError
from quizgen.model import BLANK, Document, Quiz
from quizgen.pipeline import Settings, build_quiz
from quizgen.readers import Source, to_document

SUFFIXES = (".txt", ".md", ".html")

FACTS = [
    "In 2014, Vladimir Putin said that 175,000 troops had gathered near Kyiv on Tuesday.",
    "Joe Biden met Angela Merkel in Berlin on 3 March 2015, and 40 officials attended the talks.",
    "The Nile flows north for about 6,650 kilometres before it reaches the Mediterranean Sea.",
    "Neil Armstrong stepped onto the Moon on July 20, 1969, watched by 600 million people.",
    "The café in Zürich served 1,200 guests, and Mayor Corine Mauch said the plan cost 3 million francs.",
    "Emmanuel Macron told reporters in Paris that France would send 2,000 soldiers to Estonia.",
]
TAGS = ["p", "div", "span", "b", "i", "a", "script", "style", "table", "td", "li", "ul", "h1", "h2", "br",
        "article", "nav", "svg", "math", "title", "body", "html", "head", "!--", "![CDATA["]
MARKDOWN = ["# ", "## ", "- ", "1. ", "> ", "```\n", "`", "*", "_", "[", "](", ")", "<b>", "</b>", "|", "\n\n",
            "---\n", "    "]


def fragments() -> st.SearchStrategy[str]:
    text = st.text(max_size=40)
    tag = st.sampled_from(TAGS).flatmap(lambda t: st.sampled_from(
        [f"<{t}>", f"</{t}>", f"<{t} class=\"x\" onclick='y'>", f"<{t}", "&amp;", "&#9999999;"]
    ))
    return st.one_of(text, tag, st.sampled_from(FACTS), st.sampled_from(MARKDOWN))


markup = st.lists(fragments(), max_size=40).map("".join)


def check_document(doc: Document) -> None:
    assert doc.text.strip() and "\r" not in doc.text
    assert "\n" not in doc.title


def read(data: bytes, suffix: str) -> Document | None:
    try:
        doc = to_document(Source("doc", f"doc{suffix}", suffix, data))
    except QuizgenError:
        return None
    check_document(doc)
    return doc


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_readers_on_arbitrary_bytes(data: bytes, suffix: str) -> None:
    read(data, suffix)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=3000), suffix=st.sampled_from(SUFFIXES),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_readers_on_arbitrary_text(text: str, suffix: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # lone surrogates
        return
    read(data, suffix)


@settings(max_examples=150, deadline=None)
@given(doc=markup, suffix=st.sampled_from(SUFFIXES))
def test_readers_on_markup(doc: str, suffix: str) -> None:
    read(doc.encode("utf-8", "surrogatepass"), suffix)


# ---- the pipeline ------------------------------------------------------------------------------


def check_quiz(quiz: Quiz) -> None:
    assert quiz.questions
    ids = [q.id for q in quiz.questions]
    assert len(ids) == len(set(ids))
    texts = {d.id: d.text for d in quiz.documents}
    for q in quiz.questions:
        assert q.answer and q.answer in q.sentence, q
        assert q.answer not in q.prompt.replace(BLANK, "\0"), q  # no leak of the answer into its prompt
        assert texts[q.document][q.start : q.end] == q.answer, q
        if q.type == "cloze":
            assert q.prompt.count(BLANK) == 1 and q.options is None
        else:
            assert q.options is not None and len(q.options) >= 2
            assert len(set(q.options)) == len(q.options) and q.options.count(q.answer) == 1


def build(text: str, suffix: str, nlp: object | None) -> Quiz | None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            quiz = build_quiz([str(path)], Settings.make(), nlp=nlp)  # type: ignore[arg-type]
        except QuizgenError:
            return None
    check_quiz(quiz)
    return quiz


@pytest.fixture(scope="module")
def blank_nlp() -> object:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=markup, suffix=st.sampled_from(SUFFIXES))
def test_pipeline_plumbing_with_a_blank_pipeline(blank_nlp: object, doc: str, suffix: str) -> None:
    build(doc, suffix, blank_nlp)


noisy_facts = st.lists(
    st.one_of(st.sampled_from(FACTS), st.sampled_from(FACTS), fragments()), min_size=1, max_size=14
).map(" ".join)


PUTIN = "In 2014, Vladimir Putin said that 175,000 troops had gathered near Kyiv on Tuesday."


@pytest.mark.model
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=noisy_facts, suffix=st.sampled_from(SUFFIXES))
# Found by this test: a group name that runs past its subject's words once raised StopIteration.
@example(doc=f"{PUTIN} {PUTIN} &amp; # &amp; {PUTIN}", suffix=".md")
def test_pipeline_with_the_trained_model(doc: str, suffix: str) -> None:
    from quizgen.nlp import load_pipeline

    build(doc, suffix, load_pipeline())


def _fold_by_regex(text: str) -> str:
    # fold as first written, with lookbehind-first regexes and a regex for punctuation.
    import re
    import unicodedata

    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower()
    if "," in text or "." in text:
        text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
        text = re.sub(r"(?<=\d)\.(?=\d)", "_", text)
    if "'" in text:
        text = re.sub(r"'s\b", "", text)
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("0123456789,.'s _-aZ\t\n\x1c\x1f\u00a0é’½"), max_size=40) | st.text())
@example(text="175,000 and 8.8, 1,2 1,23 4.8. 1.,234 it's ITS'S\x1c\x1d")
def test_fold_is_its_regex_definition(text: str) -> None:
    from quizgen.normalize import fold

    assert fold.__wrapped__(text) == _fold_by_regex(text)


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("0123456789,._ -aeotwhnrsiuvxgl'THREE½²٣"), max_size=40) | st.text())
@example(text="three 3 175,000 twenty 8.8 4_8 2nd one-third ٣ ² 1.5bn")
def test_number_values_are_every_words_value(text: str) -> None:
    from quizgen.normalize import fold
    from quizgen.quality import _number_values, number_value

    values = (number_value(word) for word in fold(text).split())
    assert _number_values.__wrapped__(text) == frozenset(v for v in values if v is not None)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("AB2Xab9 -_,()"), max_size=60).map(lambda t: t.replace("_", BLANK, 1)))
@example(text=f"Boot to {BLANK} also known as B2G, (XPCOM, HTML-5)")
def test_a_prompts_words_are_those_answer_shown_looked_for(text: str) -> None:
    import re

    from quizgen.quality import _acronyms_after_blank, _capitalised_words

    after = text.split(BLANK, 1)[1] if BLANK in text else ""
    assert _acronyms_after_blank.__wrapped__(text) == tuple(
        w for w in re.findall(r"\b[A-Z0-9]{2,5}\b", " ".join(after.split()[:6])) if any(ch.isdigit() for ch in w))
    assert _capitalised_words.__wrapped__(text) == tuple(re.findall(r"\b[A-Z][\w-]*", text))


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("abcXYZ é-'1"), max_size=60) | st.text())
def test_the_long_words_are_the_runs_of_letters_misspelt_words_keeps(text: str) -> None:
    import re

    from quizgen.extract.slips import _LONG_WORD
    from quizgen.spelling import MIN_FIX

    assert _LONG_WORD.findall(text) == [w for w in re.findall(r"[A-Za-z]+", text) if len(w) >= MIN_FIX - 1]


def _answer_shown_as_written(answer: str, kind: str, text: str) -> bool:
    # quality.answer_shown before its answer-side work was kept per answer (session 6).
    import re

    from quizgen.distractors import cities_of, mentioned_in
    from quizgen.normalize import fold
    from quizgen.quality import STOPWORDS, _in_longer_word, _same_number_shown, _text_words, _whole_word, answer_label

    visible = text.replace(BLANK, " ")
    if mentioned_in(answer, visible, answer_label(answer, kind)):
        return True
    if kind == "number":
        return _same_number_shown(answer, visible)
    if kind == "name" and any(mentioned_in(city, visible) for city in cities_of(answer)):
        return True
    decade = re.fullmatch(r"(1\d{2}|20\d)0s", answer)
    if kind == "date" and decade:
        return any(year[:3] == decade.group(1) for year in re.findall(r"\b(?:1\d{3}|20\d{2})\b", visible))
    words = [w for w in fold(answer).split() if len(w) >= 4 and w not in STOPWORDS]
    if kind in ("name", "position"):
        stems = {w[:5] for w in words if len(w) >= 6} if not answer.isupper() else set()
        if not stems.isdisjoint(_text_words(visible)[1]):
            return True
    if kind in ("name", "position") and len(words) >= 2:
        folded = _text_words(visible)[0]
        if sum(w in folded for w in words) * 2 >= len(words):
            return True
    if kind in ("name", "position") and " " not in answer and len(answer) >= 3:
        if _in_longer_word(answer, visible):
            return True
        after = text.split(BLANK, 1)[1] if BLANK in text else ""
        if any(answer[0] in w[1:] for w in re.findall(r"\b[A-Z0-9]{2,5}\b", " ".join(after.split()[:6]))
               if any(ch.isdigit() for ch in w)):
            return True
        if any(answer.startswith(w) and len(w) >= 3 for w in re.findall(r"\b[A-Z][\w-]*", visible) if w != answer):
            return True
        if answer.isupper() and 2 <= len(answer) <= 6:
            initials = "".join(w[0] for w in re.findall(r"\b[A-Z][\w-]*", visible))
            return answer in initials
    capitals = [w[0] for w in answer.split() if w[:1].isupper()]
    return len(capitals) >= 2 and _whole_word("".join(capitals), visible)


_SHOWN_WORDS = ["Taiwan", "Taipei", "Joe Biden", "Biden", "United States", "U.S.", "America", "1830s", "1835", "three",
                "3", "XUL", "XULRunner", "B2G", "Mozilla Public License", "MPL", "Fiordland", "fiords", "Canada",
                "Canadian", "Gospel of the Hebrews", "Hebrew", "NASA", "the", "Boot", "(", ")", ",", "2,000", "20s"]


@settings(max_examples=800, deadline=None)
@given(answer=st.sampled_from(_SHOWN_WORDS) | st.text(alphabet="AaBX 1s", min_size=1, max_size=6),
       kind=st.sampled_from(["name", "position", "number", "date"]),
       words=st.lists(st.sampled_from([*_SHOWN_WORDS, BLANK]) | st.text(alphabet="AaBX2 ", max_size=5), max_size=12))
def test_answer_shown_is_as_written(answer: str, kind: str, words: list[str]) -> None:
    from quizgen.quality import answer_shown

    text = " ".join(words)
    assert answer_shown.__wrapped__(answer, kind, text) == _answer_shown_as_written(answer, kind, text)


_WORDY = st.text(alphabet=st.sampled_from("ABab_1 -.Ⓐé\u00b2\u0301XY"), max_size=30)


@settings(max_examples=800, deadline=None)
@given(answer=st.text(alphabet=st.sampled_from("ABab_1-.Ⓐé"), min_size=1, max_size=4), text=_WORDY)
@example(answer="XUL", text="XULRunner and XUL")
@example(answer="AB", text="AB AB_ ABⒶ ²AB")
def test_word_checks_are_their_regexes(answer: str, text: str) -> None:
    import re

    from quizgen.quality import _in_longer_word, _whole_word

    assert _in_longer_word(answer, text) == bool(re.search(rf"\w{re.escape(answer)}|{re.escape(answer)}\w", text))
    assert _whole_word(answer, text) == bool(re.search(rf"\b{re.escape(answer)}\b", text))


_JSON_LEAVES = st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=True)
_JSON = st.recursive(_JSON_LEAVES, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                     | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=25)


@settings(max_examples=400, deadline=None)
@given(data=_JSON)
@example(data={"b": [], "a": {}, "c": [{"x": None, "é": "“q”\n\u2028"}, True, -3]})
def test_indented_json_is_json_dumps(data: object) -> None:
    import json

    from quizgen.export.json import dumps_indented

    assert dumps_indented(data) == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
