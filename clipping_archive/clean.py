"""The cleaning stage's entry point (the rules live in `clipping_archive/cleaning/`)."""

from clipping_archive.cleaning import RULES, clean_text

__all__ = ["RULES", "clean_text"]
