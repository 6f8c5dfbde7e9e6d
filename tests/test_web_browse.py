"""Browsing the archive in the page without a query (issue #23): the clips newest first,
a page at a time, narrowed by facets, chart bars and tags; the clip page's copies and
its JSON twin's `copies` and `highlights`. Real archives from the seeds, real HTTP
requests on every way the page is served (tests/web_fixtures.py: Datasette on SQLite,
the standalone app on SQLite and on PostgreSQL), compared with the CLI on the same
archive."""

from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import SEED_FILES, SEEDS, Clip, make_corpus
from web_fixtures import Web

from clipping_archive import Archive
from clipping_archive.output.listing import list_clips
from clipping_archive.web.params import PAGE_SIZE

DAESH = "داعش"
HIT_KEYS = ["id", "title", "date", "language", "author", "source", "path", "score", "snippet"]


@pytest.fixture(scope="module")
def web(archives, seeded) -> Web:
    return archives.web(seeded)


@pytest.fixture(scope="module")
def seeded_cli(seeded) -> Clip:
    """The CLI on the same archive the page serves."""
    return Clip(seeded)


@pytest.fixture(scope="module")
def corpus_files(tmp_path_factory) -> Path:
    """60 clips of recombined seed paragraphs, most with a date line under the title
    (day first: five months of 2024), the rest undated."""
    folder = tmp_path_factory.mktemp("browse")
    for i, path in enumerate(make_corpus(folder / "files", 60)):
        if i % 10 == 5:  # dated to the year or the month only, by a sidecar
            vague = "2024" if i % 20 == 5 else "2024-03"
            path.with_suffix(".json").write_text(json.dumps({"date": vague}), encoding="utf-8")
        elif i % 4 != 3:
            title, rest = path.read_bytes().split(b"\n\n", 1)
            line = f"{1 + i % 27}-{1 + i % 5:02d}-2024"
            path.write_bytes(title + f"\n\n{line}\n\n".encode() + rest)
    return folder / "files"


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory, corpus_files) -> Path:
    """The corpus in an SQLite file (for the listing's own tests, below the page)."""
    db = tmp_path_factory.mktemp("browse-db") / "many.db"
    with Archive(db) as archive:
        archive.import_paths([corpus_files], workers=1)
        months = archive.facets()["month"]
    assert months[None] and len(months) > 3, "dated and undated clips, in several months"
    assert months["2024"] >= 2, "some clips dated to the year only"
    return db


@pytest.fixture(scope="module")
def corpus(archives, corpus_files):
    """The corpus on the web kind's backend."""
    return archives.build(corpus_files, workers=1)


def _all_pages(web: Web, query: str) -> list[dict]:
    hits, page = [], 1
    while True:
        got = web.json(
            f"/search.json?{query}&page={page}" if query else f"/search.json?page={page}"
        )
        if not got["hits"]:
            return hits
        hits += got["hits"]
        page += 1


def _start(clip_id: str, archive: Archive) -> str | None:
    return archive.get(clip_id)["date_start"]


# -- the page without a query lists the clips ---------------------------------------------


def test_search_json_without_a_query_lists_every_clip_newest_first(web, seeded, seeded_cli):
    got = web.json("/search.json")
    assert got["total"] == 5 and len(got["hits"]) == 5
    with Archive(seeded) as archive:
        everything = {row["id"] for row in archive.export_rows(None, ("id",))}
        starts = [_start(h["id"], archive) for h in got["hits"]]
    assert {h["id"] for h in got["hits"]} == everything
    dated = [s for s in starts if s]
    assert dated == sorted(dated, reverse=True) and len(dated) == 2
    assert starts[: len(dated)] == dated, "undated clips come after the dated ones"
    # The shape of `clip search --json`, nothing searched for: no score, no highlights.
    searched = seeded_cli.jsonl("search", "ISIS", "--limit", "1")[0]
    for hit in got["hits"]:
        assert list(hit) == list(searched) == [*HIT_KEYS, "highlights"]
        assert hit["score"] is None and hit["highlights"] == []
        assert hit["snippet"], hit["id"]
    # `q=` empty is no query: the same listing.
    assert web.json("/search.json?q=") == got
    assert web.json("/search.json?q=+") == got


