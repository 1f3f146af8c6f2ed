"""JSON fixtures that keep every digit of a time: Django's own JSON cuts microseconds to milliseconds, so a
restored backup would differ from the database it came from."""

from __future__ import annotations

import datetime as dt

from django.core.serializers import json as django_json


class ExactEncoder(django_json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, dt.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, dt.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactEncoder)
        super()._init_options()


Deserializer = django_json.Deserializer
