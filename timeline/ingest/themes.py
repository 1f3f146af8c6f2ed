"""An entry's themes, from weighted phrase rules found in its headline and body, and the theme it reads most like.

Pure: the rules come in as plain data, so the same code serves ingest, `retag` and tests.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .phrases import PhraseFinder, match_form


@dataclass(frozen=True)
class ThemeRule:
    theme: str
    phrase: str  # a trailing "*" matches any ending: "sanction*"
    weight: int = 1


# A phrase in the headline says more about the entry than one in its body.
HEADLINE_WEIGHT = 3
# More than a single hint in the headline (weight 1, so 3): a lone "missiles" there says less than what the whole
# entry reads like (`with_nearest`).
MIN_SCORE = 4
MAX_THEMES = 3
# A second or third theme must score at least this share of the first.
RUNNER_UP_SHARE = 0.33


class ThemeScorer:
    """Weighted phrase rules, whole phrases and prefixes alike found in one pass."""

    def __init__(self, rules: Iterable[ThemeRule]):
        self.by_phrase: dict[tuple[str, bool], list[ThemeRule]] = defaultdict(list)
        for rule in rules:
            prefix = rule.phrase.endswith("*")
            key = match_form(rule.phrase.rstrip("*")).strip()
            if key:
                self.by_phrase[(key, prefix)].append(rule)
        whole = [k for k, prefix in self.by_phrase if not prefix]
        prefixes = [k for k, prefix in self.by_phrase if prefix]
        self.phrases = PhraseFinder(whole, prefixes)

    def scores(self, headline: str, body: str) -> dict[str, int]:
        """Each theme's weight of evidence; the arguments are in matching form (see `match_form`)."""
        totals: dict[str, int] = defaultdict(int)
        for folded, factor in ((headline, HEADLINE_WEIGHT), (body, 1)):
            seen: set[tuple[str, bool]] = set()
            for _, _, phrase, prefix in self.phrases.find(folded):
                key = (phrase, prefix)
                if key in seen:  # a phrase repeated in a long body is not more evidence each time
                    continue
                seen.add(key)
                for rule in self.by_phrase[key]:
                    totals[rule.theme] += rule.weight * factor
        return totals

    def themes(self, headline: str, body: str) -> list[str]:
        """One to three themes, strongest first; none when nothing in the text (in matching form) points to one."""
        ranked = sorted(self.scores(headline, body).items(), key=lambda item: (-item[1], item[0]))
        if not ranked or ranked[0][1] < MIN_SCORE:
            return []
        top = ranked[0][1]
        return [theme for theme, score in ranked[:MAX_THEMES] if score >= max(MIN_SCORE, top * RUNNER_UP_SHARE)]


def with_nearest(found: list[str], nearest: str | None) -> list[str]:
    """The rules' themes and the one the entry reads most like by meaning (`theme_vectors`), within three.

    Every entry is about something, so the nearest theme is always added; the rules come first, as the surer sign.
    Measured on real outlets' entries kept out of tuning, the pair beat either alone.
    """
    if nearest is None or nearest in found or len(found) >= MAX_THEMES:
        return found
    return [*found, nearest]
