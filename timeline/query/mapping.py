"""The map of where the filtered events happened, drawn on the server as SVG: no tiles, no script, no network.

Each place is counted as the "Where" filter counts it, with the view's other filters. A place with coordinates is a
circle at them; a country is its own outline, shaded by its count, never a point somewhere inside it; a place with
neither is counted under the map. The view fits the marks, in steps of zoom and position, so that the outlines
drawn for one view serve the next views near it.
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from urllib.parse import quote, urlencode

import numpy as np
import shapely
from django.http import QueryDict
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from timeline.gazetteer.outlines import (
    LATITUDE_LIMIT,
    Country,
    countries,
    countries_within,
    country_named,
    mercator,
    simplified,
)
from timeline.models import Location

from .counting import Counts, Index, Selection
from .links import link, names_in_addresses

WIDTH, HEIGHT = 800, 400
# The top of the plane: the parallel where Mercator maps stop.
MAP_TOP = float(mercator(0, LATITUDE_LIMIT)[1])
# The most places a map draws and lists: the rest have fewer events; the "Where" filter finds them.
MOST_PLACES = 100
# The narrowest view, in degrees of longitude: a town alone is shown with the country around it.
NARROWEST = 5.0
# Zoom steps: each view is this much narrower than the one before.
ZOOM_STEP = math.sqrt(2)
# A view moves in steps of this share of its width, so that near views share their outlines.
POSITION_STEPS = 8
# Views at least this wide (in degrees of longitude) draw whole countries: cutting them to each view cost more time
# than the few kilobytes it saved.
WIDE = 90
SMALLEST_RADIUS, LARGEST_RADIUS = 5, 22
# Shades of a country, lightest for the fewest events.
SHADES = 4
# Names written on the map beside its largest marks; the list names them all.
LABELS = 6


@dataclass
class Place:
    value: str  # its slug, as the "Where" filter takes it
    label: str
    kind: str
    count: int
    selected: bool
    url: str = ""
    x: float = 0  # a point's centre, on the map
    y: float = 0
    radius: float = 0
    shade: int = 0  # a country's shade
    drawn: str = ""  # "point", "area", or "" when the map cannot show it
    outline: str = ""  # a country's outline, by the atlas's name for it

    @property
    def title(self) -> str:
        return f"{self.label}: {self.count:,} event{'s' if self.count != 1 else ''}"


@dataclass(frozen=True)
class View:
    """The rectangle of the plane a map shows: its left and top edges and its width, in degrees of longitude."""

    left: float
    top: float
    span: float

    @property
    def scale(self) -> float:
        return WIDTH / self.span

    @property
    def bottom(self) -> float:
        return self.top - HEIGHT / self.scale

    @property
    def right(self) -> float:
        return self.left + self.span

    @property
    def detail(self) -> float:
        """The finest detail worth drawing, on the plane: most of a pixel."""
        return 0.7 / self.scale

    @classmethod
    def of_the_world(cls, span: float) -> View:
        """The whole plane at a view's zoom, from its top left corner: where a wide view's paths are drawn once."""
        return cls(-180, MAP_TOP, span)

    def on_map(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (x - self.left) * self.scale, (self.top - y) * self.scale


@dataclass
class Label:
    text: str
    x: float
    y: float


@dataclass
class PlaceMap:
    places: list[Place]  # the places drawn and listed, the most events first
    view: View | None  # None when no place can be drawn
    outlines: list[tuple[str, str]] = field(default_factory=list)  # (country's name, its path)
    shift: tuple[float, float] = (0, 0)  # how far the paths move to stand in the view
    labels: list[Label] = field(default_factory=list)
    more: int = 0  # places with events beyond MOST_PLACES
    unplaced_events: int = 0  # events at places the map cannot show, listed or not
    unplaced_more: int = 0  # such places beyond MOST_PLACES
    opens_apart: bool = False  # the widget's marks open the full timeline in a new tab
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def unplaced(self) -> list[Place]:
        return [place for place in self.places if not place.drawn]

    @property
    def svg_land(self) -> SafeString:
        """Every country in view, those with events shaded by their count and linked to their events; the paths
        hold only numbers and letters, so they need no escaping."""
        areas = {place.outline: place for place in self.places if place.drawn == "area"}
        land = "".join(path for name, path in self.outlines if name not in areas)
        shaded = "".join(
            f"{self._anchor(place)}<title>{escape(place.title)}</title>"
            f'<path class="area shade{place.shade}{" chosen" * place.selected}" d="{path}"/></a>'
            for name, path in self.outlines
            for place in [areas.get(name)]
            if place
        )
        left, top = self.shift
        return mark_safe(f'<g transform="translate({left} {top})"><path class="land" d="{land}"/>{shaded}</g>')

    @property
    def svg_points(self) -> SafeString:
        """The places with coordinates, the largest first so that none hides a smaller one."""
        points = sorted((place for place in self.places if place.drawn == "point"), key=lambda p: -p.radius)
        return mark_safe(
            "".join(
                f'{self._anchor(p)}<title>{escape(p.title)}</title><circle class="point {escape(p.kind)}'
                f'{" chosen" * p.selected}" cx="{p.x}" cy="{p.y}" r="{p.radius}"/></a>'
                for p in points
            )
        )

    @property
    def list_items(self) -> SafeString:
        """The places as a list, each with its kind and count: what the keyboard and screen readers use, and the
        map's stand-in where no picture is wanted. Built here rather than in a template loop: it has a hundred."""
        apart = ' target="_blank" rel="noopener"' if self.opens_apart else ""
        return mark_safe(
            "".join(
                f'<li><a href="{escape(place.url)}" data-place="{escape(place.value)}"{apart}'
                f"{' aria-current=true' * place.selected}>"
                f'{escape(place.label)}</a> <span class="kind">{escape(place.kind)}'
                f"{', not on the map' * (not place.drawn)}{', chosen' * place.selected}</span> "
                f'<span class="n">{place.count:,}</span></li>'
                for place in self.places
            )
        )

    def _anchor(self, place: Place) -> str:
        """A mark's link, out of the keyboard's way, which the list below the map serves; in the widget, to the
        full timeline in a tab of its own."""
        apart = ' target="_blank" rel="noopener"' if self.opens_apart else ""
        return f'<a href="{escape(place.url)}" tabindex="-1"{apart}>'