def test_the_page_without_a_query_shows_the_listing(web):
    listed = web.json("/search.json")["hits"]
    html = web.get("/").text
    for hit in listed:
        assert f'href="/clip/{hit["id"]}"' in html
    assert html.count('<li class="hit"') == 5
    assert "5 clips in the archive (showing 1–5, newest first)" in html
    assert '<option value="newest" selected>' in html  # the order shown is the one used


def test_lang_filter_lists_that_language_only(web, seeded_cli):
    got = web.json("/search.json?lang=ar")
    assert got["total"] == 2 and {h["language"] for h in got["hits"]} == {"ar"}
    html = web.get("/?lang=ar").text
    assert html.count('<li class="hit"') == 2
    assert "2 clips match the filters" in html
    # The same clips `clip export --lang ar` writes.
    exported = seeded_cli("export", "--lang", "ar", "--format", "jsonl", "--columns", "id")
    assert {h["id"] for h in got["hits"]} == set(re.findall(r'"id": "(\w+)"', exported.stdout))


def test_pages_of_the_listing_cover_every_clip_once(archives, corpus):
    web = archives.web(corpus)
    with Archive(corpus) as archive:
        in_export = [row["id"] for row in archive.export_rows(None, ("id",))]
        total = len(in_export)
        assert total > 2 * PAGE_SIZE, "the corpus gives three pages"
        newest = _all_pages(web, "")
        starts = [_start(h["id"], archive) for h in newest]
    assert sorted(h["id"] for h in newest) == sorted(in_export)  # each clip once
    dated = [s for s in starts if s]
    assert dated == sorted(dated, reverse=True) and starts[: len(dated)] == dated
    oldest = _all_pages(web, "sort=oldest")
    assert [h["id"] for h in oldest] == in_export  # `clip export`'s order
    second = web.get("/?page=2").text
    assert second.count('<li class="hit"') == PAGE_SIZE
    assert f"showing {PAGE_SIZE + 1}–{2 * PAGE_SIZE}" in second
    assert 'href="/" rel="prev"' in second and 'href="/?page=3" rel="next"' in second
    assert web.json("/search.json?page=2")["hits"] == newest[PAGE_SIZE : 2 * PAGE_SIZE]


def _walk(archive: Archive, sort: str, filters: dict) -> list[str]:
    """The listing worked out the long way: every filtered clip in `clip export`'s order
    (dated by their first day, then undated, each in import order), newest first by
    reversing the dated and the undated apart."""
    rows = list(archive.export_rows(None, ("id", "date_start"), **filters))
    if sort == "oldest":
        return [r["id"] for r in rows]
    dated = [r["id"] for r in rows if r["date_start"]]
    undated = [r["id"] for r in rows if not r["date_start"]]
    return dated[::-1] + undated[::-1]


@pytest.mark.parametrize("sort", ["newest", "oldest"])
@pytest.mark.parametrize(
    "filters", [{}, {"lang": "nl"}, {"until": "2024-04"}, {"since": "2024-03"}]
)
def test_every_page_of_the_listing_is_a_slice_of_the_whole_walk(corpus_db, sort, filters):
    """Every page, of every size, is the page a walk of all the clips gives."""
    with Archive(corpus_db) as archive:
        whole = _walk(archive, sort, filters)
        assert len(whole) > 7
        for limit in (1, 7, 20):
            for offset in range(0, len(whole) + limit, limit):
                page = dict(sort=sort, limit=limit, offset=offset, **filters)
                listed = [h.clip["id"] for h in list_clips(archive, **page)]
                assert listed == whole[offset : offset + limit], (limit, offset)


