"""Installed package versions, read from the ``*.dist-info`` folder names on ``sys.path``.

Stored terms and fingerprints depend on exact versions of PyStemmer, simplemma, wordfreq
and rensa (the analyzer and fingerprint versions name them), so every process that opens
an archive asks. ``importlib.metadata`` answers too, but importing it costs a search
~40 ms (it pulls in the email package); a folder listing of site-packages costs about a
millisecond. Anything the listing cannot answer (an egg, a zip) goes to importlib.metadata.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache

_NORMALISE = re.compile(r"[-_.]+")


def _normal(name: str) -> str:
    return _NORMALISE.sub("_", name).lower()


@cache
def _dist_infos() -> dict[str, str]:
    """normalised distribution name -> version, first on sys.path wins (as imports do)."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if not name.endswith(".dist-info"):
                continue
            dist, _, version = name[: -len(".dist-info")].rpartition("-")
            if dist and version:
                found.setdefault(_normal(dist), version)
    return found


def installed_version(distribution: str) -> str:
    """The installed version of ``distribution`` (as pip names it: ``PyStemmer``)."""
    version = _dist_infos().get(_normal(distribution))
    if version is not None:
        return version
    from importlib.metadata import version as metadata_version

    return metadata_version(distribution)
