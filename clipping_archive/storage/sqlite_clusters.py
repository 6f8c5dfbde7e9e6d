"""Near-duplicate clusters in the SQLite archive: each clip's MinHash signature, its LSH
band buckets (so finding a new clip's candidates is an index look-up, whatever the size
of the archive), and the cluster it joined. Part of the SQLite backend."""

from __future__ import annotations

import sqlite3
from itertools import repeat

# Comparing two signatures is part of finding a clip's copies, so it is shared with
# ingest (which makes them), not repeated here; nothing is computed from a clip's text.
from clipping_archive.ingest.fingerprint import NUM_PERM, similarities
from clipping_archive.storage.base import ClipId

BANDS = 16  # 16 bands of 4 values: clips whose similarity is ~0.5 or more meet in a band
ROWS = NUM_PERM // BANDS
assert ROWS == 4, "band_keys mixes a band of four values"
# Estimated Jaccard similarity of the shingle sets from which two clips are copies of
# one story; chosen by benchmarks/dups.py (see docs/dups.md).
COPY_SIMILARITY = 0.5
MIX = 0x9E3779B97F4A7C15  # odd: multiplying by it permutes 64-bit values
PER_BUCKET = 32  # clips read from one bucket (of each tier) for a new clip
MAX_CANDIDATES = 8  # candidates whose signatures are compared
# New buckets go to the small tier, lsh_recent, merged into lsh_buckets in key order
# once it holds an eighth of the big tier (at least RECENT_MIN_CLIPS clips' worth): each
# merge rewrites the big tier's pages once, so merging costs a clip a constant share,
# while a batch's random keys dirty pages of the small tier only.
RECENT_SHARE = 8
RECENT_MIN_CLIPS = 2048

# A new clip's candidates, in one statement: for each band, the latest PER_BUCKET clips
# of its bucket in each tier (the end of a key range: no sort), counted by SQLite; the
# MAX_CANDIDATES sharing the most bands, joined to their signatures and clusters. The
# limits are written in, not bound: two parameters a band instead of six (binding them
# was a tenth of the statement's time).
_TIERS_SQL = " UNION ALL ".join(
    f"SELECT seq FROM (SELECT seq FROM {tier} WHERE band = ?{{band}} AND bucket = ?{{bucket}} "
    f"ORDER BY seq DESC LIMIT {PER_BUCKET})"
    for tier in ("lsh_recent", "lsh_buckets")
)
CANDIDATES_SQL = (
    "SELECT m.signature, k.cluster FROM (SELECT seq, count(*) AS shared FROM ("
    + " UNION ALL ".join(_TIERS_SQL.format(band=2 * i + 1, bucket=2 * i + 2) for i in range(BANDS))
    + f") GROUP BY seq ORDER BY shared DESC, seq DESC LIMIT {MAX_CANDIDATES}) AS c "
    "JOIN clip_minhash AS m ON m.seq = c.seq JOIN clip_cluster AS k ON k.seq = c.seq"
)


def band_keys(signature: bytes) -> list[tuple[int, int]]:
    """(band, bucket) for each band: the band's four 32-bit values, read as two 64-bit
    ones, mixed into a 63-bit key, all bands in one vector operation (this runs once per
    clip in the writer). Two clips share a bucket when the band's values are equal;
    unequal values meet only by a 63-bit collision, which LSH's own false candidates
    dwarf."""
    # numpy is imported here, by writers only: a search would pay ~0.1 s and ~15 MB for it.
    import numpy as np

    pairs = np.frombuffer(signature, dtype=np.uint64).reshape(BANDS, 2)
    keys = (pairs[:, 0] ^ (pairs[:, 1] * np.uint64(MIX))) >> np.uint64(1)  # wraps: a hash
    return list(enumerate(keys.tolist()))


