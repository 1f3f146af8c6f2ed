"""What other sites and programs get: the widget they frame, the JSON API, exports, the Atom feed and oEmbed.

    widget.embed           the framed timeline (publishing/embed.html, static/js/embed.js sizes the frame)
    exports                the API's pages and the files: JSON, CSV, iCalendar, TimelineJS (formats.py writes them)
    feed, oembed           the Atom feed; the widget for a timeline address

Each reads the query string as the timeline page does (`query.filters.reader_view`), so a filter means the same
everywhere; a value the page would ignore and name is refused here with a 400 that names it (`open_data`), since
no reader sees a message.
"""
