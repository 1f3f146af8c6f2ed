"""Country outlines for maps drawn on the server: Natural Earth's 1:50m countries (public domain), as the npm package
world-atlas 2.0.2 ships them in TopoJSON, read once per process and projected onto the Mercator plane.

The plane's units are degrees of longitude: x is the longitude, y grows northwards as Mercator stretches it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

import numpy as np
import shapely

from timeline.ingest.phrases import match_form

ATLAS = Path(__file__).resolve().parent / "world-atlas" / "countries-50m.json"
# Mercator stretches the poles to infinity; web maps stop where it does, near 85 degrees.
LATITUDE_LIMIT = 85.0


@dataclass(frozen=True)
class Country:
    name: str  # as the atlas writes it ("Bosnia and Herz.")
    code: str  # ISO 3166 numeric ("070"); "" for the few without one
    shape: shapely.Geometry  # on the Mercator plane

    @cached_property
    def body(self) -> shapely.Geometry:
        """Its largest part, freed of detail: where a point for the country goes on a map. Worked out once, as the
        countries are read once per process."""
        return shapely.simplify(max(shapely.get_parts(self.shape), key=shapely.area), 0.05)


def mercator(longitude, latitude) -> tuple[np.ndarray, np.ndarray]:
    """Where points of the globe fall on the plane the outlines are drawn on."""
    latitude = np.radians(np.clip(latitude, -LATITUDE_LIMIT, LATITUDE_LIMIT))
    return np.asarray(longitude, dtype=float), np.degrees(np.log(np.tan(np.pi / 4 + latitude / 2)))


@cache
def countries() -> tuple[Country, ...]:
    """Every country and territory the atlas outlines."""
    topology = json.loads(ATLAS.read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    return tuple(
        Country(geometry["properties"]["name"], geometry.get("id", ""), _shape(geometry, arcs))
        for geometry in topology["objects"]["countries"]["geometries"]
        if geometry.get("arcs")
    )


@cache
def _search_tree() -> shapely.STRtree:
    return shapely.STRtree([country.shape for country in countries()])


def countries_within(left: float, bottom: float, right: float, top: float) -> list[int]:
    """Where the countries whose outlines reach into a rectangle of the plane stand in `countries()`."""
    return sorted(_search_tree().query(shapely.box(left, bottom, right, top)).tolist())


@lru_cache(maxsize=4096)
def simplified(number: int, detail: float) -> shapely.Geometry:
    """A country's outline without detail finer than this: once for each zoom a process draws it at. Keeping the
    shape valid while simplifying would take ten times as long, and an error smaller than a pixel does not show."""
    return shapely.simplify(countries()[number].shape, detail, preserve_topology=False)


def country_named(names: Iterable[str]) -> Country | None:
    """The outline of the country one of these names stands for: its English names and codes as pycountry knows
    them ("Russian Federation", "RUS"), or the atlas's own name ("Kosovo", which has no code)."""
    known = _by_name()
    for name in names:
        country = known.get(match_form(name).strip())
        if country is not None:
            return country
    return None


@cache
def _by_name() -> dict[str, Country]:
    import pycountry

    every = countries()
    known = {match_form(country.name).strip(): country for country in every}
    by_code = {country.code: country for country in every if country.code}
    for record in pycountry.countries:
        country = by_code.get(record.numeric)
        for attribute in ("name", "official_name", "common_name", "alpha_2", "alpha_3"):
            name = getattr(record, attribute, None)
            if country and name:
                known.setdefault(match_form(name).strip(), country)
    return known


def _arcs(topology: dict) -> list[np.ndarray]:
    """The topology's arcs as longitudes and latitudes: each is stored as steps on a grid, from its first point."""
    scale = np.array(topology["transform"]["scale"])
    translate = np.array(topology["transform"]["translate"])
    return [np.cumsum(np.array(arc, dtype=float), axis=0) * scale + translate for arc in topology["arcs"]]


def _shape(geometry: dict, arcs: list[np.ndarray]) -> shapely.Geometry:
    polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    return shapely.MultiPolygon([part for rings in polygons for part in _within_the_world(_polygon(rings, arcs))])


def _polygon(rings: list[list[int]], arcs: list[np.ndarray]) -> shapely.Polygon:
    shell, *holes = (_ring(indexes, arcs) for indexes in rings)
    return shapely.Polygon(shell, holes)


def _ring(indexes: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    """A ring joined from its arcs, a negative index (~i) being arc i backwards; joined arcs share an end.

    A ring that crosses the antimeridian, going from 179 to -179 degrees, is kept whole by carrying on to 181; one
    that goes round a pole (Antarctica's) is closed along the pole's edge of the map."""
    parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in indexes]
    points = np.concatenate([parts[0], *(part[1:] for part in parts[1:])])
    longitude, latitude = np.unwrap(points[:, 0], period=360), points[:, 1]
    if abs(longitude[-1] - longitude[0]) > 180:
        pole = np.copysign(90, latitude.mean())
        longitude = np.append(longitude, [longitude[-1], longitude[0], longitude[0]])
        latitude = np.append(latitude, [pole, pole, latitude[0]])
    return np.column_stack(mercator(longitude, latitude))


def _within_the_world(polygon: shapely.Polygon) -> list[shapely.Polygon]:
    """A polygon carried beyond the antimeridian, cut there and its far part moved round to the other side."""
    left, _, right, _ = polygon.bounds
    if left >= -180 and right <= 180:
        return [polygon]
    pieces = []
    for turn in (-360, 0, 360):
        moved = shapely.transform(polygon, lambda points, turn=turn: points + [turn, 0])
        cut = shapely.clip_by_rect(moved, -180, -LATITUDE_LIMIT * 3, 180, LATITUDE_LIMIT * 3)
        pieces.extend(part for part in shapely.get_parts(cut) if isinstance(part, shapely.Polygon) and part.area)
    return pieces
