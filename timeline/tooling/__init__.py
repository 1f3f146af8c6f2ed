"""Test and benchmark tooling: generated documents and timelines, for timing ingest and the pages and for property
tests. Nothing here is imported by the product's pages, admin or ingest; only management commands and tests use it.

The flow, by what each module makes and who uses it:

- `ingest_corpus`: a synthetic corpus of news texts in the seeds' three layouts (live blog, round-up, article),
  the same for a seed, and the hostile corpus (documents built to find work that grows faster than the text).
  `manage.py bench_ingest` times ingest on both; tests/test_bench.py checks them. It writes each page with a
  function of `corpus_pages`, which takes its sentences, headlines and page furniture from a
  `corpus_writer.NewsWriter`, which draws its words from `corpus_vocabulary`.
- `generated_blogs`: live blogs written at random in seven stamp styles, with the moment each entry was posted.
  tests/test_generated_blogs.py (property tests) and the hostile part of `bench_ingest` read them; tests/test_bench.py
  uses its styles.
- `synthetic_timeline`: a synthetic timeline written straight into the database, rows like ingested ones.
  `manage.py generate_timeline` runs it (tests/test_generate_timeline.py, tests/test_bench_timeline.py before
  `bench_timeline`, tests/load/run). It ranks the gazetteer's tags with `timeline_tags`, plans the documents with
  `timeline_plan`, and has `timeline_entries.Writer` write their entries, whose headlines and bodies come from
  `timeline_text`.
"""