def place_map(
    selection: Selection, query: QueryDict, chosen_places: list[Location], for_widget: bool = False
) -> PlaceMap:
    """The map of the places the filtered events happened at, each linking to the view with it chosen or not: in
    the widget, the full timeline's view."""
    chosen = {place.pk: names_in_addresses(place) for place in chosen_places}
    counts = selection.counts_for("location")
    known = places_known(selection.index)
    shown = [target for target in counts.ranked(chosen, MOST_PLACES) if target in known.places]
    places, spots, areas = _places(shown, counts, chosen, known.places)
    _link(places, shown, query, chosen, reverse("index") if for_widget else "")
    place_map = PlaceMap(
        places,
        _view(spots, areas),
        more=max(0, len(counts) - MOST_PLACES),
        unplaced_events=int((selection.without("location") & known.at_unplaced).sum()),
        unplaced_more=sum(target in counts for target in known.unplaced) - sum(not place.drawn for place in places),
        opens_apart=for_widget,
    )
    if place_map.view is None:
        return place_map
    place_map.outlines, place_map.shift = _outlines(place_map.view)
    _draw_points(places, spots, place_map.view)
    _shade_areas(places)
    _ring_the_smallest(places, areas, {name for name, _ in place_map.outlines}, place_map.view)
    place_map.labels = _labels([places[number] for number in spots])
    return place_map


