"""Near-duplicate clusters in the PostgreSQL archive: the same MinHash signatures, LSH
bands and copy threshold as ``sqlite_clusters`` (imported from it, so the two backends
cluster alike), filed a batch at a time.

A batch's candidates are read in one statement (for every clip and band, the latest
PER_BUCKET clips of its bucket), then each clip is filed in Python in batch order, the
batch's earlier clips counting as candidates too (two copies of one story in one batch
still meet). The writer holds ``WRITE_LOCK`` (storage.postgres) for its whole batch, so
two writers filing copies of one story at the same moment see each other's clips: the
second files its copy into the first one's cluster, as one writer would.

Mixed into PostgresStore (expects ``self.conn``)."""

from __future__ import annotations

from collections import Counter

import psycopg

from clipping_archive.ingest.fingerprint import similarities
from clipping_archive.storage.pg_schema import one
from clipping_archive.storage.sqlite_clusters import (
    COPY_SIMILARITY,
    MAX_CANDIDATES,
    PER_BUCKET,
    band_keys,
)

_CANDIDATES_SQL = (
    "SELECT k.i, b.seq, m.signature, cc.cluster FROM unnest(%s::int[], %s::smallint[], "
    "%s::bigint[]) AS k(i, band, bucket) CROSS JOIN LATERAL (SELECT seq FROM lsh_buckets l "
    "WHERE l.band = k.band AND l.bucket = k.bucket ORDER BY seq DESC LIMIT %s) b "
    "JOIN clip_minhash m ON m.seq = b.seq JOIN clip_cluster cc ON cc.seq = b.seq"
)


