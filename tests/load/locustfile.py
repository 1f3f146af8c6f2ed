"""Readers when a story breaks: the timeline, its filters, single events and the widget, all at once; and editors
correcting the dates of the live blogs being ingested again meanwhile, each correction noted to be checked after."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import random
import re
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from locust import HttpUser, between, events, task

OPTION = re.compile(r'name="(actor|location|theme)" value="([^"]+)"')
BAR = re.compile(r"date_from=(\d{4}-\d\d-\d\d)&amp;date_to=(\d{4}-\d\d-\d\d)")
EVENT = re.compile(r'href="/events/(\d+)/"')
MORE = re.compile(r'class="more" href="([^"]+)"')
WORDS = ["drone", "talks", "strike", "border", "minister", "missile", "shelling", "sanctions"]
HTMX = {"HX-Request": "true"}

# What a reader could click, read off the timeline itself when the test starts.
targets: dict[str, list] = {"actor": [], "location": [], "theme": [], "bar": [], "event": []}


@events.test_start.add_listener
def read_targets(environment, **kwargs) -> None:
    for order in ("newest", "oldest"):
        with urllib.request.urlopen(f"{environment.host}/?order={order}", timeout=30) as response:
            page = response.read().decode()
        for name, value in OPTION.findall(page):
            targets[name].append(value)
        targets["bar"] += BAR.findall(page)
        targets["event"] += EVENT.findall(page)
    missing = [name for name, found in targets.items() if not found]
    if missing:
        raise RuntimeError(f"the timeline shows no {', '.join(missing)} to ask for: is the database filled?")


class Reader(HttpUser):
    wait_time = between(0.2, 1.0)

    @task(3)
    def timeline(self):
        self.client.get("/", name="/ (whole page)")

    @task(4)
    def one_filter(self):
        kind = random.choice(["actor", "location", "theme"])
        self.client.get(f"/?{kind}={random.choice(targets[kind])}", headers=HTMX, name=f"/?{kind}= (htmx)")

    @task(2)
    def two_kinds(self):
        actor, theme = random.choice(targets["actor"]), random.choice(targets["theme"])
        self.client.get(f"/?actor={actor}&theme={theme}", headers=HTMX, name="/?actor=&theme= (htmx)")

    @task(2)
    def dates(self):
        start, end = random.choice(targets["bar"])
        self.client.get(f"/?date_from={start}&date_to={end}", headers=HTMX, name="/?date_from=&date_to= (htmx)")

    @task(1)
    def words(self):
        self.client.get(f"/?q={random.choice(WORDS)}", headers=HTMX, name="/?q= (htmx)")

    @task(1)
    def next_page(self):
        with self.client.get("/", headers=HTMX, name="/ (htmx)", catch_response=True) as response:
            found = MORE.search(response.text)
            if not found:
                response.failure("no link to more events")
                return
        self.client.get("/" + found[1].replace("&amp;", "&"), headers=HTMX, name="/?cursor= (htmx)")

    @task(2)
    def widget(self):
        kind = random.choice(["actor", "location", "theme"])
        self.client.get(f"/embed/?{kind}={random.choice(targets[kind])}", name=f"/embed/?{kind}=")

    @task(2)
    def event(self):
        self.client.get(f"/events/{random.choice(targets['event'])}/", name="/events/<id>/")


# The editors' share of the events of the live blogs being ingested again (LIVE_EVENTS: their ids, one file), and
# what each correction set, written to CORRECTIONS when the test ends for the run to check against the database.
LIVE_EVENTS = json.loads(Path(os.environ["LIVE_EVENTS"]).read_text()) if os.environ.get("LIVE_EVENTS") else []
corrections: dict[int, str] = {}
in_flight: dict[int, str] = {}  # sent, no answer yet: a save the test's end cuts off may still land
refused: list[int] = []
editor_numbers = itertools.count()


class ChangeForm(HTMLParser):
    """A change form's fields as a browser would send them unchanged."""

    def __init__(self, page: str):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.fields.append((name, attrs.get("value") or ("on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = name
            self.fields.append((name, ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            name, value = self.fields.pop()
            self.fields.append((name, value + data))


class Editor(HttpUser):
    """Opens an event of a live blog, sets its date, saves; its own events only, so its last save must stand."""

    fixed_count = int(os.environ.get("EDITORS", 4))
    wait_time = between(0.5, 1.5)

    def on_start(self):
        number, editors = next(editor_numbers), max(1, self.fixed_count)
        self.events = [pk for index, pk in enumerate(LIVE_EVENTS) if index % editors == number]
        self.client.get("/admin/login/")
        self.client.post(
            "/admin/login/?next=/admin/",
            {
                "username": os.environ["EDITOR_NAME"],
                "password": os.environ["EDITOR_PASSWORD"],
                "csrfmiddlewaretoken": self.client.cookies["csrftoken"],
                "next": "/admin/",
            },
            name="/admin/login/",
        )

    @task
    def correct_a_date(self):
        if not self.events:
            return
        pk = random.choice(self.events)
        url = f"/admin/timeline/event/{pk}/change/"
        page = self.client.get(url, name="/admin/timeline/event/<id>/change/").text
        day = (dt.date(2024, 1, 1) + dt.timedelta(days=random.randrange(700))).isoformat()
        fields = [(k, v) for k, v in ChangeForm(page).fields if k != "editor_reported_on"]
        fields += [("editor_reported_on", day), ("_save", "Save")]
        in_flight[pk] = day
        with self.client.post(
            url,
            data=fields,
            name="/admin/timeline/event/<id>/change/ (save)",
            catch_response=True,
            allow_redirects=False,  # saved is the admin's redirect itself, not a message a later page shows
        ) as response:
            del in_flight[pk]
            if response.status_code == 302 and response.headers["Location"].endswith("/admin/timeline/event/"):
                corrections[pk] = day
            elif "Someone saved this since you opened it" in response.text:
                refused.append(pk)  # the ingest retagged it meanwhile: the editor is told, nothing is lost
            else:
                errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.text, re.S)
                response.failure(f"neither saved nor refused as stale: {response.status_code} {errors[:2]}")


@events.test_stop.add_listener
def note_corrections(environment, **kwargs) -> None:
    if os.environ.get("CORRECTIONS"):
        with open(os.environ["CORRECTIONS"], "w") as out:
            json.dump({"saved": corrections, "in_flight": in_flight, "refused_as_stale": len(refused)}, out)
