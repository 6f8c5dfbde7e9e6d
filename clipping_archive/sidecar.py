"""Sidecar metadata: a NAME.json beside NAME.txt, written by an archivist's scraper.
What it says overrides what the pipeline guessed. (First version: not read yet; issue #5.)"""

from __future__ import annotations

from pathlib import Path

from clipping_archive.models import Metadata


def load_sidecar(text_path: Path) -> dict | None:
    """The sidecar's fields for a clip file, or None when there is none."""
    return None


def apply_sidecar(meta: Metadata, sidecar: dict | None) -> Metadata:
    return meta
