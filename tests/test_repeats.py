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


def test_formulaic_headlines_about_other_places_or_figures_are_not_repeats():
    blog = """Live
Russian drone attack on Sumy kills 3, officials say
10:00 , Sam Lee
A drone hit Sumy.
Russian artillery attack on Kherson kills 7, officials say
09:00 , Sam Lee
Shells hit Kherson.
Russia claims capture of Vodiane near Lyman
08:00 , Sam Lee
Moscow claimed a village.
Russia claims capture of Petrivka near Lyman
07:00 , Sam Lee
Moscow claimed another village.
"""
    assert [e.repeat_of for e in parse_document(blog).events] == [None] * 4


def test_a_recurring_short_heading_over_new_text_is_not_a_repeat():
    blog = """Live
Summary
10:00 , Sam Lee
Drones hit Odesa and talks stalled.
Summary
04:00 , Sam Lee
Sirens sounded in Kyiv overnight.
"""
    assert [e.repeat_of for e in parse_document(blog).events] == [None, None]
