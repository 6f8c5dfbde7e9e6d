"""The archive in a browser: a search page, clip pages, JSON twins, exports and a
timeline (``views.py``, over the ``Archive`` API only), served two ways: by a Datasette
plugin (``plugin.py``) on an archive file, which also gives Datasette's own table view
of ``clips`` a search box that uses the archive's analysers (``datasette archive.db``
loads it too: entry point in pyproject), and by a standalone ASGI app (``app.py``) on
any archive, a team's PostgreSQL server included. ``clip serve`` picks one
(``server.py``)."""
