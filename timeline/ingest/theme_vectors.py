"""Which theme an entry reads most like, by meaning: words a theme's phrase rules never list still point to it.

The entry and each theme become vectors from WordLlama's small static model, which ships inside its package, so
nothing is downloaded. A theme is read from its name, its description and its phrase rules, and from examples of the
news it covers: the shipped ones, those editors write, and the entries editors gave the theme. So what editors keep
and decide steers this reading as well as the phrase matching.
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


# How many of a theme's examples an entry is compared with: the mean of its nearest four, so one odd example
# cannot decide alone.
NEAREST_EXAMPLES = 4
# The share of the reading that comes from the theme's own words; the rest comes from its examples.
OWN_WORDS_SHARE = 0.5


class ThemeVectors:
    """The themes as vectors, and the nearest of them to each of many entries at once.

    A theme is read from its own words (name, description, phrases) and from examples of the news it covers: an
    entry is near a theme when it reads like the theme's words and like its nearest examples.
    """

    def __init__(self, themes: dict[str, str], examples: dict[str, Sequence[str]] | None = None):
        """`themes` maps each theme's slug to its text (see `theme_text`); `examples`, each slug to texts of news
        the theme covers, if any."""
        self.slugs = list(themes)
        self.vectors = embed(list(themes.values())) if themes else None
        examples = examples or {}
        self.examples = {slug: embed(list(examples[slug])) for slug in self.slugs if examples.get(slug)}

    def nearest(self, texts: Sequence[str]) -> list[str | None]:
        """The theme each text reads most like; None for all when there are no themes."""
        if self.vectors is None or not texts:
            return [None] * len(texts)
        entries = embed(texts)
        own = entries @ self.vectors.T
        similarity = own.copy()
        for column, slug in enumerate(self.slugs):
            if slug in self.examples:
                nearest = np.sort(entries @ self.examples[slug].T, axis=1)[:, -NEAREST_EXAMPLES:].mean(axis=1)
                similarity[:, column] = OWN_WORDS_SHARE * own[:, column] + (1 - OWN_WORDS_SHARE) * nearest
        return [self.slugs[index] for index in similarity.argmax(axis=1)]
