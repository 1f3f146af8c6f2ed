"""Reading the query string, shared by the reader's pages and what other sites get, so a filter means the same
everywhere.

    filters.reader_view(query string) -> EventFilter, PageForm     validated; what is wrong is named
    EventFilter.selection(counting.current_index()) -> Selection   which events match, from arrays in memory
    paging.page_of(selection, cursor, size) -> events, next cursor  the page's rows from the database, with tags
    links: the view's canonical query, its chips, the snippets that embed it

`cursor` is where a page starts; `counting` the in-memory index of the visible events, read again when the
`Revision` grows.
"""
