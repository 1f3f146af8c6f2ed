"""The reader's pages: the filtered timeline (its events by day, the facets' counts, the day strip) and each event
on its own page.

    views.index(request) -> query.filters -> query.paging + summary.summary -> reading/index.html
                            (for htmx, only the part that changed: a partial of the same template)
    views.event(request, pk) -> reading/event.html
"""
