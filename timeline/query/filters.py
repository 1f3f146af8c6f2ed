"""The reader's filters: one FilterSet validates the query string and narrows the events."""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

import django_filters
from django import forms
from django.db.models import QuerySet
from django.http import QueryDict

from timeline.ingest.dates import day_problem
from timeline.ingest.text import printable
from timeline.models import Actor, Document, Event, Location, Theme

from .counting import TAG_KINDS, Selection
from .paging import PageForm

if TYPE_CHECKING:
    from .counting import Index


# The longest id a 64-bit integer column holds without doubt; a longer one would overflow SQLite, not miss.
ID = re.compile(r"[0-9]{1,18}")


class Choices(django_filters.fields.ModelMultipleChoiceField):
    """Ids are checked for shape before the database sees them, so a 30-digit id is named, not a crash. A slug
    that names nothing may be one an entity had before it was merged into another: it still names that one."""

    def _check_values(self, value):
        if self.to_field_name is None:
            for pk in value:
                if not ID.fullmatch(str(pk)):
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        try:
            return super()._check_values(value)
        except forms.ValidationError as error:
            if error.code != "invalid_choice" or not (merged := self._merged_into(value)):
                raise
            return super()._check_values([merged.get(v, v) for v in value])

    def _merged_into(self, values) -> dict[str, str]:
        """Former slug -> the slug of the entity it was merged into; read only when a slug names nothing."""
        model = self.queryset.model
        if self.to_field_name != "slug" or not hasattr(model, "former_slugs"):
            return {}
        wanted = set(map(str, values))
        return {
            former: slug
            for slug, formers in model.objects.exclude(former_slugs=[]).values_list("slug", "former_slugs")
            for former in formers
            if former in wanted
        }


class ChoicesFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = Choices


class TagFilter(ChoicesFilter):
    """Several values of one kind widen the view (OR); kinds narrow each other (AND)."""

    def __init__(self, *args, relation: str, **kwargs):
        self.relation = relation
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        targets = [target.pk for target in value or ()]
        return queryset.tagged_with(self.relation, targets) if targets else queryset


class WordsField(forms.CharField):
    """Words to search for; control characters, which nobody types, are spaces."""

    def to_python(self, value):
        return printable(super().to_python(value)).strip()


class SearchFilter(django_filters.CharFilter):
    field_class = WordsField

    def filter(self, queryset, value):
        return queryset.search(value) if value else queryset


def unknown(kind: str, field: str = "id") -> dict:
    message = f"There is no {kind} with the {field} “%(value)s”."
    return {"invalid_choice": message, "invalid_pk_value": f"“%(pk)s” is not a valid {kind} {field}."}


def tag_filter(relation: str, model, label: str, kind: str) -> TagFilter:
    """A filter by actors, places or themes, each named in the address by its slug."""
    return TagFilter(
        relation=relation,
        queryset=model.objects.all(),
        to_field_name="slug",
        label=label,
        error_messages=unknown(kind, "name"),
    )


class EventFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        for name in ("date_from", "date_to"):
            if data.get(name) and (problem := day_problem(data[name])):
                self.add_error(name, problem)  # which takes the day out of the cleaned data
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", f"{end:%-d %b %Y} is before the start, {start:%-d %b %Y}.")
        return data


class EventFilter(django_filters.FilterSet):
    q = SearchFilter(label="Words")
    actor = tag_filter("actors", Actor, "Who", "actor")
    location = tag_filter("locations", Location, "Where", "place")
    theme = tag_filter("themes", Theme, "What", "theme")
    source = ChoicesFilter(
        field_name="document", queryset=Document.objects.all(), label="Source", error_messages=unknown("source")
    )
    date_from = django_filters.DateFilter(method="happened_from", label="From")
    date_to = django_filters.DateFilter(method="happened_to", label="To")

    class Meta:
        model = Event
        fields = ["q", "actor", "location", "theme", "source", "date_from", "date_to"]
        form = EventFilterForm

    @cached_property
    def values(self) -> dict:
        """The valid filters' values; what was invalid is left out (and listed in `problems`). A kind none of whose
        options is chosen is an empty list rather than an empty queryset, which Django compiles again each time it
        is looked at (half a millisecond, four kinds a view)."""
        self.is_valid()
        return {
            name: value if chosen(value) or not isinstance(value, QuerySet) else []
            for name, value in self.form.cleaned_data.items()
        }

    def happened_from(self, queryset, name, value):
        return queryset.between(value, None)

    def happened_to(self, queryset, name, value):
        return queryset.between(None, value)

    def selection(self, index: Index) -> Selection:
        """The events these filters allow, as rows of the in-memory index (`counting`); each filter's own
        rows are kept for the facets' counts. The same filters as `qs`, the SQL version, which tests hold it to."""
        values = {name: value for name, value in self.values.items() if chosen(value)}
        kinds = TAG_KINDS.keys() & values.keys()
        masks = {kind: index.tagged_with(kind, [target.pk for target in values[kind]]) for kind in kinds}
        if "source" in values:
            masks["source"] = index.from_sources(document.pk for document in values["source"])
        if "date_from" in values or "date_to" in values:
            masks["dates"] = index.between(values.get("date_from"), values.get("date_to"))
        if "q" in values:
            masks["q"] = index.searched(values["q"])
        return Selection(index, masks)

    @property
    def mistakes(self) -> list[str]:
        """What was wrong with the query string, each named by its filter's label."""
        messages = []
        for name, errors in self.form.errors.items():
            label = self.form.fields[name].label if name in self.form.fields else ""
            messages.extend(f"{label}: {error}" if label else error for error in errors)
        return messages

    @property
    def problems(self) -> list[str]:
        """The mistakes, for the page to say; those filters are left out."""
        return [f"{mistake} That filter is ignored." for mistake in self.mistakes]


def reader_view(query: QueryDict) -> tuple[EventFilter, PageForm]:
    """The filters and paging a query string asks for: the one reading of it for pages, widget, exports and API."""
    return EventFilter(query, queryset=Event.objects.visible()), PageForm(query)


def chosen(value) -> bool:
    """Whether a filter's value chooses anything; an empty choice is an empty queryset, which need not be run."""
    return not value.query.is_empty() if isinstance(value, QuerySet) else bool(value)