class PgClusters:
    conn: psycopg.Connection

    def _file_clusters(self, conn, signatures: list[tuple[int, bytes | None]]) -> None:
        """File new clips ((seq, signature), in import order) into clusters, inside the
        caller's transaction: a clip joins the cluster of the copies it nearly matches
        (merging clusters it bridges), or starts its own."""
        keyed = [(seq, sig, band_keys(sig) if sig else []) for seq, sig in signatures]
        idx, bands, buckets = [], [], []
        for i, (_, _, keys) in enumerate(keyed):
            for band, bucket in keys:
                idx.append(i)
                bands.append(band)
                buckets.append(bucket)
        # archive candidates: clip index -> {seq: shared bands}; seq -> (signature, cluster)
        shared: dict[int, Counter] = {}
        known: dict[int, tuple[bytes, int]] = {}
        if idx:
            rows = conn.execute(_CANDIDATES_SQL, [idx, bands, buckets, PER_BUCKET]).fetchall()
            for i, seq, sig, cluster in rows:
                shared.setdefault(i, Counter())[seq] += 1
                known[seq] = (bytes(sig), cluster)
        renamed: dict[int, int] = {}  # a merged cluster -> the one it joined

        def resolve(cluster: int) -> int:
            while cluster in renamed:
                cluster = renamed[cluster]
            return cluster

        batch_buckets: dict[tuple[int, int], list[int]] = {}
        merges: list[tuple[int, int]] = []
        assigned: list[tuple[int, int]] = []
        for i, (seq, sig, keys) in enumerate(keyed):
            cluster = seq
            if sig is not None:
                counts = Counter(shared.get(i, {}))
                for key in keys:
                    for other in batch_buckets.get(key, [])[-PER_BUCKET:]:
                        counts[other] += 1
                best = sorted(counts.items(), key=lambda kv: (-kv[1], -kv[0]))[:MAX_CANDIDATES]
                if best:
                    sigs = [known[s][0] for s, _ in best]
                    scores = similarities(sig, sigs)
                    found = sorted(
                        {
                            resolve(known[s][1])
                            for (s, _), score in zip(best, scores, strict=True)
                            if score >= COPY_SIMILARITY
                        }
                    )
                    if found:
                        cluster = found[0]
                        for merged in found[1:]:  # the clip bridges clusters: one now
                            renamed[merged] = cluster
                            merges.append((cluster, merged))
                for key in keys:
                    batch_buckets.setdefault(key, []).append(seq)
                known[seq] = (sig, cluster)
            assigned.append((seq, cluster))
        for cluster, merged in merges:
            conn.execute(
                "UPDATE clip_cluster SET cluster = %s WHERE cluster = %s", [cluster, merged]
            )
        final = [(seq, resolve(cluster)) for seq, cluster in assigned]
        with conn.cursor() as cur:
            with cur.copy("COPY clip_cluster (seq, cluster) FROM STDIN") as copy:
                for row in final:
                    copy.write_row(row)
            with cur.copy("COPY clip_minhash (seq, signature) FROM STDIN") as copy:
                for seq, sig, _ in keyed:
                    if sig is not None:
                        copy.write_row((seq, sig))
            with cur.copy("COPY lsh_buckets (band, bucket, seq) FROM STDIN") as copy:
                for seq, _, keys in keyed:
                    for band, bucket in keys:
                        copy.write_row((band, bucket, seq))

    def _forget_fingerprints(self, conn, seqs: list[int]) -> None:
        """Removed clips out of the buckets, signatures and clusters (inside the caller's
        transaction); a cluster that a removed clip named is named by its earliest
        remaining clip."""
        rows = conn.execute(
            "SELECT seq, signature FROM clip_minhash WHERE seq = ANY(%s)", [seqs]
        ).fetchall()
        keys = [(band, bucket, seq) for seq, sig in rows for band, bucket in band_keys(bytes(sig))]
        if keys:  # by key: the buckets are keyed (band, bucket, seq)
            conn.execute(
                "DELETE FROM lsh_buckets l USING unnest(%s::smallint[], %s::bigint[], "
                "%s::bigint[]) AS k(band, bucket, seq) WHERE l.band = k.band "
                "AND l.bucket = k.bucket AND l.seq = k.seq",
                [[k[0] for k in keys], [k[1] for k in keys], [k[2] for k in keys]],
            )
        conn.execute("DELETE FROM clip_minhash WHERE seq = ANY(%s)", [seqs])
        conn.execute("DELETE FROM clip_cluster WHERE seq = ANY(%s)", [seqs])
        conn.execute(
            "UPDATE clip_cluster k SET cluster = m.first FROM (SELECT cluster, min(seq) AS "
            "first FROM clip_cluster WHERE cluster = ANY(%s) GROUP BY cluster) m "
            "WHERE k.cluster = m.cluster",
            [seqs],
        )

    def _clear_clusters(self, conn) -> None:
        conn.execute("TRUNCATE clip_cluster, lsh_buckets, clip_minhash")

    def has_fingerprints(self) -> bool:
        return self.conn.execute("SELECT 1 FROM clip_minhash LIMIT 1").fetchone() is not None

    def clusters(self, ids: list[str] | None = None, min_size: int = 2) -> list[dict]:
        """Clusters of at least ``min_size`` clips (those holding one of ``ids`` when
        given), largest first: each named by the id of the clip that started it, with its
        clips in lineage order (earliest date, then earliest import) and their sources."""
        sql = (
            "SELECT k.cluster, s.id, c.id, c.source, c.date, c.title FROM clip_cluster k "
            "JOIN clips c ON c.seq = k.seq JOIN clips s ON s.seq = k.cluster "
            "WHERE k.cluster IN (SELECT cluster FROM clip_cluster GROUP BY cluster "
            "HAVING count(*) >= %s)"
        )
        params: list = [min_size]
        if ids is not None:
            sql += (
                " AND k.cluster IN (SELECT j.cluster FROM clip_cluster j JOIN clips i "
                "ON i.seq = j.seq WHERE i.id = ANY(%s))"
            )
            params.append(ids)
        sql += " ORDER BY k.cluster, c.date_start NULLS LAST, c.seq"
        out: dict[int, dict] = {}
        for cluster, name, clip_id, source, date, title in self.conn.execute(sql, params):
            entry = out.setdefault(cluster, {"cluster": name, "clips": [], "sources": []})
            entry["clips"].append({"id": clip_id, "source": source, "date": date, "title": title})
            if source and source not in entry["sources"]:
                entry["sources"].append(source)
        order = sorted(out, key=lambda k: (-len(out[k]["clips"]), k))
        found = [out[k] for k in order]
        for entry in found:
            entry["size"] = len(entry["clips"])
            entry["first"] = entry["clips"][0]["id"]
        return found

    def cluster_of(self, ids: list[str]) -> dict[str, tuple[str, int]]:
        """clip id -> (its cluster's name, clips in it) for the given clips."""
        rows = self.conn.execute(
            "SELECT c.id, s.id, (SELECT count(*) FROM clip_cluster j WHERE j.cluster = k.cluster) "
            "FROM clips c JOIN clip_cluster k ON k.seq = c.seq JOIN clips s ON s.seq = k.cluster "
            "WHERE c.id = ANY(%s)",
            [ids],
        ).fetchall()
        return {clip_id: (name, int(size)) for clip_id, name, size in rows}

    def copy_share(self) -> tuple[int, int]:
        """(clips that are copies of another clip, clips in clusters at all)."""
        copies, total = one(
            self.conn.execute(
                "SELECT coalesce(sum(n - 1), 0), coalesce(sum(n), 0) FROM "
                "(SELECT count(*) AS n FROM clip_cluster GROUP BY cluster) g"
            )
        )
        return int(copies), int(total)
