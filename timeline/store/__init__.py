"""Writing: the one writer of a parsed document, the tags it puts on the events, and what feeds it.

    jobs.queue() -> IngestJob -> jobs.work()      a document added in the admin, ingested off the web request
    following.poll_due() -> following.poll()      followed live blogs read again when due
    ingest.parse_any() -> documents.store_document()   one transaction; editors' corrections left alone
        -> tags.tag_events()                      the gazetteer's and the theme rules' tags, editors' decisions on top

`documents.date_document` is how an editor dates a document whose text states no date; `tags` also holds retagging,
merging and rejecting discovered names. Every writer locks its rows, then bumps the `Revision`, in that order.
"""
