"""clipping-archive: a multilingual news-clipping archive with full-text search.

Data flows one way: files -> ingest (decode, clean, metadata, language) -> analysis ->
storage -> search / output. ``Archive`` is the public API; the CLI
(``clipping_archive.cli``) is a thin layer over it.
"""

__version__ = "0.2.0"

__all__ = ["Archive", "__version__"]


def __getattr__(name: str):
    # Lazy, so `import clipping_archive.ingest` in a worker does not load the whole API.
    if name == "Archive":
        from clipping_archive.archive import Archive

        return Archive
    raise AttributeError(name)
