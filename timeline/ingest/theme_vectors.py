"""Which theme an entry reads most like, by meaning: words a theme's phrase rules never list still point to it.

The entry and each theme become vectors from WordLlama's small static model, which ships inside its package, so
nothing is downloaded. A theme's vector is made from its name, its description and its phrase rules, so the rules
editors keep steer this reading as well as the phrase matching.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

# An entry is read from its headline and the opening of its body, which say what it is about; reading further
# costs time and adds nothing measurable.
BODY_CHARS = 800
# Distinct words whose tokens are remembered: a few megabytes, and most of a newsroom's vocabulary.
WORDS_REMEMBERED = 100_000


@cache
def _model():
    import wordllama

    # The package's own folder holds the weights and tokenizer; downloads are off so a missing file fails loudly.
    model = wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    # Words are tokenized one at a time (`_tokens`), so no padding; the model's own `embed` pads batches and is
    # not used here.
    model.tokenizer.no_padding()
    return model


@lru_cache(maxsize=WORDS_REMEMBERED)
def _tokens(word: str) -> tuple[int, ...]:
    return tuple(_model().tokenizer.encode(word, add_special_tokens=False).ids)


def embed(texts: Sequence[str]) -> np.ndarray:
    """Each text as the mean of its tokens' vectors, of length one: the model's own pooling. Its tokenizer splits
    nothing before merging, so a whole text costs a millisecond; cut at spaces, as its tokens are, and each word's
    tokens remembered, the same tokens cost a tenth of that."""
    table = _model().embedding
    vectors = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
    for row, text in enumerate(texts):
        tokens = list(itertools.chain.from_iterable(map(_tokens, filter(None, text.split(" ")))))
        if tokens:
            vectors[row] = table[tokens].mean(axis=0)
    lengths = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(lengths > 0, lengths, 1)


def theme_text(name: str, description: str, phrases: Sequence[str]) -> str:
    """What a theme is about, in words: its name, its description and its rules' phrases."""
    return f"{name}. {description} " + ", ".join(phrase.rstrip("*") for phrase in phrases)


def entry_text(headline: str, body: str) -> str:
    return f"{headline}. {body[:BODY_CHARS]}"


class ThemeVectors:
    """The themes as vectors, and the nearest of them to each of many entries at once."""

    def __init__(self, themes: dict[str, str]):
        """`themes` maps each theme's slug to its text (see `theme_text`)."""
        self.slugs = list(themes)
        self.vectors = embed(list(themes.values())) if themes else None

    def nearest(self, texts: Sequence[str]) -> list[str | None]:
        """The theme each text reads most like; None for all when there are no themes."""
        if self.vectors is None or not texts:
            return [None] * len(texts)
        similarity = embed(texts) @ self.vectors.T
        return [self.slugs[index] for index in similarity.argmax(axis=1)]
