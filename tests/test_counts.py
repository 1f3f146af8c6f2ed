"""The index's counts and pages, on arrays made up here: the cases a small database seldom reaches."""

import numpy as np
import pytest

from timeline.query.counting import Counts, Links, _first_allowed


def test_counts_rank_the_chosen_first_then_the_most_frequent_ties_by_id():
    counts = Counts(np.array([3, 5, 7, 9, 11, 13]), np.array([4, 0, 9, 4, 4, 1]))
    assert dict(counts.items()) == {3: 4, 7: 9, 9: 4, 11: 4, 13: 1}  # 5 has none
    assert counts[5] == 0 and 5 not in counts and 9 in counts
    assert counts.ranked(set(), None) == [7, 3, 9, 11, 13]
    assert counts.ranked({13}, 3) == [13, 7, 3]
    # The limit falls among three tied at 4: the lowest ids of them, whatever order the partition left them in.
    assert counts.ranked(set(), 2) == [7, 3]
    assert counts.ranked({11, 5}, 3) == [11, 7, 3]  # 5, chosen without events, is the caller's to add
    assert counts.only([9, 13, 99]).ranked(set(), None) == [9, 13]


def test_counts_rank_thousands_as_a_full_sort_would():
    rng = np.random.default_rng(3)
    ids = np.sort(rng.choice(200_000, 5_000, replace=False))
    counts = Counts(ids, rng.integers(0, 6, len(ids)))
    everything = sorted(counts, key=lambda target: (-counts[target], target))
    for limit in (1, 8, 100):
        assert counts.ranked(set(), limit) == everything[:limit]


@pytest.mark.parametrize("share", [0.0, 0.00005, 0.01, 0.5])
def test_a_page_is_found_a_stretch_at_a_time_however_few_events_are_allowed(share):
    """The stretches grow past the first few thousand rows, and a page is what one look over all the rows finds."""
    rng = np.random.default_rng(7)
    order = rng.permutation(50_000).astype(np.int32)
    allowed = rng.random(50_000) < share
    for size in (1, 21, 401):
        assert _first_allowed(order, allowed, size).tolist() == order[allowed[order]][:size].tolist()


@pytest.mark.parametrize("size", [1, 64, 1_000, 4_099])
@pytest.mark.parametrize("shares", [[1.0, 0.5, 1 / 32, 1 / 40, 0.001, 0.0], [1 / 32, 0.01, 0.01, 0.001, 0.0]])
def test_tags_linked_to_many_events_and_to_few_are_counted_alike(size, shares):
    """Tags on at least one event in 32 are counted by their bits when they hold most links (the first shares),
    else every tag by its rows (the second), and a few chosen events by their own links: the counts are the same as
    counting every link, with an index of any size, padded words or not."""
    rng = np.random.default_rng(size)
    rows = [np.flatnonzero(rng.random(size) < share) for share in shares]
    rows = [tag_rows if len(tag_rows) else np.array([size - 1]) for tag_rows in rows]  # the last tags: one event
    links = Links(
        np.arange(10, 10 + len(rows)),
        np.concatenate([[0], np.cumsum([len(tag_rows) for tag_rows in rows])]),
        np.concatenate(rows).astype(np.int32),
    )
    one = np.zeros(size, dtype=bool)
    one[size // 2] = True
    for chosen in (
        rng.random(size) < 0.3,
        rng.random(size) < 0.05,
        one,
        np.ones(size, dtype=bool),
        np.zeros(size, dtype=bool),
    ):
        expected = {10 + number: int(chosen[tag_rows].sum()) for number, tag_rows in enumerate(rows)}
        assert dict(links.count(chosen).items()) == {tag: n for tag, n in expected.items() if n}
    split = links.splits[size]
    assert (size in links.by_event) == bool(len(split.sparse_rows))  # few chosen: counted by their own links
    if shares[0] == 1.0:
        assert len(split.dense) >= 2 and len(split.sparse) >= (2 if size >= 1_000 else 0)
    elif size >= 1_000:
        assert len(split.dense) == 0 and split.sparse_rows is links.rows  # not copied
