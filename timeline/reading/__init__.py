"""The reader's pages: the filtered timeline (its events by day, the facets' counts, the day strip) and each event
on its own page.

    views.index(request) -> query.filters -> query.paging + summary.summary -> reading/index.html
                            (for htmx, only the part that changed: a partial of the same template)
        kept_views: each view kept while the index it was made from is in hand
        shown: the page's events, each made once for every page it is on
    views.event(request, pk) -> reading/event.html
"""
