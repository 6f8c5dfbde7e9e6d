"""A clip's fingerprint for near-duplicate detection: MinHash (Broder) over word shingles
of the clean body, with rensa's RMinHash. Runs in the import workers, so it is pure.

The words are the body's analysed terms, the index's own (one per word, in order:
folded, Arabic letter variants and marks unified, lemmatised), so copies that differ in
spelling variants, inflection, scraper debris (already removed) or line breaks still
share shingles, and the import analyses nothing twice. Only the first MAX_SHINGLES
shingles count: wire copies share their opening paragraphs, and a long article's tail
adds cost, not evidence.

rensa (Rust) hashes a clip's 120 shingles under 64 permutations in a few microseconds;
datasketch, used before, took 60-110 us a clip in numpy, a third of what clustering cost
an import. Shingles are handed over as UTF-8 bytes: a str would be encoded once per
shingle on the way in.
"""

from __future__ import annotations

import array

from clipping_archive.versions import installed_version as version

# numpy and rensa are imported where they are used: a search imports this module for its
# version only, and numpy alone costs ~0.1 s and ~15 MB at start.

NUM_PERM = 64  # signature length: 64 x 4 bytes a clip
SHINGLE_WORDS = 4
MAX_SHINGLES = 120
WORDS_READ = MAX_SHINGLES + SHINGLE_WORDS - 1
SEED = 1  # fixed: signatures from any process and any release of this code agree
# Signatures made another way do not compare: an archive records this (archive_meta
# fingerprint_version), and one whose clips were fingerprinted otherwise is told to run
# `clip reindex`, or new clips would not join the clusters of older ones. Archives made
# before it was recorded used datasketch's MinHash.
FINGERPRINT_VERSION = (
    f"rensa-{version('rensa')}+{NUM_PERM}perm+{SHINGLE_WORDS}words+{MAX_SHINGLES}shingles"
)
# archive_meta fingerprint_version of an archive fingerprinted before it was recorded.
EARLIER_FINGERPRINTS = "datasketch-2.0.0"


def shingles(terms: str) -> list[bytes]:
    """The first MAX_SHINGLES runs of SHINGLE_WORDS consecutive terms of ``terms`` (an
    analysed body, terms separated by whitespace), UTF-8 encoded."""
    words = terms.encode().split(maxsplit=WORDS_READ)[:WORDS_READ]
    # zip of four shifted lists: each run of four words, without indexing in Python
    return list(map(b" ".join, zip(words, words[1:], words[2:], words[3:], strict=False)))


def signature(terms: str) -> bytes | None:
    """The MinHash signature of an analysed body (NUM_PERM 32-bit values), or None for a
    body too short to have a shingle."""
    found = shingles(terms)
    if not found:
        return None
    from rensa import RMinHash  # after the first call: a dict lookup

    m = RMinHash(NUM_PERM, SEED)
    m.update(found)
    return array.array("I", m.digest()).tobytes()


def similarities(signature: bytes, others: list[bytes]) -> list[float]:
    """The estimated Jaccard similarity of the shingle sets of ``signature``'s clip and
    each of ``others``', in one vector operation."""
    import numpy as np

    x = np.frombuffer(signature, dtype=np.uint32)
    stacked = np.frombuffer(b"".join(others), dtype=np.uint32).reshape(len(others), len(x))
    return ((stacked == x).sum(axis=1) / len(x)).tolist()
