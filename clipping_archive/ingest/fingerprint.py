"""A clip's fingerprint for near-duplicate detection: MinHash (Broder) over word shingles
of the clean body, with datasketch's MinHash. Runs in the import workers, so it is pure.

Words are the body's words lower-cased and with Arabic letter variants and marks
unified (the matcher's fold), so copies that differ in spelling variants, scraper
debris (already removed) or line breaks still share shingles. Only the first
MAX_SHINGLES shingles count: wire copies share their opening paragraphs, and a long
article's tail adds cost, not evidence.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

import numpy as np

NUM_PERM = 64  # signature length: 64 x 4 bytes a clip
SHINGLE_WORDS = 4
MAX_SHINGLES = 300
SCHEME = "affine32"  # datasketch 2's permutation scheme, named: signatures stay comparable
SEED = 1  # fixed: signatures from any process and any release of this code agree
_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _permutations():
    from datasketch.minhash import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def shingles(text: str) -> list[bytes]:
    from clipping_archive.ingest.dates import fold

    # Only as much text as MAX_SHINGLES shingles need (news words average under 10
    # characters): folding and splitting a whole long body would cost more than hashing.
    words = _WORD.findall(fold(text[: MAX_SHINGLES * 12]))
    count = min(MAX_SHINGLES, len(words) - SHINGLE_WORDS + 1)
    return [" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(max(0, count))]


def signature(text: str) -> bytes | None:
    """The MinHash signature of ``text`` (NUM_PERM 32-bit values), or None for a text
    too short to have a shingle."""
    found = shingles(text)
    if not found:
        return None
    from datasketch.minhash import MinHash

    # crc32: a fast, stable 32-bit hash in C (datasketch's default, sha1, is 2x slower).
    m = MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        hashfunc=zlib.crc32,
        permutations=_permutations(),
        scheme=SCHEME,
    )
    m.update_batch(found)
    return m.hashvalues.astype(np.uint32).tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two clips' shingle sets."""
    x, y = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    return float(np.count_nonzero(x == y)) / len(x)


def preload() -> None:
    """Load datasketch (and numpy) before import workers fork."""
    _permutations()
