"""A clip's fingerprint for near-duplicate detection: MinHash (Broder) over word shingles
of the clean body, with datasketch's MinHash. Runs in the import workers, so it is pure.

The words are the body's analysed terms, the index's own (one per word, in order:
folded, Arabic letter variants and marks unified, lemmatised), so copies that differ in
spelling variants, inflection, scraper debris (already removed) or line breaks still
share shingles, and the import analyses nothing twice: folding and splitting the text
again cost two thirds of a fingerprint. Only the first MAX_SHINGLES shingles count: wire
copies share their opening paragraphs, and a long article's tail adds cost, not
evidence.
"""

from __future__ import annotations

import threading
import zlib
from functools import lru_cache

import numpy as np

NUM_PERM = 64  # signature length: 64 x 4 bytes a clip
SHINGLE_WORDS = 4
MAX_SHINGLES = 120
WORDS_READ = MAX_SHINGLES + SHINGLE_WORDS - 1
SCHEME = "affine32"  # datasketch 2's permutation scheme, named: signatures stay comparable
SEED = 1  # fixed: signatures from any process and any release of this code agree


@lru_cache(maxsize=1)
def _permutations():
    from datasketch.minhash import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def shingles(terms: str) -> list[bytes]:
    """The first MAX_SHINGLES runs of SHINGLE_WORDS consecutive terms of ``terms`` (an
    analysed body, terms separated by whitespace)."""
    words = terms.split(maxsplit=WORDS_READ)[:WORDS_READ]
    count = min(MAX_SHINGLES, len(words) - SHINGLE_WORDS + 1)
    return [" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(max(0, count))]


def signature(terms: str) -> bytes | None:
    """The MinHash signature of an analysed body (NUM_PERM 32-bit values), or None for a
    body too short to have a shingle."""
    found = shingles(terms)
    if not found:
        return None
    m = _hasher()
    m.clear()
    m.update_batch(found)
    return m.hashvalues.astype(np.uint32).tobytes()


_local = threading.local()


def _hasher():
    """This thread's MinHash, reused: building one costs as much as filling it (it
    validates its permutations), and every imported clip needs one."""
    m = getattr(_local, "minhash", None)
    if m is None:
        from datasketch.minhash import MinHash

        # crc32: a fast, stable 32-bit hash in C (datasketch's default, sha1, is 2x slower).
        m = _local.minhash = MinHash(
            num_perm=NUM_PERM,
            seed=SEED,
            hashfunc=zlib.crc32,
            permutations=_permutations(),
            scheme=SCHEME,
        )
    return m


def similarities(signature: bytes, others: list[bytes]) -> list[float]:
    """The estimated Jaccard similarity of the shingle sets of ``signature``'s clip and
    each of ``others``', in one vector operation."""
    x = np.frombuffer(signature, dtype=np.uint32)
    stacked = np.frombuffer(b"".join(others), dtype=np.uint32).reshape(len(others), len(x))
    return ((stacked == x).sum(axis=1) / len(x)).tolist()


def preload() -> None:
    """Load datasketch (and numpy) before import workers fork."""
    _permutations()
