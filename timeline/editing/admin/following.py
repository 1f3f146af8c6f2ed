"""Followed pages: the live blogs read again at their address, how each reading went, and the switch that stops it."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils import timezone
from django.utils.html import format_html

from timeline.fetching import FetchFailed, check_address
from timeline.models import FollowedPage
from timeline.models.following import LEAST_EVERY

from .common import admin_link


class FollowedPageForm(forms.ModelForm):
    url = forms.URLField(label="Address", max_length=1000, assume_scheme="https")

    class Meta:
        model = FollowedPage
        fields = ["url", "every", "active"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        try:
            check_address(url)
        except FetchFailed as error:
            raise forms.ValidationError(f"This address cannot be followed: {error}.") from None
        return url

    def clean_every(self):
        every = self.cleaned_data["every"]
        if every < LEAST_EVERY:
            raise forms.ValidationError(f"At least {LEAST_EVERY}: the page's site is someone else's server.")
        return every


@admin.register(FollowedPage)
class FollowedPageAdmin(admin.ModelAdmin):
    form = FollowedPageForm
    list_display = ["page", "active", "reading", "problem_shown"]
    list_editable = ["active"]
    list_filter = ["active"]
    search_fields = ["url"]
    readonly_fields = ["document_link", "last_polled_at", "next_poll_at", "last_outcome", "failures", "problem"]
    actions = ["read_now"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_fields(self, request, obj=None):
        """Adding one asks for what to follow; what the readings found shows once there are some."""
        return ["url", "every", "active"] if obj is None else ["url", "every", "active", *self.readonly_fields]

    @admin.display(description="address", ordering="url")
    def page(self, page):
        return format_html("{}<br><span class='quiet'>{}</span>", admin_link(page, page.url), self.document_link(page))

    @admin.display(description="last reading")
    def reading(self, page):
        every = f"read every {page.every_text}"
        if page.last_polled_at is None:
            return format_html("not read yet<br><span class='quiet'>{}</span>", every)
        when = f"{page.last_polled_at:%Y-%m-%d %H:%M} UTC"
        return format_html("{}<br><span class='quiet'>{} · {}</span>", page.last_outcome, when, every)

    @admin.display(description="problem")
    def problem_shown(self, page):
        return format_html("<strong class='needs-date'>{}</strong>", page.problem) if page.problem else "–"

    @admin.display(description="document")
    def document_link(self, page):
        return admin_link(page.document, page.document.source) if page.document else "no document yet"

    @admin.action(description="Read the selected pages at once")
    def read_now(self, request, queryset):
        count = queryset.filter(active=True).update(next_poll_at=timezone.now())
        self.message_user(
            request, f"{count} page{'s' if count != 1 else ''} will be read in the next moments.", messages.SUCCESS
        )
