"""`minutes report`: a static site of the archive, and the feeds of saved searches.

    params.py    report:, saved_searches: blocks of params.yaml
    data.py      what the pages show, read from the SQLite mirror (`store/sqlite.py`)
    charts.py    the plots, Vega-Lite through Altair, drawn to SVG by vl-convert at build time
    site.py      the pages (Jinja2 templates/), written to a folder that opens from disk
    feeds.py     an Atom feed per saved search of the decisions new since the last run
"""