def batch_band_keys(signatures: list[bytes]) -> list[list[int]]:
    """``band_keys`` of each signature, flattened as CANDIDATES_SQL binds them (band,
    bucket, band, bucket ...), all of them in one vector operation: the writer files a
    batch at once, and one call a clip cost more than the mixing itself; pairs built in
    Python a clip (then flattened again for the statement) cost ~10 us a clip more."""
    import numpy as np

    if not signatures:
        return []
    pairs = np.frombuffer(b"".join(signatures), dtype=np.uint64).reshape(-1, BANDS, 2)
    keyed = np.empty_like(pairs)
    keyed[:, :, 0] = np.arange(BANDS, dtype=np.uint64)
    keyed[:, :, 1] = (pairs[:, :, 0] ^ (pairs[:, :, 1] * np.uint64(MIX))) >> np.uint64(1)
    return keyed.reshape(-1, 2 * BANDS).tolist()


class SQLiteClusters:
    """Mixed into SQLiteStore: expects ``self.conn`` and ``_seqs_for_ids``. Inside, a
    cluster is the seq of the clip that started it; outside, that clip's id."""

    conn: sqlite3.Connection

    def _seqs_for_ids(self, ids: list[ClipId]) -> dict[ClipId, int]:
        raise NotImplementedError  # SQLiteWorkflow's

    def _add_fingerprints(self, signatures: dict[int, bytes | None]) -> None:
        """File new clips (seq -> signature) into clusters, inside the caller's
        transaction: a clip joins the cluster of the copies it nearly matches (merging
        clusters it bridges), or starts its own."""
        conn = self.conn
        signed = [signature for signature in signatures.values() if signature is not None]
        batch_keys = iter(batch_band_keys(signed))
        for seq, signature in signatures.items():
            cluster = seq
            if signature is not None:
                keys = next(batch_keys)  # band, bucket, band, bucket ...
                found = self._clusters_copied(signature, keys)
                if found:
                    cluster = found[0]
                if len(found) > 1:  # the clip bridges clusters: they become one
                    conn.executemany(
                        "UPDATE clip_cluster SET cluster = ? WHERE cluster = ?",
                        [(cluster, merged) for merged in found[1:]],
                    )
                conn.execute(
                    "INSERT OR REPLACE INTO clip_minhash (seq, signature) VALUES (?, ?)",
                    [seq, signature],
                )
                conn.executemany(
                    "INSERT INTO lsh_recent (band, bucket, seq) VALUES (?, ?, ?)",
                    zip(keys[::2], keys[1::2], repeat(seq)),
                )
            conn.execute(
                "INSERT OR REPLACE INTO clip_cluster (seq, cluster) VALUES (?, ?)", [seq, cluster]
            )
        self._merge_recent_buckets()

    def _merge_recent_buckets(self) -> None:
        """Move the small tier's buckets into the big one when it has grown enough
        (inside the caller's transaction)."""
        conn = self.conn
        recent = conn.execute("SELECT count(*) FROM lsh_recent").fetchone()[0]
        clips = conn.execute("SELECT coalesce(max(seq), 0) FROM clip_minhash").fetchone()[0]
        due = BANDS * max(RECENT_MIN_CLIPS, clips // (RECENT_SHARE + 1))
        if recent < due:  # due is never 0: an empty tier is never merged
            return
        conn.execute(
            "INSERT OR IGNORE INTO lsh_buckets (band, bucket, seq) "
            "SELECT band, bucket, seq FROM lsh_recent ORDER BY band, bucket, seq"
        )
        conn.execute("DELETE FROM lsh_recent")

    def _clusters_copied(self, signature: bytes, keys: list[int]) -> list[int]:
        """The clusters of the archived clips ``signature`` nearly copies, lowest first.
        Bounded work per clip, however many clips share a bucket (a story copied a
        thousand times): the latest few of each bucket, then the candidates sharing the
        most bands with their signatures. One statement (SQLite counts the shared bands)
        and one vector comparison, since this runs once per imported clip in the single
        writer. ``keys``: the clip's band keys as ``batch_band_keys`` gives them."""
        rows = self.conn.execute(CANDIDATES_SQL, keys).fetchall()
        if not rows:
            return []
        scores = similarities(signature, [sig for sig, _ in rows])
        pairs = zip(rows, scores, strict=True)
        return sorted({cluster for (_, cluster), score in pairs if score >= COPY_SIMILARITY})

    def has_fingerprints(self) -> bool:
        return self.conn.execute("SELECT 1 FROM clip_minhash LIMIT 1").fetchone() is not None

    def _clear_clusters(self) -> None:
        for table in ("clip_cluster", "lsh_recent", "lsh_buckets", "clip_minhash"):
            self.conn.execute(f"DELETE FROM {table}")

    def clusters(self, ids: list[ClipId] | None = None, min_size: int = 2) -> list[dict]:
        """Clusters of at least ``min_size`` clips (those holding one of ``ids`` when
        given), largest first: each named by the id of the clip that started it, with
        its clips in lineage order (earliest date, then earliest import) and their
        sources."""
        sql = (
            "SELECT k.cluster, c.id, c.source, c.date, c.title, c.seq FROM clip_cluster k "
            "JOIN clips c ON c.seq = k.seq WHERE k.cluster IN (SELECT cluster FROM "
            "clip_cluster GROUP BY cluster HAVING count(*) >= ?)"
        )
        rows = self.conn.execute(
            sql + " ORDER BY k.cluster, c.date_start IS NULL, c.date_start, c.seq", [min_size]
        ).fetchall()
        wanted = None
        if ids is not None:
            seqs = list(self._seqs_for_ids(ids).values())
            wanted = {
                r[0]
                for chunk in _chunks(seqs)
                for r in self.conn.execute(
                    "SELECT cluster FROM clip_cluster WHERE seq IN "
                    f"({', '.join('?' for _ in chunk)})",
                    chunk,
                )
            }
        out: dict[int, dict] = {}
        for cluster, clip_id, source, date, title, seq in rows:
            if wanted is not None and cluster not in wanted:
                continue
            entry = out.setdefault(
                cluster, {"cluster": None, "clips": [], "sources": [], "_first": (seq, clip_id)}
            )
            entry["clips"].append({"id": clip_id, "source": source, "date": date, "title": title})
            if seq == cluster:
                entry["cluster"] = clip_id
            entry["_first"] = min(entry["_first"], (seq, clip_id))
            if source and source not in entry["sources"]:
                entry["sources"].append(source)
        found = []
        for _number, entry in sorted(out.items(), key=lambda e: (-len(e[1]["clips"]), e[0])):
            first_imported = entry.pop("_first")[1]
            # The clip that started it, or (deleted by hand) the earliest left in it.
            entry["cluster"] = entry["cluster"] or first_imported
            entry["size"] = len(entry["clips"])
            entry["first"] = entry["clips"][0]["id"]
            found.append(entry)
        return found

    def cluster_of(self, ids: list[ClipId]) -> dict[ClipId, tuple[ClipId, int]]:
        """id -> (its cluster, clips in it) for the given clips."""
        out: dict[ClipId, tuple[ClipId, int]] = {}
        for chunk in _chunks(list(dict.fromkeys(ids))):
            out.update(
                (clip_id, (cluster, size))
                for clip_id, cluster, size in self.conn.execute(
                    "SELECT c.id, coalesce(f.id, (SELECT e.id FROM clip_cluster j "
                    "JOIN clips e ON e.seq = j.seq WHERE j.cluster = k.cluster "
                    "ORDER BY j.seq LIMIT 1)), "
                    "(SELECT count(*) FROM clip_cluster j WHERE j.cluster = k.cluster) "
                    "FROM clips c JOIN clip_cluster k ON k.seq = c.seq "
                    "LEFT JOIN clips f ON f.seq = k.cluster "
                    f"WHERE c.id IN ({', '.join('?' for _ in chunk)})",
                    chunk,
                )
            )
        return out

    def copy_share(self) -> tuple[int, int]:
        """(clips that are copies of another clip, clips in clusters at all)."""
        copies = self.conn.execute(
            "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM clip_cluster "
            "GROUP BY cluster)"
        ).fetchone()[0]
        total = self.conn.execute("SELECT count(*) FROM clip_cluster").fetchone()[0]
        return copies, total


def _chunks(items: list, size: int = 900):
    for i in range(0, len(items), size):
        yield items[i : i + size]