@dataclass(frozen=True)
class Whereabouts:
    """What the map needs of a place, whatever the filters: its names, and its point or outline on the plane."""

    slug: str
    name: str
    kind: str
    spot: tuple[float, float] | None = None
    country: Country | None = None
    body: shapely.Geometry | None = None  # a country's largest part, roughly: what a view must reach

    @property
    def drawable(self) -> bool:
        return self.spot is not None or self.country is not None


@dataclass(frozen=True)
class KnownPlaces:
    """The whereabouts of every place the index of counts holds, read once for each index: an editor's change to
    a place (coordinates given, say) is a change of data, after which the index is read again."""

    index: weakref.ref[Index]  # not held: a process keeps no index past its time for the map's sake
    places: dict[int, Whereabouts]  # a place merged or rejected since the index was read is missing
    unplaced: list[int]  # the places the map cannot draw
    at_unplaced: np.ndarray  # the index's rows of the events at any of those


_known: KnownPlaces | None = None
# Places whose whereabouts are remembered: every place of a large gazetteer, a few megabytes.
PLACES_REMEMBERED = 20_000
# Places read from the database in one query: a long list of ids is more than some databases take at once.
READ_AT_ONCE = 1000


def places_known(index: Index) -> KnownPlaces:
    """What the map knows of the index's places, read from the database the first time this index is asked about."""
    global _known
    known = _known  # one read: another thread may put a newer index's in its place meanwhile
    if known is None or known.index() is not index:
        ids = index.tags_of("location").tolist()
        places = {}
        for start in range(0, len(ids), READ_AT_ONCE):
            rows = Location.objects.filter(id__in=ids[start : start + READ_AT_ONCE]).values_list(
                "id", "slug", "name", "kind", "latitude", "longitude", "aliases"
            )
            places |= {pk: _whereabouts(*place, tuple(aliases)) for pk, *place, aliases in rows}
        unplaced = [target for target, where in places.items() if not where.drawable]
        known = KnownPlaces(weakref.ref(index), places, unplaced, index.tagged_with("location", unplaced))
        _known = known
    return known


@lru_cache(maxsize=PLACES_REMEMBERED)
def _whereabouts(slug: str, name: str, kind: str, latitude, longitude, aliases: tuple[str, ...]) -> Whereabouts:
    """A country by its outline, even when it has coordinates; any other place, or a country the atlas does not
    outline (a small territory), by its coordinates, if it has usable ones. Remembered by all it is worked out from,
    so that an index brought up to date finds its places again at once, and a place an editor changed anew."""
    country = country_named([name, *aliases]) if kind == "country" else None
    if country is not None:
        return Whereabouts(slug, name, kind, country=country, body=country.body)
    if not _usable(latitude, longitude):
        return Whereabouts(slug, name, kind)
    x, y = mercator(longitude, latitude)
    return Whereabouts(slug, name, kind, spot=(float(x), float(y)))


def _usable(latitude: float | None, longitude: float | None) -> bool:
    """Coordinates on the globe: the admin refuses others, but a backup, a script or the database may hold them."""
    if latitude is None or longitude is None or not (math.isfinite(latitude) and math.isfinite(longitude)):
        return False
    return -90 <= latitude <= 90 and -180 <= longitude <= 180


def _places(
    shown: list[int], counts: Counts, chosen: dict[int, set[str]], found: dict[int, Whereabouts]
) -> tuple[list[Place], dict[int, tuple[float, float]], dict[int, shapely.Geometry]]:
    """The places, with where on the plane each point falls and each country's largest part, by the place's number
    in the list."""
    places, spots, areas = [], {}, {}
    for target in shown:
        where = found[target]
        place = Place(where.slug, where.name, where.kind, counts[target], target in chosen)
        if where.country is not None:
            areas[len(places)] = where.body
            place.drawn, place.outline = "area", where.country.name
        elif where.spot is not None:
            spots[len(places)] = where.spot
            place.drawn = "point"
        places.append(place)
    return places, spots, areas


