from django.contrib import admin
from django.urls import path

from . import health, views

urlpatterns = [
    path("", views.index, name="index"),
    path("events/<int:pk>/", views.event, name="event"),
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
