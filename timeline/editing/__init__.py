"""The editors' side, in the Django admin: correcting dates, repeats and tags, dating undated documents, adding
documents, the review queue, and the history of every change.

    admin/   one module per admin page, the bulk actions, and what they share (history kept of every save)
    forms    the forms those pages validate: an event's date, a date for many events, a document added by hand

An editor's correction is kept in the `editor_*` fields of `models` (with its history) and written through `store`,
which never overwrites it on re-ingest.
"""