def _link(places: list[Place], ids: list[int], query: QueryDict, chosen: dict[int, set[str]], base: str) -> None:
    """Each place's link: the view with the place chosen, or no longer chosen if it was (by whichever of its
    addresses the view calls it); the rest of the query is the same for all, so it is encoded once."""
    in_query = query.getlist("location")
    rest = link(query, location=None).lstrip("?")
    kept = urlencode([("location", value) for value in in_query])
    for place, target in zip(places, ids, strict=True):
        if place.selected:
            locations = urlencode([("location", value) for value in in_query if value not in chosen[target]])
        else:
            locations = "&".join(part for part in (kept, f"location={quote(place.value)}") if part)
        place.url = f"{base}?{'&'.join(part for part in (locations, rest) if part)}"


def _view(spots: dict[int, tuple[float, float]], largest_parts: dict[int, shapely.Geometry]) -> View | None:
    """The view that holds every point and some part of every shaded country's largest part; with no point, those
    parts whole (not a country's islands across an ocean)."""
    bodies = list(largest_parts.values())
    if spots:
        xs, ys = np.array(list(spots.values())).T
        bounds = (xs.min(), ys.min(), xs.max(), ys.max())
        for body in bodies:
            if not body.intersects(shapely.box(*bounds)):
                # The country's point nearest to the others joins them: not the whole of a country half a world wide.
                x, y = shapely.get_coordinates(shapely.shortest_line(body, shapely.box(*bounds)))[0]
                bounds = (min(bounds[0], x), min(bounds[1], y), max(bounds[2], x), max(bounds[3], y))
    elif bodies:
        bounds = tuple(shapely.total_bounds(bodies))
    else:
        return None
    return _fitting(*bounds)


def _fitting(left: float, bottom: float, right: float, top: float) -> View:
    """The narrowest view, in the steps of zoom and position, that holds the rectangle with room for the largest
    circle; wider than the world when the rectangle runs from far north to far south."""
    needed = max(right - left, (top - bottom) * WIDTH / HEIGHT, NARROWEST) * 1.3
    steps = max(0, math.floor(math.log(360 / needed, ZOOM_STEP)))
    while True:
        span = 360 / ZOOM_STEP**steps
        grid = span / POSITION_STEPS
        centre_x = round((left + right) / 2 / grid) * grid
        centre_y = round((bottom + top) / 2 / grid) * grid
        view = View(round(centre_x - span / 2, 6), round(centre_y + span * HEIGHT / WIDTH / 2, 6), round(span, 6))
        room = LARGEST_RADIUS / view.scale
        holds = view.left + room <= left and right <= view.right - room
        if (holds and view.bottom + room <= bottom and top <= view.top - room) or steps <= -2:
            return view
        steps -= 1


@lru_cache(maxsize=256)
def _outlines(view: View) -> tuple[list[tuple[str, str]], tuple[float, float]]:
    """Each country in view as an SVG path freed of detail finer than a pixel, and how far the paths must move to
    stand in the view: a wide view's are drawn once for its zoom, whole, from the map's top left corner; a narrower
    one's are cut to the view."""
    margin = view.span / 50
    rectangle = (view.left - margin, view.bottom - margin, view.right + margin, view.top + margin)
    found = countries_within(*rectangle)
    every = countries()
    if view.span >= WIDE:
        left, top = View.of_the_world(view.span).on_map(np.array(view.left), np.array(view.top))
        paths = [(every[number].name, _whole_path(number, view.span)) for number in found]
        return [(name, path) for name, path in paths if path], (-round(float(left)), -round(float(top)))
    shapes = np.array([simplified(number, view.detail) for number in found], dtype=object)
    paths = _paths(shapely.clip_by_rect(shapes, *rectangle), view)
    return [(every[number].name, path) for number, path in zip(found, paths, strict=True) if path], (0, 0)


