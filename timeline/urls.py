from django.contrib import admin
from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="index"),
    path("events/<int:pk>/", views.event, name="event"),
    path("admin/", admin.site.urls),
]
