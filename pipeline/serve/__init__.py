"""`minutes serve`: Datasette over the SQLite mirror of the database.

    app.py          the Datasette instance: metadata, facets, canned queries, settings
    plugin.py       what minutes adds to Datasette: stemmed search, marked matches, links
                    from rows to their source file and page (a route that serves the file)
    metadata.yaml   titles and descriptions of every table and column; the canned queries
"""
