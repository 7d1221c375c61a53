"""Hand-built spaCy Docs, so extraction rules are pinned without a statistical model.

A Doc is written as a table, one token a line:

    word  POS  TAG  dep  head  lemma  entity

`head` is the index of the token's head (its own index for the root); `entity` is a BIO tag
("B-PERSON", "I-PERSON", "O"). A blank line between rows starts a new sentence (its tokens' heads
must stay inside it). Spaces follow English punctuation: none before , . ; : ! ? 's n't and none
inside quotation marks.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "'s", "n't", "'", ")"}


def english_vocab() -> Vocab:
    """A vocabulary with English lexical attributes (lowercase forms, is_punct, like_num)."""
    return spacy.blank("en").vocab


def parse(table: str, vocab: Vocab | None = None) -> Doc:
    """A Doc from a token table (see the module docstring)."""
    rows: list[list[str]] = []
    sent_starts: list[bool] = []
    new_sentence = True
    for line in table.strip("\n").splitlines():
        if not line.strip():
            new_sentence = True
            continue
        fields = line.split()
        if len(fields) != 7:
            raise ValueError(f"expected 7 fields, got {len(fields)}: {line!r}")
        rows.append(fields)
        sent_starts.append(new_sentence)
        new_sentence = False
    words = [r[0] for r in rows]
    spaces = _spaces(words)
    return Doc(
        vocab or english_vocab(),
        words=words,
        spaces=spaces,
        pos=[r[1] for r in rows],
        tags=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        heads=[int(r[4]) for r in rows],
        lemmas=[r[5] for r in rows],
        ents=[r[6] for r in rows],
        sent_starts=sent_starts,
    )


def _spaces(words: list[str]) -> list[bool]:
    spaces = []
    inside_quote = False
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        if word == '"':
            inside_quote = not inside_quote
            if inside_quote:  # an opening quote sticks to the next word
                spaces.append(False)
                continue
        if nxt is None or nxt in _NO_SPACE_BEFORE or (nxt == '"' and inside_quote):
            spaces.append(False)
        else:
            spaces.append(True)
    return spaces
