"""The editors' forms: an event's date, a date for many events at once, a document added by hand, and lists of
spellings or examples written one per line."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminDateWidget, AdminTimeWidget
from django.forms.models import model_to_dict
from django.utils.html import format_html, format_html_join

from timeline.fetching import FetchFailed, check_address
from timeline.ingest.dates import long_date
from timeline.ingest.files import UnreadableDocument, check_size, decode_document
from timeline.ingest.zones import editor_zone, editor_zones, is_known_zone, zone_like
from timeline.models import PRECISION_CHOICES, Document, Event, validate_reported_day
from timeline.store.documents import digest

# What an uploaded file may be in, as an editor knows the encodings.
ENCODINGS = {"utf-8": "UTF-8", "cp1252": "Windows-1252 (Western European)", "latin-1": "Latin-1 (ISO-8859-1)"}
TIME_MESSAGES = {"invalid": "Not a real time: enter it as HH:MM, for example 08:30."}
ZONE_HELP = "An IANA name such as Europe/Kyiv or UTC, or its city (Kyiv); empty: the document's zone."
ISO_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


class DayField(forms.DateField):
    """A day typed as YYYY-MM-DD, and only so: "03/04/2024" is two different days to two editors, so it is refused
    by name rather than read as either."""

    widget = AdminDateWidget

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            text = str(value).strip()
            if ISO_DAY.fullmatch(text):
                raise forms.ValidationError(
                    "Not a real date: enter it as YYYY-MM-DD, for example 2023-09-16.", code="invalid"
                ) from None
            raise forms.ValidationError(
                "Enter the date as YYYY-MM-DD, for example 2023-09-16, not as “%(text)s”.",
                code="invalid",
                params={"text": text[:40]},
            ) from None


class LinesField(forms.Field):
    """A list of short texts (spellings, examples) written one per line, as an editor writes them, not as JSON.
    Blank lines and repeats are dropped."""

    widget = forms.Textarea(attrs={"rows": 8, "class": "vLargeTextField"})

    def __init__(self, *, encoder=None, decoder=None, **kwargs):  # what a JSONField offers its form field
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value) -> list[str]:
        lines = value if isinstance(value, list | tuple) else (value or "").splitlines()
        if any("\x00" in line for line in lines):  # PostgreSQL stores no such character
            raise forms.ValidationError("A line holds a null character; type the text again.", code="null_characters")
        return list(dict.fromkeys(line.strip() for line in lines if line.strip()))


class ZoneInput(forms.TextInput):
    """A text box that offers the IANA zones as the editor types (a city's name finds its zone too)."""

    def __init__(self, attrs=None):
        super().__init__({"list": "iana-zones", "autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        return super().render(name, value, attrs, renderer) + zone_list()


@cache
def zone_list() -> str:
    options = format_html_join("", '<option value="{}">', ((name,) for name in editor_zones()))
    return format_html('<datalist id="iana-zones">{}</datalist>', options)


class ZoneField(forms.CharField):
    """A time zone by its IANA name, in any case, or by its city; anything else is refused with the zone it is most
    like, if one is."""

    widget = ZoneInput

    def clean(self, value):
        text = super().clean(value).strip()
        if not text:
            return text
        if found := editor_zone(text):
            return found
        like = zone_like(text)
        hint = f" Did you mean {like}?" if like else " Use a name such as Europe/Kyiv or UTC, or a city such as Kyiv."
        raise forms.ValidationError(f"“{text[:64]}” is not a time zone.{hint}", code="unknown_zone")


def date_problems(
    reported_on: dt.date | None,
    time: dt.time | None,
    timezone: str,
    precision: str,
    occurred_on: dt.date | None,
    found_reported_on: dt.date | None = None,
) -> dict[str, str]:
    """What cannot be right in a date an editor gives, by the part to fix; `found_reported_on` is the date the
    machine found, which stands when the editor gives only when it happened."""
    problems = {}
    if time and not reported_on:
        problems["time"] = "A time needs a date: enter the day it was reported as well."
    if timezone and not is_known_zone(timezone):
        problems["timezone"] = f"“{timezone}” is not a time zone name such as Europe/Kyiv or UTC."
    elif timezone and not time:
        problems["timezone"] = "A time zone needs a time: enter the time too, or leave the zone empty."
    if precision and not reported_on:
        problems["precision"] = "A precision needs a date: enter the day it was reported as well."
    elif precision == "minute" and not time:
        problems["precision"] = "“minute” needs a time: enter it, or choose “day”."
    reported = reported_on or found_reported_on
    if occurred_on and reported and occurred_on > reported:
        problems["occurred_on"] = (
            f"It cannot have happened ({long_date(occurred_on)}) after it was reported ({long_date(reported)})."
        )
    return problems


class RepeatSelect(forms.NullBooleanSelect):
    """The three answers to "is it a repeat?", in the editor's words."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [
            ("unknown", "As the machine found"),
            ("true", "Yes: a repeat of the event chosen below"),
            ("false", "No: not a repeat"),
        ]


# The event form's field for each part `date_problems` names.
EVENT_DATE_FIELDS = {
    "time": "editor_reported_time",
    "timezone": "editor_timezone",
    "precision": "editor_precision",
    "occurred_on": "editor_occurred_on",
}


class UnchangedSinceOpened(forms.ModelForm):
    """An admin form that refuses to save over what someone else saved since it was opened (an optimistic lock).

    The form carries a fingerprint of the fields editors own as they were when it was shown. If the row has changed
    since, it is not saved: the message shows their value and this form's for each field that differs, and the
    fingerprint moves on, so sending the form again means "mine, over theirs", on purpose.
    """

    seen = forms.CharField(widget=forms.HiddenInput, required=False)
    STALE = "Someone saved this since you opened it; nothing of yours was saved."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["seen"] = self._fingerprint()

    def clean(self):
        data = super().clean()
        now = self._fingerprint()
        if self.instance.pk and data.get("seen") != now:
            differences = [
                f"{self.fields[name].label or name.replace('_', ' ')}: theirs “{self._shown(self.initial.get(name))}”, "
                f"yours “{self._shown(data.get(name))}”"
                for name in self._owned()
                if self._shown(self.initial.get(name)) != self._shown(data.get(name))
            ]
            detail = "; ".join(differences) or "their changes match yours"
            self.add_error(None, f"{self.STALE} {detail}. Send the form again to save yours over theirs.")
            self.data = self.data.copy()
            self.data[self.add_prefix("seen")] = now
        return data

    def _owned(self) -> list[str]:
        return [name for name in self.fields if name != "seen"]

    def _fingerprint(self) -> str:
        """The editor-owned state of the row as the database holds it now, as a short digest."""
        if not self.instance.pk:
            return ""
        row = type(self.instance).objects.get(pk=self.instance.pk)
        values = [(name, self._shown(model_to_dict(row, fields=[name]).get(name))) for name in self._owned()]
        return digest(repr(values))[:16]

    @staticmethod
    def _shown(value) -> str:
        if value is None or value == "":
            return "—"
        if hasattr(value, "__iter__") and not isinstance(value, str):  # tags: a list, or a queryset once cleaned
            return ", ".join(sorted(str(getattr(item, "pk", item)) for item in value)) or "—"
        return str(getattr(value, "pk", value))


class DocumentForm(UnchangedSinceOpened):
    """A document in the admin: its date, which only an editor sets, and what it is (title, outlet, address,
    language), which an editor may correct; guarded against a stale form."""

    class Meta:
        model = Document
        fields = ["editor_published", *Document.METADATA]
        field_classes = {"editor_published": DayField}
        widgets = {"title": forms.TextInput(attrs={"size": 90})}
        help_texts = {
            "title": "As the text gives it; yours, once you change it, is kept over later ingests. So are the others.",
        }

    url = forms.URLField(
        label="Address",
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=Document.url.field.help_text,
        widget=forms.URLInput(attrs={"size": 90}),
    )

    def metadata_set(self) -> list[str]:
        """The metadata fields an editor has set, this time or before: no ingest writes over them."""
        changed = [name for name in Document.METADATA if name in self.changed_data]
        return sorted({*self.instance.edited_fields, *changed})


class EventForm(UnchangedSinceOpened):
    """An event in the admin; refuses a date that cannot be right, naming what to fix."""

    class Meta:
        model = Event
        fields = "__all__"
        widgets = {"editor_repeat": RepeatSelect, "editor_timezone": ZoneInput}
        field_classes = {"editor_reported_on": DayField, "editor_occurred_on": DayField, "editor_timezone": ZoneField}
        error_messages = {"editor_reported_time": TIME_MESSAGES}
        labels = {
            "editor_reported_on": "Reported on",
            "editor_reported_time": "Time",
            "editor_timezone": "Time zone",
            "editor_precision": "Precision",
            "editor_occurred_on": "Happened on",
            "editor_repeat": "A repeat?",
            "editor_duplicate_of": "Repeat of",
        }
        help_texts = {
            "editor_reported_on": "The day it was reported. Once set, no ingest changes this event's date.",
            "editor_timezone": ZONE_HELP,
            "editor_precision": "Empty: minute with a time, day without.",
            "editor_occurred_on": "When it happened, if before it was reported; empty: the day it was reported.",
            "editor_repeat": "A repeat is hidden on the timeline and counted on the event it repeats.",
        }

    def clean(self):
        data = super().clean()
        if any(name in self.errors for name in ("editor_reported_on", "editor_occurred_on", "editor_reported_time")):
            return data
        problems = date_problems(
            data.get("editor_reported_on"),
            data.get("editor_reported_time"),
            data.get("editor_timezone", ""),
            data.get("editor_precision", ""),
            data.get("editor_occurred_on"),
            found_reported_on=self._found_reported_on(),
        )
        for part, message in problems.items():
            self.add_error(EVENT_DATE_FIELDS[part], message)
        self._check_repeat(data)
        return data

    def _found_reported_on(self) -> dt.date | None:
        """The reported day the machine found, the editor's own day taken away."""
        if not self.instance.pk:
            return None
        found = Event.objects.get(pk=self.instance.pk)
        found.editor_reported_on = found.editor_occurred_on = None
        found.refresh()
        return found.reported_on

    def _check_repeat(self, data: dict) -> None:
        original = data.get("editor_duplicate_of")
        if data.get("editor_repeat") and original is None:
            self.add_error("editor_duplicate_of", "Choose the event it repeats.")
        elif original is not None and original.pk == self.instance.pk:
            self.add_error("editor_duplicate_of", "An event cannot be a repeat of itself.")
        elif data.get("editor_repeat") and self.instance.is_repeated_by(original):
            self.add_error(
                "editor_duplicate_of",
                f"“{original}” is a repeat of this event: it cannot be repeated back. Mark that one as not a repeat "
                "first, or choose the event both repeat.",
            )


class SetDateForm(forms.Form):
    """One date for many events at once, from the review queue."""

    class Media:
        # The admin's date and time shortcuts need its core script, which only its change forms load otherwise.
        js = ["admin/js/core.js"]

    reported_on = DayField(label="Reported on", help_text="YYYY-MM-DD", validators=[validate_reported_day])
    time = forms.TimeField(required=False, widget=AdminTimeWidget, error_messages=TIME_MESSAGES)
    timezone = ZoneField(label="Time zone", required=False, max_length=64, help_text=ZONE_HELP)
    precision = forms.ChoiceField(choices=[("", "minute with a time, day without"), *PRECISION_CHOICES], required=False)
    occurred_on = DayField(
        label="Happened on",
        required=False,
        help_text="If before it was reported; empty: the day it was reported.",
        validators=[validate_reported_day],
    )

    def clean(self):
        data = super().clean()
        if not self.errors:
            fields = ("reported_on", "time", "timezone", "precision", "occurred_on")
            for part, message in date_problems(*(data.get(name) for name in fields)).items():
                self.add_error(part, message)
        return data

    def apply(self, event: Event) -> None:
        """Gives the event this date as an editor's; the caller saves it."""
        data = self.cleaned_data
        event.editor_reported_on = data["reported_on"]
        event.editor_reported_time = data["time"]
        event.editor_timezone = data["timezone"]
        event.editor_precision = data["precision"]
        event.editor_occurred_on = data["occurred_on"]
        event.refresh()


class AddDocumentForm(forms.Form):
    """A document given by hand: a file or pasted text, read and parsed as the ingest command would."""

    file = forms.FileField(required=False, help_text="A plain-text file, or a web page saved from a browser (.html).")
    encoding = forms.ChoiceField(
        choices=list(ENCODINGS.items()),
        initial="utf-8",
        required=False,
        help_text="Of the file. One that names its own encoding in its first bytes (UTF-16, UTF-32) is read in that.",
    )
    text = forms.CharField(
        label="Or paste the text", required=False, widget=forms.Textarea(attrs={"rows": 12, "cols": 80})
    )
    url = forms.URLField(
        label="Or its address",
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text="A live blog's or article's web address: the page is fetched and read with its own dates.",
    )
    name = forms.CharField(
        required=False,
        max_length=255,
        help_text="What to call it; empty: the file's name, or one made from the first line of the text.",
    )
    replace = forms.BooleanField(
        label="Replace the document of that name",
        required=False,
        help_text="If a document already has this name: its text is replaced by this one, and every editor's "
        "correction of it kept. Unticked, a name already taken is refused.",
    )
    published = DayField(
        label="Published on",
        required=False,
        help_text="For a text that states no date; kept as an editor's date.",
        validators=[validate_reported_day],
    )
    timezone = ZoneField(
        label="Time zone",
        required=False,
        max_length=64,
        help_text="The zone of times the text gives without one. Empty: the one a web page shows, else UTC.",
    )

    def clean(self):
        data = super().clean()
        upload, pasted, address = data.get("file"), data.get("text", "").strip(), data.get("url")
        if sum(map(bool, (upload, pasted, address))) != 1:
            raise forms.ValidationError(
                "Give the document one way: upload a file, paste its text, or give its address."
            )
        if address:
            return self._clean_address(data, address)
        field = "file" if upload else "text"
        try:
            data["document_text"] = self._read(upload) if upload else self._read_pasted(pasted)
        except UnreadableDocument as error:
            advice = (
                f" Convert it to UTF-8, or choose {ENCODINGS[error.encoding]} as its encoding."
                if error.encoding
                else ""
            )
            self.add_error(field, f"This {'file' if upload else 'text'} cannot be ingested: {error}.{advice}")
            return data
        # Pasted text without a name is named after its title, which only reading it finds: the worker checks that name.
        data["source"] = data.get("name", "").strip() or (upload.name if upload else "")
        taken = Document.objects.filter(source=data["source"]).exclude(content_hash=digest(data["document_text"]))
        if data["source"] and not data.get("replace") and (document := taken.first()):
            self.add_error(
                "name",
                f"A document is already called {document.source} ({document.origin or 'ingested before'}): give this "
                "one another name, or tick “Replace the document of that name”.",
            )
        return data

    def _clean_address(self, data: dict, address: str) -> dict:
        """An address is checked here and fetched by the worker: a page may take seconds to arrive."""
        try:
            check_address(address)
        except FetchFailed as error:
            self.add_error("url", f"This address cannot be fetched: {error}.")
            return data
        data["document_text"], data["source"] = "", data.get("name", "").strip()
        return data

    def _read(self, upload) -> str:
        limit = settings.TIMELINE_MAX_DOCUMENT_BYTES
        check_size(upload.size, limit)
        return decode_document(upload.read(), max_bytes=limit, encoding=self.cleaned_data.get("encoding") or "utf-8")

    @staticmethod
    def _read_pasted(text: str) -> str:
        return decode_document(text.encode("utf-8"), max_bytes=settings.TIMELINE_MAX_DOCUMENT_BYTES)