@lru_cache(maxsize=4096)
def _whole_path(number: int, span: float) -> str:
    whole = View.of_the_world(span)
    return _paths(np.array([simplified(number, whole.detail)], dtype=object), whole)[0]


def _paths(shapes: np.ndarray, view: View) -> list[str]:
    """Each shape's rings in whole pixels, as steps from their first point: "M12,40l3-1 0 2…z". Every point of
    every shape is placed at once, since a view of the world holds thousands of rings."""
    parts, shape_of_part = shapely.get_parts(shapes, return_index=True)
    rings, part_of_ring = shapely.get_rings(parts, return_index=True)
    coordinates, ring_of_point = shapely.get_coordinates(rings, return_index=True)
    if not len(coordinates):
        return ["" for _ in shapes]
    x, y = view.on_map(coordinates[:, 0], coordinates[:, 1])
    points = np.rint(np.column_stack([x, y])).astype(int)
    steps = np.diff(points, axis=0, prepend=points[:1])
    starts = np.flatnonzero(np.r_[True, np.diff(ring_of_point) != 0])
    moved = steps.any(axis=1).tolist()
    steps, points = steps.tolist(), points.tolist()
    found = [[] for _ in shapes]
    for start, end, ring in zip(
        starts.tolist(), [*starts[1:].tolist(), len(points)], ring_of_point[starts].tolist(), strict=True
    ):
        moves = [
            f"{dx} {dy}" for (dx, dy), step in zip(steps[start + 1 : end], moved[start + 1 : end], strict=True) if step
        ]
        if len(moves) >= 2:
            found[shape_of_part[part_of_ring[ring]]].append(
                f"M{points[start][0]},{points[start][1]}l{' '.join(moves)}z"
            )
    return ["".join(rings).replace(" -", "-") for rings in found]


def _draw_points(places: list[Place], spots: dict[int, tuple[float, float]], view: View) -> None:
    """Each point where it falls, its area (not its radius) growing with its count."""
    if not spots:
        return
    largest = max(places[number].count for number in spots)
    xs, ys = view.on_map(*np.array(list(spots.values())).T)
    for number, x, y in zip(spots, xs.tolist(), ys.tolist(), strict=True):
        place = places[number]
        place.x, place.y = round(x, 1), round(y, 1)
        share = math.sqrt(place.count / largest)
        place.radius = round(SMALLEST_RADIUS + (LARGEST_RADIUS - SMALLEST_RADIUS) * share, 1)


def _shade_areas(places: list[Place]) -> None:
    areas = [place for place in places if place.drawn == "area"]
    largest = max((place.count for place in areas), default=1)
    for place in areas:
        place.shade = max(1, math.ceil(SHADES * place.count / largest))


def _ring_the_smallest(
    places: list[Place], bodies: dict[int, shapely.Geometry], outlined: set[str], view: View
) -> None:
    """A country too small to leave a path at this zoom (an island state on a map of the world) is a small ring
    inside its outline, where it is, so that it is not lost."""
    for number, body in bodies.items():
        place = places[number]
        if place.outline in outlined:
            continue
        x, y = view.on_map(*shapely.get_coordinates(shapely.point_on_surface(body))[0])
        place.x, place.y, place.radius, place.drawn = round(float(x), 1), round(float(y), 1), SMALLEST_RADIUS, "point"


def _labels(points: list[Place]) -> list[Label]:
    """Names beside the largest points, where they overlap no name already written."""
    written, taken = [], []
    for place in sorted(points, key=lambda place: -place.count):
        width = 7 * len(place.label)
        box = (place.x + place.radius + 2, place.y - 8, place.x + place.radius + 2 + width, place.y + 6)
        if box[2] > WIDTH or box[1] < 0 or box[3] > HEIGHT:
            continue
        if any(box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3] for other in taken):
            continue
        taken.append(box)
        written.append(Label(place.label, box[0], place.y + 4))
        if len(written) == LABELS:
            break
    return written
