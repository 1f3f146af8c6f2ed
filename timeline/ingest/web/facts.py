"""What a page says of itself in machine-readable form: schema.org JSON-LD and microdata, Open Graph, `<link>`.

    read_facts(tree, url) -> PageFacts

Pages are careless with it: JSON-LD with `//` comments, raw newlines or HTML entities inside, types given as lists,
`@graph` wrappers, dates with or without a zone. Whatever cannot be read is left out, never guessed.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass, field
from urllib.parse import urljoin

import chompjs
from extruct.opengraph import OpenGraphExtractor
from extruct.w3cmicrodata import MicrodataExtractor
from lxml.html import HtmlElement

LIVE_TYPES = {"LiveBlogPosting"}
# What a page may report on: its start is a day the reports are about.
EVENT_TYPES = {"Event", "SportsEvent", "BroadcastEvent", "SocialEvent", "PublicationEvent"}
ARTICLE_TYPES = {
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "WebPage",
}


@dataclass(frozen=True)
class Update:
    """One live-blog update as the page's structured data lists it."""

    posted: dt.datetime | None
    headline: str
    body: str


@dataclass
class PageFacts:
    title: str = ""
    outlet: str = ""
    url: str = ""
    language: str = ""
    kind: str = ""  # "liveblog" when the page declares itself one, "article" when it declares an article
    published: dt.datetime | None = None
    modified: dt.datetime | None = None
    event_day: dt.date | None = None  # the day the event the page reports began
    updates: list[Update] = field(default_factory=list)


def read_facts(tree: HtmlElement, url: str = "") -> PageFacts:
    nodes = [*_json_ld_nodes(tree), *_microdata_nodes(tree, url)]
    facts = PageFacts()
    _read_metadata(tree, facts, url)
    for node in nodes:
        types = _types(node)
        if types & LIVE_TYPES:
            facts.kind = "liveblog"
            facts.updates.extend(_updates(node))
        elif types & ARTICLE_TYPES and "WebPage" not in types and not facts.kind:
            facts.kind = "article"
        if types & ARTICLE_TYPES:
            _read_article(node, facts, main="WebPage" not in types)
        if types & EVENT_TYPES and facts.event_day is None:
            start = parse_moment(_first(node.get("startDate")))
            facts.event_day = start.date() if start else None
    facts.title = facts.title or _text(tree.findtext(".//title"))  # a tab's title, often with the site's name
    return facts


def parse_moment(value: object) -> dt.datetime | None:
    """An ISO 8601 date and time as pages write it ("2023-11-02T16:48Z", "+0000", a space for the T); None else."""
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(html.unescape(value).strip())
    except ValueError:
        return None


def _read_metadata(tree: HtmlElement, facts: PageFacts, url: str) -> None:
    graph = _open_graph(tree)
    facts.outlet = graph.get("og:site_name", "")
    facts.title = graph.get("og:title", "")
    canonical = tree.xpath("//link[@rel='canonical']/@href") or [graph.get("og:url", "")]
    facts.url = urljoin(url, canonical[0].strip()) if canonical[0].strip() else url
    facts.language = _language(tree, graph)
    for name, attribute in (("published", "article:published_time"), ("modified", "article:modified_time")):
        meta = tree.xpath(f"//meta[@property='{attribute}']/@content")
        if meta and parse_moment(meta[0]):
            setattr(facts, name, parse_moment(meta[0]))


def _read_article(node: dict, facts: PageFacts, main: bool) -> None:
    """An article node's dates, title and outlet; an article's own over a page's, the first of each over later."""
    for name, key in (("published", "datePublished"), ("modified", "dateModified")):
        moment = parse_moment(_first(node.get(key)))
        if moment and (main or getattr(facts, name) is None):
            setattr(facts, name, moment)
    facts.title = facts.title or _text(_first(node.get("headline")))
    publisher = _first(node.get("publisher"))
    if isinstance(publisher, dict):
        facts.outlet = facts.outlet or _text(_first(publisher.get("name")))
    facts.language = facts.language or _text(_first(node.get("inLanguage")))


def _updates(node: dict) -> list[Update]:
    updates = node.get("liveBlogUpdate") or []
    if isinstance(updates, dict):
        updates = [updates]
    return [
        Update(
            posted=parse_moment(_first(update.get("datePublished"))),
            headline=_text(_first(update.get("headline"))),
            body=_text(_first(update.get("articleBody"))),
        )
        for update in updates
        if isinstance(update, dict)
    ]


def _json_ld_nodes(tree: HtmlElement) -> list[dict]:
    nodes: list[dict] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        data = _tolerant_json(script.text or "")
        nodes.extend(_flatten(data))
    return nodes


def _tolerant_json(source: str) -> object:
    """JSON-LD as pages write it: strict JSON first, then a JavaScript-object reader for comments and stray
    newlines, then the same after HTML entities are undone; None when none reads it."""
    source = source.strip()
    if not source:
        return None
    for attempt in (source, html.unescape(source)):
        try:
            return json.loads(attempt, strict=False)
        except ValueError:
            pass
        try:
            return chompjs.parse_js_object(attempt, loader_kwargs={"strict": False})
        except (ValueError, TypeError):
            pass
    return None


def _flatten(data: object) -> list[dict]:
    """Every schema.org node in a JSON-LD document: lists and `@graph` opened."""
    if isinstance(data, list):
        return [node for item in data for node in _flatten(item)]
    if not isinstance(data, dict):
        return []
    if "@graph" in data:
        return _flatten(data["@graph"])
    return [data]


def _microdata_nodes(tree: HtmlElement, url: str) -> list[dict]:
    """Microdata items in JSON-LD's shape, so one reader serves both."""
    try:
        items = MicrodataExtractor().extract_items(tree, url)
    except Exception:  # noqa: BLE001 -- broken microdata must not stop the reading of the text
        return []
    return [_as_json_ld(item) for item in items]


def _as_json_ld(item: dict) -> dict:
    node = {"@type": [t.rsplit("/", 1)[-1] for t in _list(item.get("type"))]}
    for key, value in (item.get("properties") or {}).items():
        node[key] = [_as_json_ld(v) if isinstance(v, dict) and "type" in v else v for v in _list(value)]
    return node


def _open_graph(tree: HtmlElement) -> dict[str, str]:
    try:
        found = OpenGraphExtractor().extract_items(tree)
    except Exception:  # noqa: BLE001 -- as for microdata
        return {}
    properties: dict[str, str] = {}
    for namespace in found:
        for key, value in namespace.get("properties", []):
            properties.setdefault(key, _text(value))
    return properties


def _language(tree: HtmlElement, graph: dict[str, str]) -> str:
    declared = tree.get("lang") or graph.get("og:locale", "")
    return declared.strip().replace("_", "-")[:35]


def _types(node: dict) -> set[str]:
    return {str(t).rsplit("/", 1)[-1] for t in _list(node.get("@type"))}


def _list(value: object) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _first(value: object) -> object:
    return value[0] if isinstance(value, list) and value else value


def _text(value: object) -> str:
    """A string value, entities undone and white space closed up."""
    return " ".join(html.unescape(value).split()) if isinstance(value, str) else ""
