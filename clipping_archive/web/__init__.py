"""The archive in a browser: a Datasette plugin (``plugin.py``) that adds a search page,
clip pages, JSON twins, exports and a timeline, and gives Datasette's own table view of
``clips`` a search box that uses the archive's analysers. ``clip serve`` starts Datasette
with it (``server.py``); ``datasette archive.db`` loads it too (entry point in
pyproject). Every page calls the same ``Archive`` API as the CLI."""
