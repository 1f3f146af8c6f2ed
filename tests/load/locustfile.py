"""Readers when a story breaks: the timeline, its filters, single events and the widget, all at once."""

from __future__ import annotations

import random
import re
import urllib.request

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
