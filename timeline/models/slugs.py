"""The names of actors and places in filter addresses (`?actor=vladimir-putin`): readable, typeable, and never
all digits, so that a number in an old address can only be an id (`query.addresses`)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.text import slugify

# A slug is at most this long: a very long discovered name still makes an address a person could read.
LONGEST = 80


def slug_for(name: str, kind: str) -> str:
    """The slug a name reads as, letters of any script kept ("kyiv", "київ")."""
    slug = slugify(name, allow_unicode=True)[:LONGEST].strip("-_")
    if not slug or slug.replace("-", "").isdigit():
        return f"{kind}-{slug}".strip("-")
    return slug


def unique_slugs(names: Iterable[str], kind: str, taken: set[str]) -> dict[str, str]:
    """Each name's slug, numbered ("-2", "-3") where two names read alike or the slug is already `taken`;
    `taken` grows by the slugs given."""
    slugs = {}
    for name in names:
        base = slug_for(name, kind)
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        slugs[name] = slug
    return slugs
