"""Documents parsed in a second process while the one before is stored."""

import os

import pytest

from timeline.ingest import read_and_parse
from timeline.ingest.ahead import READ_AHEAD, ahead, parsing_process
from timeline.ingest.files import UnreadableDocument

LIVE_BLOG = "Talks resume\n09:00 , Ann Bee\nEnvoys met in the capital on 5 December 2024.\n"


def test_documents_are_parsed_in_a_second_process_and_handed_back_in_the_order_given():
    with parsing_process(documents=3) as parser:
        handed = [(item, future.result()) for item, future in ahead(lambda n: parser.submit(abs, -n), range(5))]
        elsewhere = parser.submit(os.getpid).result()
    assert handed == [(n, n) for n in range(5)]
    assert elsewhere != os.getpid()


def test_a_single_document_is_parsed_in_this_process():
    with parsing_process(documents=1) as parser:
        assert parser.submit(os.getpid).result() == os.getpid()


def test_the_next_documents_are_started_before_the_first_is_handed_out():
    started = []

    def start(n):
        started.append(n)
        return n

    first = next(ahead(start, range(10)))
    assert first == (0, 0)
    assert started == list(range(READ_AHEAD + 1))


def test_a_file_the_parsing_process_cannot_read_reaches_the_caller_with_its_reason_and_likely_encoding(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("Kyiv said on Monday that the café was hit.".encode("cp1252"))
    (tmp_path / "good.txt").write_text(LIVE_BLOG, encoding="utf-8")
    with parsing_process(documents=2) as parser:
        read = [parser.submit(read_and_parse, tmp_path / name, max_bytes=10_000) for name in ("latin1.txt", "good.txt")]
        with pytest.raises(UnreadableDocument, match="not UTF-8") as refused:
            read[0].result()
        text, parsed = read[1].result()
    assert refused.value.encoding == "cp1252"
    assert text == LIVE_BLOG and [event.headline for event in parsed.events] == [
        "Envoys met in the capital on 5 December 2024."
    ]
