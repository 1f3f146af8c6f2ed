"""A synthetic corpus of news texts in the seeds' three layouts, for timing the ingest pipeline."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .ingest.stamps import MONTHS, WEEKDAYS

# (how a body sentence names them, how a headline does)
PEOPLE = [
    ("Ukrainian President Volodymyr Zelensky", "Zelensky"),
    ("Russian President Vladimir Putin", "Putin"),
    ("Nato Secretary General Mark Rutte", "Rutte"),
    ("Kremlin spokesman Dmitry Peskov", "Peskov"),
    ("Russian Foreign Minister Sergei Lavrov", "Lavrov"),
    ("Ukraine's Foreign Minister Andrii Sybiha", "Sybiha"),
    ("EU foreign policy chief Kaja Kallas", "Kallas"),
    ("French President Emmanuel Macron", "Macron"),
    ("German Chancellor Olaf Scholz", "Scholz"),
    ("Polish Prime Minister Donald Tusk", "Tusk"),
    ("Hungarian Prime Minister Viktor Orban", "Orban"),
    ("Belarusian leader Alexander Lukashenko", "Lukashenko"),
    ("IAEA Director General Rafael Grossi", "Grossi"),
    ("US Secretary of State Antony Blinken", "Blinken"),
    ("Ukraine's army chief Oleksandr Syrskyi", "Syrskyi"),
    ("British Defence Secretary John Healey", "Healey"),
    ("Finnish President Alexander Stubb", "Stubb"),
    ("Russian Defence Minister Andrei Belousov", "Belousov"),
]
BODIES = [
    "the Kremlin",
    "NATO",
    "the European Commission",
    "Ukraine's general staff",
    "Russia's defence ministry",
    "Ukraine's air force",
    "the UN human rights office",
    "the Institute for the Study of War",
    "Ukraine's energy ministry",
    "the regional military administration",
]
CITIES = ["Kyiv", "Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Sumy", "Kherson", "Mykolaiv", "Lviv", "Poltava"]
REGIONS = [
    "the Donetsk region",
    "the Kharkiv region",
    "the Zaporizhzhia region",
    "the Kursk region",
    "the Belgorod region",
    "the Luhansk region",
    "the Sumy region",
    "the Dnipropetrovsk region",
]
FRONT = ["Pokrovsk", "Chasiv Yar", "Toretsk", "Kurakhove", "Vuhledar", "Kupiansk", "Siversk", "Lyman", "Robotyne"]
VILLAGES = [
    "Novoselivka",
    "Krasnohorivka",
    "Ostrivske",
    "Illinka",
    "Petrivka",
    "Zhelanne",
    "Mykolaivka",
    "Vodiane",
    "Stepove",
    "Hrodivka",
    "Orlivka",
    "Tonenke",
    "Kalynove",
    "Lozuvatske",
]
CAPITALS = ["Moscow", "Brussels", "Washington", "Berlin", "Warsaw", "Paris", "London", "Minsk", "Vilnius", "Geneva"]
WEAPONS = ["drone", "missile", "glide bomb", "artillery shell", "ballistic missile", "cruise missile"]
TARGETS = [
    "a residential building",
    "a power substation",
    "a grain terminal",
    "a railway depot",
    "a shopping centre",
    "a hospital",
    "a school gym",
    "a gas storage site",
    "a fuel depot",
    "a bridge",
]
TOPICS = [
    "security guarantees",
    "a possible ceasefire",
    "frozen Russian assets",
    "long-range missiles",
    "winter energy support",
    "Ukraine's bid to join the alliance",
    "sanctions on Russian oil",
    "a prisoner exchange",
    "the safety of the Zaporizhzhia nuclear plant",
    "air defence deliveries",
    "grain exports across the Black Sea",
]
ASKS = [
    "allies to speed up air defence deliveries",
    "partners to lift limits on long-range strikes",
    "the EU to agree a new sanctions package",
    "Washington to keep military aid flowing",
    "Europe to spend more on defence",
    "the UN to send monitors to the nuclear plant",
]
CLAIMS = [
    "Russia is not interested in peace",
    "talks on security guarantees made progress",
    "the front line is holding despite heavy assaults",
    "sanctions are hurting the Russian economy",
    "Moscow is ready to talk on its own terms",
    "the West is prolonging the war",
    "air defence saved hundreds of lives this week",
    "no ceasefire is possible without Ukraine at the table",
]
QUOTES = [
    "We need air defence now, not next spring",
    "Every day of delay is paid for with Ukrainian lives",
    "Our troops are holding the line, but the pressure is enormous",
    "There will be no decision about Ukraine without Ukraine",
    "Moscow has shown no sign that it wants this war to end",
    "We are ready for talks, but not for capitulation",
    "The situation at the front remains difficult but under control",
    "The people of this city have spent another night in shelters",
    "What we saw this morning was a deliberate attack on civilians",
    "Our support will last as long as it takes",
]
SUBJECT_BODIES = ["Kremlin", "Nato", "Kyiv", "Moscow", "EU", "Pentagon", "UN", "G7", "Ukraine's army", "Russia"]
ACCUSATIONS = [
    "stalling peace efforts",
    "hiding casualty figures",
    "sabotage on European railways",
    "deporting children from occupied areas",
    "nuclear blackmail",
    "breaking a promised truce",
    "jamming GPS over the Baltic",
    "striking rescuers in a double-tap attack",
]
PROPOSALS = [
    "calls for a winter truce",
    "peace plan drafted by mediators",
    "talks with Moscow before elections",
    "demand to withdraw troops from the east",
    "prisoner swap terms",
    "cap on Russian oil prices",
]
VOWS = [
    "rebuild the power grid before winter",
    "keep the grain corridor open",
    "answer every strike on civilians",
    "stand by Kyiv for as long as it takes",
    "double shell production next year",
    "bring deported children home",
]
OFFICIALS = [
    "deputy defence minister",
    "regional governor",
    "air defence commander",
    "procurement chief",
    "army spokesman",
]
FAILURES = [
    "drone factory fire",
    "corruption probe",
    "losses near the border",
    "failed counteroffensive",
    "spy scandal",
]
REPORTERS = ["Olena Marchuk", "Tom Ashworth", "Priya Nair", "Daniel Kovac", "Sarah Whitfield", "Marek Zielinski"]
AGENCIES = ["Reuters", "AP", "AFP", "Ukrinform"]
RELATED = ("You might also like", "Related stories", "Most read", "More on this story")


@dataclass
class SyntheticDocument:
    name: str
    layout: str  # the layout it was written in: "liveblog", "roundup" or "article"
    text: str
    entries: int  # news entries written, reposts included
    reposts: int  # entries posted a second time
    posted: list[dt.datetime] = field(default_factory=list)  # a live blog's entry times, in reading order


def synthetic_corpus(total_bytes: int, seed: int = 0) -> list[tuple[str, str]]:
    """(file name, text) pairs adding up to at least `total_bytes` of UTF-8; the same corpus for the same seed."""
    return [(doc.name, doc.text) for doc in synthetic_documents(total_bytes, seed)]


def synthetic_documents(total_bytes: int, seed: int = 0) -> list[SyntheticDocument]:
    """The corpus with what each document was written as, to check what the parser makes of it."""
    rng = random.Random(seed)
    documents: list[SyntheticDocument] = []
    size = 0
    while size < total_bytes:
        writer = _Writer(rng)
        layout = rng.choices(["liveblog", "roundup", "article"], weights=[40, 35, 25])[0]
        text, entries, reposts = getattr(writer, layout)()
        name = f"{len(documents):04d}_{layout}.txt"
        documents.append(SyntheticDocument(name, layout, text, entries, reposts, writer.posted))
        size += len(text.encode("utf-8"))
    return documents


# Documents built to expose work that grows faster than the text: one endless line, and pathological repeats of
# what the parser looks for (clocks, weekdays, halves of the day, dates, credits, abbreviations, entries).
HOSTILE_UNITS = {
    "one line of prose": "the convoy reached the city late and officials said nothing more ",
    "clock figures 12:12:12:...": "12:12:",
    "weekdays Monday, Monday, ...": "Monday, ",
    "halves of the day a.m. a.m. ...": "a.m. ",
    "halves of the day in capitals A.M. A.M. ...": "A.M. ",
    "capital letters": "A",
    "full dates": "5 December 2024 ",
    "a sign-up ask, quoted at the end": "newsletter ",
    "abbreviations U.S. U.S. ...": "U.S. ",
    "tiny live-blog entries": "{n:02d}:{n:02d}\nHeadline number {n} of the day\nBody {n}.\n",
}


def hostile_corpus(size: int) -> list[tuple[str, str]]:
    """(name, text) pairs, each about `size` bytes long."""
    corpus = []
    for name, unit in HOSTILE_UNITS.items():
        repeats = size // len(unit.format(n=0)) + 1
        text = "".join(unit.format(n=n % 24) for n in range(repeats))[:size]
        corpus.append((name, text[: size - 4] + "said" if "quoted" in name else text))
    return corpus


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _uncap(text: str) -> str:
    return text[:1].lower() + text[1:]


def _long_day(day: dt.date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass
class _Entry:
    headline: str
    body: list[str]


class _Writer:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.headlines: list[tuple[str, set[str]]] = []
        self.posted: list[dt.datetime] = []

    def pick(self, items):
        return self.rng.choice(items)

    def n(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def some_day(self) -> dt.date:
        return dt.date(2022, 3, 1) + dt.timedelta(days=self.n(0, 1200))

    # -- words ----------------------------------------------------------------------------------------

    def person(self) -> tuple[str, str]:
        return self.pick(PEOPLE)

    def speaker(self) -> str:
        return self.person()[0] if self.rng.random() < 0.6 else self.pick(BODIES)

    def place(self) -> str:
        return self.pick([*CITIES, *REGIONS, *FRONT])

    def when(self, day: dt.date) -> str:
        """A phrase placing what happened relative to `day`, the day it is reported; sometimes none."""
        back = day - dt.timedelta(days=self.n(0, 3))
        weekday = WEEKDAYS[back.weekday()]
        return self.pick(
            [
                f"on {weekday}",
                f"on {weekday}",
                f"late on {weekday}",
                f"early on {weekday}",
                f"on {weekday} night",
                "yesterday",
                "last night",
                "earlier today",
                "this morning",
                "overnight",
                "two days ago",
                f"on {back.day} {MONTHS[back.month - 1]}",
                f"on {MONTHS[back.month - 1]} {back.day}",
                "",
                "",
            ]
        )

    def clause(self) -> str:
        """Something that happened, as reported speech."""
        short = self.person()[1]
        return self.pick(
            [
                f"Russian forces had launched {self.n(12, 190)} drones and {self.n(2, 40)} missiles at {self.place()}",
                f"Ukrainian troops had repelled {self.n(3, 60)} assaults near {self.pick(FRONT)}",
                f"the strike had damaged {self.pick(TARGETS)} in {self.pick(CITIES)}",
                f"{short} had discussed {self.pick(TOPICS)} with officials in {self.pick(CAPITALS)}",
                f"Moscow had no intention of halting its offensive in {self.pick(REGIONS)}",
                f"{self.n(40, 900)} civilians had been evacuated from villages around {self.pick(FRONT)}",
                f"Russian units had advanced up to {self.n(2, 9)} kilometres west of {self.pick(VILLAGES)}",
                f"a new aid package worth ${self.n(100, 990)}m had been approved for Kyiv",
                f"power had been restored to {self.n(20, 95)},000 homes in {self.pick(CITIES)}",
            ]
        )

    def sentence(self, day: dt.date) -> str:
        when = self.when(day)
        full, short = self.person()
        kind = self.n(0, 11)
        if kind <= 1:
            return f"{_cap(self.speaker())} said {when + ' ' if when else ''}that {self.clause()}."
        if kind == 2 and when:
            return f"{_cap(when)}, {self.clause()}, {self.speaker()} said."
        if kind == 3:
            return f"“{self.pick(QUOTES)},” {short} told reporters in {self.pick(CAPITALS)}."
        if kind == 4:
            capital, weekday = self.pick(CAPITALS), self.pick(WEEKDAYS)
            return f"{full} will travel to {capital} on {weekday} for talks on {self.pick(TOPICS)}."
        if kind == 5:
            return self.pick(
                [
                    "Russia launched its full-scale invasion of Ukraine on 24 February 2022.",
                    f"{self.pick(FRONT)} has been under near-constant bombardment since the spring.",
                    "The claims could not be independently verified.",
                    f"Moscow claims to have annexed {self.pick(REGIONS)}, a claim Kyiv and its allies reject.",
                    f"{short} did not respond to a request for comment.",
                ]
            )
        if kind == 6:
            weapon, target, place = self.pick(WEAPONS), self.pick(TARGETS), self.pick(CITIES)
            when = f" {when}" if when else ""
            return (
                f"At least {self.n(1, 14)} people were killed and {self.n(2, 60)} wounded when a Russian {weapon} "
                f"hit {target} in {place}{when}, the regional governor said."
            )
        if kind == 7:
            return (
                f"Ukraine's air force said {when + ' ' if when else ''}that it had shot down {self.n(20, 80)} of "
                f"{self.n(81, 160)} drones launched overnight, while others were lost to electronic jamming."
            )
        if kind == 8:
            return f"{_cap(self.speaker())} has warned that {_uncap(self.pick(CLAIMS))}, and {self.clause()}."
        if kind == 9:
            return (
                f"Speaking in {self.pick(CAPITALS)} {when or 'after the meeting'}, {short} said talks on "
                f"{self.pick(TOPICS)} had been {self.pick(['constructive', 'difficult', 'frank', 'long'])}."
            )
        return f"{_cap(self.clause())}{' ' + when if when else ''}, according to {self.speaker()}."

    def paragraph(self, day: dt.date) -> str:
        return " ".join(self.sentence(day) for _ in range(self.n(1, 4)))

    def headline(self, media: bool = False) -> str:
        """One unlike the page's earlier headlines: two stories under near-identical headlines are rare in print."""
        for _ in range(40):
            candidate = self.media_headline() if media else self.news_headline()
            key = candidate.lower()
            words = set(key.split())
            # The parser's own test for a re-headlined repeat, a little stricter: shared words, then likeness.
            if not any(
                len(words & old_words) * 2 >= min(len(words), len(old_words))
                and SequenceMatcher(None, key, old, autojunk=False).ratio() >= 0.7
                for old, old_words in self.headlines
            ):
                break
        self.headlines.append((key, words))
        return candidate

    def subject(self) -> str:
        return self.pick([*(short for _, short in PEOPLE), *SUBJECT_BODIES])

    def news_headline(self) -> str:
        subject, other, city, front = self.subject(), self.subject(), self.pick(CITIES), self.pick(FRONT)
        core = self.pick(
            [
                f"{subject} {self.pick(['urges', 'calls on', 'presses'])} {self.pick(ASKS)}",
                f"Russian {self.pick(WEAPONS)} attack on {city} kills {self.n(2, 15)}",
                f"{subject} says {self.pick(CLAIMS)}",
                f"Russia claims capture of {self.pick(VILLAGES)} near {front}",
                f"Ukraine downs {self.n(20, 90)} drones as {city} comes under {self.pick(WEAPONS)} fire",
                f"{subject} meets {other} in {self.pick(CAPITALS)} for talks on {self.pick(TOPICS)}",
                f"{subject} warns of new offensive in {self.pick(REGIONS)}",
                f"Blackouts in {city} after strike on {self.pick(TARGETS)}",
                f"{self.pick(CAPITALS)} pledges ${self.n(100, 900)}m in aid as {subject} visits",
                f"Explained: Why is {front} so important to {self.pick(['Moscow', 'Kyiv'])}?",
                f"Evacuations ordered around {front} as Russian troops close in",
                f"{subject} accuses {other} of {self.pick(ACCUSATIONS)}",
                f"{subject} rejects {self.pick(PROPOSALS)}",
                f"{subject} vows to {self.pick(VOWS)}",
                f"Drone debris sparks fire at {self.pick(TARGETS)[2:]} in {city}",
                f"{subject} sacks {self.pick(OFFICIALS)} after {self.pick(FAILURES)}",
                f"Train services halted in {self.pick(REGIONS)} after {self.pick(WEAPONS)} strike",
                f"{subject} and {other} agree on {self.pick(TOPICS)} after talks in {self.pick(CAPITALS)}",
            ]
        )
        tail = self.pick(
            [
                "",
                "",
                "",
                ", officials say",
                " – report",
                f" as fighting rages near {self.pick(FRONT)}",
                " as sirens sound",
            ]
        )
        return core + ("" if core.endswith("?") else tail)

    def media_headline(self) -> str:
        scene = self.pick(
            [
                f"aftermath of {self.pick(WEAPONS)} strike on {self.pick(CITIES)}",
                f"{self.subject()} arrives in {self.pick(CAPITALS)}",
                f"{self.subject()} speaks after talks on {self.pick(TOPICS)}",
                f"residents of {self.pick(CITIES)} shelter in metro stations",
                f"Ukrainian artillery crews near {self.pick(FRONT)}",
            ]
        )
        return f"{self.pick(['Watch', 'Pictured', 'Video'])}: {_cap(scene)}"

    def credited_caption(self) -> str:
        scene = f"Rescuers work at the site of a {self.pick(WEAPONS)} strike in {self.pick(CITIES)}"
        return self.pick([f"{scene} | Photo: {self.pick(AGENCIES)}", f"{scene} Copyright {self.pick(AGENCIES)}"])

    def links(self) -> list[str]:
        return [self.pick(RELATED), *(self.headline() for _ in range(self.n(3, 6)))]

    def donation_ask(self) -> list[str]:
        if self.rng.random() < 0.5:
            return [
                "Your support helps us to tell the story",
                "Our correspondents report from the front lines and from the capitals where the war is argued "
                "over, and they stay long after the cameras leave.",
                "Reporting like this costs money, and we keep it free for everyone to read.",
                "Your support makes all the difference.",
            ]
        return [
            "Before you go",
            "Independent reporting on the war depends on readers who can afford to chip in.",
            "Support us today.",
        ]

    # -- layouts --------------------------------------------------------------------------------------

    def liveblog(self) -> tuple[str, int, int]:
        """Newest entry first; today's stamps show only the time, earlier days' the full date."""
        target = self.n(30_000, 60_000)
        latest = dt.datetime.combine(self.some_day(), dt.time(self.n(5, 13), self.n(0, 59)))
        authors = self.rng.sample(REPORTERS, self.n(1, 3))
        posts: list[tuple[dt.datetime, _Entry]] = []  # oldest first, built backwards from the latest
        at, size, reposts = latest, 0, 0
        while size < target:
            # Quiet at night, busy by day.
            at -= dt.timedelta(minutes=self.n(40, 120) if at.hour < 6 else self.n(8, 45))
            posts.insert(0, (at, self.live_entry(at.date())))
            size += len(posts[0][1].headline) + sum(len(p) for p in posts[0][1].body) + 40
        # A blog re-posts some entries later on, word for word.
        for index in range(6, len(posts)):
            if self.rng.random() < 0.06:
                posts[index] = (posts[index][0], posts[self.n(max(0, index - 30), index - 3)][1])
                reposts += 1
        lines = [f"Ukraine-Russia war latest: {self.headline()}", self.headline(), *self.donation_ask()]
        if lines[-1].endswith("difference.") and self.rng.random() < 0.5:
            # Scrapers often glue the ask's last line to the lede.
            lines[-1] += self.paragraph(latest.date())
        lines += [self.paragraph(latest.date()) for _ in range(self.n(2, 5))]
        lines.append("Key Points")
        for _, entry in posts[-1:-4:-1]:
            lines += ["-", entry.headline]
        self.posted = [when for when, _ in reversed(posts)]
        for index, (when, entry) in enumerate(reversed(posts)):
            clock = f"{when:%H:%M}"
            stamp = clock if when.date() == latest.date() else f"{_long_day(when.date())} {clock}"
            lines += [entry.headline, f"{stamp} , {authors[when.hour * len(authors) // 24]}", *entry.body]
            if index and index % 25 == 0 and self.rng.random() < 0.5:
                lines += self.donation_ask()
        lines += [*self.links(), "Share this article", "Comments"]
        return "\n".join(lines) + "\n", len(posts), reposts

    def live_entry(self, day: dt.date) -> _Entry:
        roll = self.rng.random()
        if roll < 0.1:
            return _Entry(self.headline(media=True), [self.credited_caption()] if roll < 0.04 else [])
        body = [self.paragraph(day) for _ in range(self.n(1, 5))]
        if roll < 0.14:
            body.insert(1, self.credited_caption())
        elif roll < 0.17 and len(body) > 1:
            # A related-links card inside an entry, with the entry's text going on below it.
            body[1:1] = self.links()[:3]
        return _Entry(self.headline(), body)

    def roundup(self) -> tuple[str, int, int]:
        """A title, the page's date, then headline after headline, each with a few paragraphs."""
        target = self.n(20_000, 40_000)
        day = self.some_day()
        published = f"Published {MONTHS[day.month - 1]} {day.day}, {day.year}"
        euronews = self.rng.random() < 0.4
        lines = [f"Ukraine updates: {self.headline()}"]
        entries = 0
        if euronews:
            lines += [self.credited_caption(), f"By Euronews with {self.pick(AGENCIES)}", published]
            lines += ["Share this article", "Comments", "All the latest developments from the war in Ukraine."]
        else:
            summary = self.rng.random() < 0.6
            lines.append(published + ("What you need to know" if summary else ""))
            lede = [self.sentence(day) for _ in range(self.n(3, 6))]
            lines += lede if summary else [" ".join(lede)]
            entries += not summary
            lines.append(
                f"Here are more headlines concerning Russia's war in Ukraine on {WEEKDAYS[day.weekday()]}, "
                f"{MONTHS[day.month - 1]} {day.day}:"
            )
        size = sum(len(line) for line in lines)
        while size < target:
            section = [self.headline()]
            if self.rng.random() < 0.15:
                section.append(self.credited_caption())
            section += [self.paragraph(day) for _ in range(self.n(2, 5))]
            if self.rng.random() < 0.1:
                section.append("Advertisement")
            lines += section
            entries += 1
            size += sum(len(line) for line in section)
        lines += [*self.links(), "Share this article"]
        return ("\n\n" if euronews else "\n").join(lines) + "\n", entries, 0

    def article(self) -> tuple[str, int, int]:
        """A headline and its story; some carry their date, some leave it to the reader."""
        target = self.n(10_000, 22_000)
        day = self.some_day()
        lines = [self.headline()]
        if self.rng.random() < 0.5:
            lines.append(f"By {self.pick(REPORTERS)}")
        if self.rng.random() < 0.6:
            lines.append(f"Published {day.day} {MONTHS[day.month - 1]} {day.year}")
        lines.append(self.credited_caption())
        while sum(len(line) for line in lines) < target:
            lines.append(self.paragraph(day))
            if self.rng.random() < 0.04:
                lines += ["Read more here:", self.headline()]
        return "\n".join(lines) + "\n", 1, 0
