"""Adding a document in the admin: the form queues it for the ingest worker, and a page follows the job."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.timezone import now
from django_htmx.http import HttpResponseClientRedirect

from timeline.editing.forms import AddDocumentForm
from timeline.models import Document, Event, IngestJob
from timeline.store import jobs

from .common import when_with_basis

# A running worker takes a job within a second or two; one still queued after this long suggests none is running.
WORKER_EXPECTED_WITHIN = 20


class AddingDocuments:
    """The pages of a document's adding: the form, the job's progress, and what the ingest found."""

    def get_urls(self):
        ingested = self.admin_site.admin_view(self.ingested_view)
        job = self.admin_site.admin_view(self.job_view)
        return [
            path("<int:pk>/ingested/", ingested, name="timeline_document_ingested"),
            path("ingesting/<int:pk>/", job, name="timeline_document_job"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        """Adding a document is ingesting it: a file or pasted text through the same pipeline as the command, run
        by the ingest worker; the request only checks that the text can be read and queues it."""
        if not self.has_add_permission(request):
            return super().add_view(request, form_url, extra_context)
        form = AddDocumentForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            job = jobs.queue(
                data["document_text"],
                url=data.get("url") or "",
                source=data["source"],
                timezone=data["timezone"],
                published=data["published"],
                replace=data["replace"],
                user=request.user,
            )
            return redirect("admin:timeline_document_job", pk=job.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": "Add a document",
            "form": form,
            "opts": self.model._meta,
            "media": self.media + form.media,
            "max_bytes": settings.TIMELINE_MAX_DOCUMENT_BYTES,
        }
        return TemplateResponse(request, "editing/add_document.html", context)

    def job_view(self, request, pk: int):
        """How far a queued document has got; once ingested, what was found in it. htmx asks again every second,
        a browser without JavaScript every two."""
        job = get_object_or_404(IngestJob, pk=pk)
        if not self.has_add_permission(request):
            raise PermissionDenied
        if job.state == IngestJob.DONE and job.document_id:
            self.message_user(request, job.message, messages.SUCCESS)
            found = reverse("admin:timeline_document_ingested", args=[job.document_id])
            return HttpResponseClientRedirect(found) if request.htmx else redirect(found)
        waited = now() - job.requested_at
        context = {
            **self.admin_site.each_context(request),
            "title": f"Ingesting {job}",
            "job": job,
            "ahead": job.ahead() if job.state == IngestJob.QUEUED else 0,
            "stalled": job.state == IngestJob.QUEUED
            and waited.total_seconds() > WORKER_EXPECTED_WITHIN
            and not IngestJob.objects.worked_on_within(WORKER_EXPECTED_WITHIN),
            "opts": self.model._meta,
        }
        template = "editing/adding_job.html" + ("#status" if request.htmx else "")
        return TemplateResponse(request, template, context)

    def ingested_view(self, request, pk: int):
        """What an ingest found in a document, and what of it needs an editor."""
        document = get_object_or_404(Document, pk=pk)
        if not self.has_view_or_change_permission(request, document):
            raise PermissionDenied
        events = list(document.events.select_related("duplicate_of").order_by("position"))
        queued = set(Event.objects.filter(document=document).to_review().values_list("pk", flat=True))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Ingested: {document}",
            "document": document,
            "rows": [(event, when_with_basis(event), event.pk in queued) for event in events],
            "to_review": len(queued),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "editing/ingested.html", context)


@admin.register(IngestJob)
class IngestJobAdmin(admin.ModelAdmin):
    """Documents added here, newest first, with how far the worker got with each; each opens its progress page."""

    list_display = ["document_added", "state", "message", "requested_by", "requested_at", "finished_at"]
    list_display_links = None
    list_filter = ["state"]
    list_select_related = ["requested_by"]
    ordering = ["-pk"]

    @admin.display(description="document")
    def document_added(self, job):
        return format_html('<a href="{}">{}</a>', reverse("admin:timeline_document_job", args=[job.pk]), job)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
