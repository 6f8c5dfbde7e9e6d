"""The clips every backend of the conformance suite is given: the real seeds (two with
sidecar facts) and real wire copies of one of them, prepared by the real ingest."""

from __future__ import annotations

from pathlib import Path

from conftest import SEED_FILES

from clipping_archive.ingest import prepare_bytes
from clipping_archive.models import PreparedClip

# Seed 003 (English) re-published three times the way outlets copy agency copy (as in
# tests/test_dups.py): one story, four clips.
ORIGINAL = SEED_FILES[3].read_text(encoding="utf-8")
_BODY = [p for p in ORIGINAL.split("\n") if p.strip()][1:]
COPIES = {
    "b_new_headline.txt": "ISIS-K: a decade of attacks\n\n(AP) - " + "\n\n".join(_BODY) + "\n",
    "c_cut_last.txt": "Ten years of ISIS-K\n\n" + "\n\n".join(_BODY[:-1]) + "\nShare this\n",
    "d_reflowed.txt": "What we know about ISIS-K\n\n"
    + " ".join(_BODY).replace("caliphate", "Caliphate")
    + "\n",
}
# Sidecar facts for two seeds: a source, an author and tags to filter on.
SIDECARS = {
    SEED_FILES[0].name: {"source": "De Tijd", "author": "Jan de Vries", "tags": ["dagestan"]},
    SEED_FILES[2].name: {"source": "Fox News", "tags": ["dagestan", "moskou"]},
}


def prepare_all() -> list[PreparedClip]:
    clips = [
        prepare_bytes(path.read_bytes(), f"seeds/{path.name}", sidecar=SIDECARS.get(path.name))
        for path in SEED_FILES
    ]
    clips += [
        prepare_bytes(text.encode("utf-8"), f"wire/{name}") for name, text in COPIES.items()
    ]
    return clips




def by_name(prepared: list[PreparedClip]) -> dict[str, PreparedClip]:
    return {Path(c.path).name: c for c in prepared}