@pytest.mark.parametrize(
    "filters",
    [{}, {"lang": "nl"}, {"since": "2024-03"}, {"until": "2024-04"}, {"tag": "x"},
     {"source": "reuters"}, {"lang": "ar", "until": "2024-04"}],
)  # fmt: skip
@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_a_listing_reads_an_index_in_order_and_never_sorts(corpus_db, sort, filters):
    """Each statement a listing runs on the SQLite file reads an index in the page's
    order (SQLite's plan names no temporary B-tree): a page costs the entries it skips
    and shows, not a sort of every clip the filters keep."""
    with Archive(corpus_db) as archive:
        store = archive.store
        ran: list[str] = []
        store.conn.set_trace_callback(ran.append)
        try:
            archive.list_ids(sort=sort, limit=20, offset=40, **filters)
        finally:
            store.conn.set_trace_callback(None)
        listings = [sql for sql in ran if sql.lstrip().upper().startswith("SELECT C.ID")]
        assert listings, ran
        for sql in listings:
            plan = [row[3] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
            assert any("INDEX" in step for step in plan), (sql, plan)
            assert not any("TEMP B-TREE" in step for step in plan), (sql, plan)


def _links(html: str, section: str) -> list[tuple[str, str]]:
    """(href, label) of the links in the facets aside or the chart's svg."""
    if section == "facets":
        part = html.split('<aside class="facets" id="facets">', 1)[1].split("</aside>", 1)[0]
        found = re.findall(
            r'<a href="([^"]+)" dir="auto">([^<]*)</a>\s*<span class="dim">(\d+)', part
        )
        return [(html_lib.unescape(h), n) for h, _, n in found]
    part = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    found = re.findall(r'<a href="([^"]+)">\s*<title>[^:]+: (\d+) clips?</title>', part)
    return [(html_lib.unescape(h), n) for h, n in found]


@pytest.mark.parametrize("start", ["/", "/?lang=nl", "/?q=ISIS"])
def test_every_facet_link_and_chart_bar_leads_to_its_clips(archives, corpus, start):
    web = archives.web(corpus)
    html = web.get(start).text
    facets, bars = _links(html, "facets"), _links(html, "chart")
    assert facets and bars
    for href, count in facets + bars:
        got = web.json(href.replace("/?", "/search.json?", 1) if "?" in href else "/search.json")
        assert got["hits"], href
        page = web.get(href).text
        assert page.count('<li class="hit"') == len(got["hits"]), href
        if "since=" not in href:
            # A language or source narrows to exactly the clips the facet counted (an
            # active one, clicked again, widens back: its count is then a part).
            assert got["total"] == int(count) or href.count("=") < start.count("="), href
        else:
            assert got["total"] >= int(count), href  # a month also holds clips dated vaguer


@pytest.fixture(scope="module")
def tagged_db(archives):
    db = archives.build(SEEDS)
    with Archive(db) as archive:
        ids = [h.clip["id"] for h in archive.search("ISIS", limit=None).hits]
        archive.tag_add("dossier", ids[:2])
        archive.tag_add("k", ids[1:3])
    return db


def test_tag_is_honoured_by_the_page_the_json_and_the_exports(archives, tagged_db):
    web = archives.web(tagged_db)
    clip = Clip(tagged_db)
    tagged = {h["id"] for h in clip.jsonl("search", "ISIS", "--tag", "dossier")}
    assert len(tagged) == 2
    listed = web.json("/search.json?tag=dossier")
    assert listed["total"] == 2 and {h["id"] for h in listed["hits"]} == tagged
    searched = web.json("/search.json?q=ISIS&tag=dossier")
    assert {h["id"] for h in searched["hits"]} == tagged
    both = web.json("/search.json?tag=dossier&tag=k")  # repeated: clips with all of them
    assert both["total"] == 1
    html = web.get("/?tag=dossier").text
    assert 'name="tag" value="dossier"' in html
    assert html.count('<li class="hit"') == 2
    assert 'href="/export.csv?tag=dossier"' in html
    # Facet links keep the tag.
    assert all("tag=dossier" in href for href, _ in _links(html, "facets"))
    export = web.get("/export.csv?tag=dossier").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(export)))
    assert {row["id"].lstrip("#") for row in rows} == tagged


def test_bad_filters_without_a_query_are_one_line(web):
    response = web.get("/search.json?since=2024-13")
    assert response.status_code == 400 and "2024-13" in response.json()["error"]
    page = web.get("/?since=2024-13")
    assert page.status_code == 400 and 'class="error"' in page.text


# -- the clip page: copies and highlights ---------------------------------------------------

ORIGINAL = SEED_FILES[3].read_text(encoding="utf-8")
BODY = [p for p in ORIGINAL.split("\n") if p.strip()][1:]


@pytest.fixture(scope="module")
def wire_db(archives, tmp_path_factory):
    """Seed 003 and two outlets' copies of it (as tests/test_dups.py), beside two other
    stories."""
    folder = tmp_path_factory.mktemp("wire")
    (folder / "a_original.txt").write_text(ORIGINAL, encoding="utf-8")
    (folder / "b_copy.txt").write_text(
        "ISIS-K: a decade of attacks\n\n(AP) - " + "\n\n".join(BODY) + "\n", encoding="utf-8"
    )
    (folder / "c_copy.txt").write_text(
        "Ten years of ISIS-K\n\n" + "\n\n".join(BODY[:-1]) + "\nShare this\n", encoding="utf-8"
    )
    for seed in SEED_FILES[:2]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    db = archives.new()
    with Archive(db) as archive:
        assert archive.import_paths([folder]).added == 5
    return db


