"""Entries a live blog posted twice are linked to their first posting."""

from __future__ import annotations

from timeline.ingest import parse_document

BLOG = """Live: the war in Ukraine
Nato chief warns allies over aid
10:00 , Sam Lee
Allies must do more, the Nato chief said.
Pictured: Troops train near Kharkiv
09:00 , Sam Lee
Full report: Nato chief warns allies over aid in Brussels
08:00 , Sam Lee
The Nato chief told allies in Brussels they must do more.
Troops train near Kharkiv as winter nears
Monday 2 December 2024 23:00 , Sam Lee
Troops trained near Kharkiv.
Nato chief warns allies over aid
Monday 2 December 2024 22:00 , Sam Lee
Allies must do more, the Nato chief said.
"""


def test_it_links_exact_and_reworded_repeats_to_the_earliest_posting_and_keeps_media_apart():
    events = parse_document(BLOG).events
    assert events[0].repeat_of == 4  # the same text, posted again
    assert events[2].repeat_of == 4  # "Full report:" over the same story
    assert events[1].repeat_of is None  # a picture post is not a repeat of the story it shows
    assert events[3].repeat_of is None and events[4].repeat_of is None
