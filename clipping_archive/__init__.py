"""clipping-archive: a multilingual news-clipping archive with full-text search.

Data flows one way: files -> decode -> clean -> metadata -> language -> analysis
-> store -> search/export. The CLI (``clipping_archive.cli``) is a thin layer over
these modules.
"""

__version__ = "0.1.0"