def test_clip_page_and_json_list_the_copies(archives, wire_db):
    web, clip = archives.web(wire_db), Clip(wire_db)
    [story] = clip.jsonl("dups")
    first, *others = story["clips"]
    shown = clip.json("show", first)
    got = web.json(f"/clip/{first}.json")
    assert got["copies"] == shown["copies"] and sorted(got["copies"]) == sorted(others)
    html = web.get(f"/clip/{first}?q=caliphate").text
    assert "2 other copies of this story" in html
    for other in others:
        assert f'href="/clip/{other}?q=caliphate"' in html  # the query goes along
    alone = web.json("/search.json?q=Dagestan")["hits"][0]["id"]
    assert web.json(f"/clip/{alone}.json")["copies"] == []
    assert 'id="copies"' not in web.get(f"/clip/{alone}").text


@pytest.mark.parametrize("query", [DAESH, "خراسان", "ISIS", '"Islamitische Staat"'])
def test_clip_json_with_a_query_has_the_highlights_of_clip_show(web, seeded_cli, query):
    for hit in web.json(f"/search.json?q={quote(query)}")["hits"]:
        shown = seeded_cli.json("show", hit["id"], "--query", query, "--raw", "--stripped")
        got = web.json(f"/clip/{hit['id']}.json?q={quote(query)}")
        assert got == shown
        assert any(got["highlights"]["paragraphs"]) or got["highlights"]["title"]
    assert "highlights" not in web.json(f"/clip/{hit['id']}.json")


def test_clip_json_with_a_bad_query_is_one_line(web):
    clip_id = web.json("/search.json")["hits"][0]["id"]
    response = web.get(f"/clip/{clip_id}.json?q=%2A%2A%2A")
    assert response.status_code == 400 and "nothing to search for" in response.json()["error"]


def test_a_title_hit_is_counted_once_everywhere(web, seeded_cli):
    """The headline is the body's first line: its hit is marked in the title and in the
    first paragraph, and counted once, by `clip show`, the page and the export alike."""
    exported = seeded_cli("export", DAESH, "--format", "jsonl", "--columns", "id,hits")
    hits_column = dict(re.findall(r'"id": "(\w+)", "hits": (\d+)', exported.stdout))
    assert len(hits_column) == 2
    for clip_id, n in hits_column.items():
        shown = seeded_cli.json("show", clip_id, "--query", DAESH)
        assert shown["highlights"]["title"], "the title holds a hit, or this checks nothing"
        said = seeded_cli("show", clip_id, "--query", DAESH).stderr.strip()
        assert said == f"{n} hits for {DAESH!r} in this clip"
        page = web.get(f"/clip/{clip_id}?q={quote(DAESH)}").text
        assert f'id="hit-count">{n} hits for' in page
        in_paragraphs = sum(len(s) for s in shown["highlights"]["paragraphs"])
        assert in_paragraphs == int(n)


def test_a_title_given_apart_counts_its_own_hits(archives, tmp_path):
    """A sidecar's title is not in the body: its hit is a place of its own, counted
    beside the body's, by `clip show` and the page alike."""
    (tmp_path / "clip.txt").write_text(
        "De krant meldt vandaag nieuws uit de hoofdstad.\n\n"
        "De aanslag werd opgeëist door een groep, meldt de krant vandaag.\n",
        encoding="utf-8",
    )
    (tmp_path / "clip.json").write_text(json.dumps({"title": "Aanslag in Moskou"}))
    db = archives.new()
    with Archive(db) as archive:
        assert archive.import_paths([tmp_path]).added == 1
    clip = Clip(db)
    [hit] = clip.jsonl("search", "aanslag")
    shown = clip.json("show", hit["id"], "--query", "aanslag")
    assert shown["title"] == "Aanslag in Moskou" and shown["highlights"]["title"] == [[0, 7]]
    assert sum(len(s) for s in shown["highlights"]["paragraphs"]) == 1
    said = clip("show", hit["id"], "--query", "aanslag").stderr.strip()
    assert said == "2 hits for 'aanslag' in this clip"
    page = archives.web(db).get(f"/clip/{hit['id']}?q=aanslag").text
    assert 'id="hit-count">2 hits for' in page
