"""Stray marks on a line of their own: a lone `-` above the headline (seed 004), a lone
`.` inside a pasted post. Nothing a reader would miss."""

from __future__ import annotations

import re

from clipping_archive.ingest.cleaning.rule import LineRule

STRAY_DASH = LineRule("stray_dash", re.compile(r"^\s*[-–—•·*_=]+\s*$"))
STRAY_DOT = LineRule("stray_dot", re.compile(r"^\s*[.…,،]+\s*$"))

RULES = (STRAY_DASH, STRAY_DOT)
