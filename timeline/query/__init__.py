"""Reading the query string, shared by the reader's pages and what other sites get, so a filter means the same
everywhere.

    filters.reader_view(query string) -> EventFilter, PageForm     validated; what is wrong is named
    EventFilter.selection(held.current_index()) -> Selection   which events match, from arrays in memory
    paging.page_of(selection, cursor, size) -> events, next cursor  the page's rows from the database, with tags
    links: the view's canonical query, its chips, the snippets that embed it

`cursor` is where a page starts; `counting` the in-memory index of the visible events, which `held` keeps up to date
as the `Revision` grows, reading only the documents changed (`saved_index` shares it between processes).
"""
