"""The browser page (`clip serve`) at the HTTP level, on every way it is served
(tests/web_fixtures.py: Datasette with the plugin on SQLite, the standalone app on
SQLite and on PostgreSQL), on real archives built from the seeds. Every JSON twin is
checked against the CLI's output for the same query on the same archive, so the page
cannot drift from the command-line contract on either backend."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from conftest import SEEDS, Clip, make_corpus, write_formula_clip
from web_fixtures import APP_POSTGRESQL, DATASETTE, Web, new_pg_database, with_password

from clipping_archive import Archive
from clipping_archive.errors import ClipError
from clipping_archive.output.export import CLIP_COLUMNS
from clipping_archive.output.shapes import CLIP_FIELDS
from clipping_archive.storage import sqlite_groups
from clipping_archive.web.params import PAGE_SIZE

KHORASAN = "خراسان"


@pytest.fixture(scope="module")
def web(archives, seeded) -> Web:
    return archives.web(seeded)


@pytest.fixture(scope="module")
def seeded_cli(seeded) -> Clip:
    """The CLI on the same archive the page serves."""
    return Clip(seeded)


@pytest.fixture(scope="module")
def datasette_web(seeded_db) -> Web:
    """Datasette's own pages (its table view) exist on an SQLite file only."""
    return Web(seeded_db)


def q(text: str) -> str:
    return quote(text)


# -- the JSON twins keep the CLI's shapes ------------------------------------------------


@pytest.mark.parametrize(
    "query, options",
    [
        ("ISIS", []),
        ("aanslagen", []),
        (KHORASAN, []),
        ("ISIS", ["--lang", "nl"]),
        ("ISIS", ["--sort", "newest"]),
        ("ISIS", ["--since", "2024-06", "--until", "2024-06"]),
    ],
)
def test_search_json_hits_are_the_cli_hits(web, seeded_cli, query, options):
    cli_hits = seeded_cli.jsonl("search", query, *options)
    params = "".join(f"&{options[i][2:]}={q(options[i + 1])}" for i in range(0, len(options), 2))
    got = web.json(f"/search.json?q={q(query)}{params}")
    assert got["hits"] == cli_hits
    assert got["total"] == len(cli_hits)
    assert cli_hits, "each case finds something, or it checks nothing"


def test_search_json_facets_are_the_archive_facets(web, seeded):
    got = web.json("/search.json?q=ISIS")
    with Archive(seeded) as archive:
        expected = archive.facets("ISIS")
    as_json = json.loads(json.dumps(expected))  # None keys become "null", as in the page
    assert got["facets"] == as_json
    assert set(got["facets"]) == {"language", "source", "month"}
    assert sum(got["facets"]["language"].values()) == got["total"] == 3


def test_clip_json_is_clip_show_json(web, seeded_cli):
    hit = web.json(f"/search.json?q={q(KHORASAN)}")["hits"][0]
    shown = seeded_cli.json("show", hit["id"], "--raw", "--stripped")
    got = web.json(f"/clip/{hit['id']}.json")
    # The clip's own fields as `clip show` gives them (the CLI may add more, about
    # other clips, such as its copies).
    assert set(got) >= {*CLIP_FIELDS, "paragraphs", "body", "raw", "stripped"}
    assert got == {k: shown[k] for k in got}
    assert web.json(f"/clip/{hit['id'][:8]}.json") == got  # a prefix, as `clip show`


# -- the search page ---------------------------------------------------------------------


class Elements(HTMLParser):
    """Start tags with their attributes, and the text inside elements of a class."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


def test_search_page_lists_hits_facets_and_counts(web):
    page = web.get(f"/?q={q(KHORASAN)}")
    assert page.status_code == 200
    html = page.text
    assert "2 of 2</strong> clips" in html
    hits = web.json(f"/search.json?q={q(KHORASAN)}")["hits"]
    for hit in hits:
        assert f'href="/clip/{hit["id"]}?q={q(KHORASAN)}"' in html
    assert f"<mark>{KHORASAN}</mark>" in html
    # Facet links narrow the same query; following one gives the CLI's filtered result.
    assert f'href="/?q={q(KHORASAN)}&amp;lang=ar"' in html
    assert f'href="/?q={q(KHORASAN)}&amp;since=2024-09&amp;until=2024-09"' in html
    narrowed = web.json(f"/search.json?q={q(KHORASAN)}&since=2024-09&until=2024-09")
    assert narrowed["total"] == 1


def test_every_text_element_has_a_direction(web):
    html = web.get(f"/?q={q(KHORASAN)}").text + web.get(f"/?q={q('ISIS')}").text
    tags = elements(html)
    hits = [(t, a) for t, a in tags if t in ("h3", "p") and a.get("class") in (None, "snippet")]
    assert hits
    for tag, attrs in tags:
        if tag in ("h3", "input") or attrs.get("class") in ("snippet", "paragraph"):
            if attrs.get("type") == "search" or tag != "input":
                assert attrs.get("dir") in ("auto", "rtl", "ltr"), (tag, attrs)
    snippets = [a for t, a in tags if a.get("class") == "snippet"]
    assert {a["dir"] for a in snippets} >= {"rtl", "auto"}  # Arabic rtl, Dutch/English auto


def test_timeline_chart_counts_the_query(web, seeded):
    html = web.get(f"/?q={q('ISIS')}").text
    assert "<svg" in html and "http" not in html.split("<svg", 1)[1].split("</svg>")[0].replace(
        "http://www.w3.org", ""
    )
    with Archive(seeded) as archive:
        timeline = archive.timeline("ISIS")
    for row in timeline.rows():
        if row["total"]:
            clips = "clip" if row["total"] == 1 else "clips"
            assert f"<title>{row['period']}: {row['total']} {clips}</title>" in html
    assert f"{timeline.undated} undated" in html


@pytest.fixture(scope="module")
def corpus_files(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "files"
    make_corpus(folder, 60)
    return folder


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory, corpus_files) -> Path:
    db = tmp_path_factory.mktemp("corpus-db") / "many.db"
    with Archive(db) as archive:
        archive.import_paths([corpus_files], workers=1)
    return db


@pytest.fixture(scope="module")
def corpus(archives, corpus_files):
    return archives.build(corpus_files, workers=1)


def test_pages_of_results(archives, corpus):
    with Archive(corpus) as archive:
        expected = archive.search("ISIS", limit=PAGE_SIZE, offset=PAGE_SIZE)
        total = archive.count("ISIS")
    assert total > PAGE_SIZE + 1, "the corpus gives a second page"
    web = archives.web(corpus)
    second = web.json("/search.json?q=ISIS&page=2")
    assert [h["id"] for h in second["hits"]] == [h.clip["id"] for h in expected.hits]
    assert second["total"] == total
    html = web.get("/?q=ISIS&page=2").text
    assert 'href="/?q=ISIS" rel="prev"' in html
    assert f"page 2 of {-(-total // PAGE_SIZE)}" in html
    beyond = web.json("/search.json?q=ISIS&page=99")
    assert beyond["hits"] == [] and beyond["total"] == total


@pytest.mark.parametrize(
    "query, filters",
    [
        ("ISIS", {}),  # matches most clips: counted by walking the facet index
        ("ISIS", {"lang": "nl"}),
        (KHORASAN, {}),  # matches few: counted by looking each one up
        ("ISIS", {"source": "ANHA"}),
        (None, {}),
        (None, {"lang": "ar"}),
    ],
)
def test_overview_counts_as_the_separate_commands(corpus_db, query, filters):
    """The one-pass overview (total, facets, timeline) against count, facets and
    timeline asked for one by one; its groups counted in memory against SQLite's own
    grouping (on both of its plans)."""
    with Archive(corpus_db) as archive:
        overview = archive.overview(query, **filters)
        assert overview.total == archive.count(query, **filters)
        assert overview.total > 0
        assert overview.facets == archive.facets(query, **filters)
        assert overview.timeline == archive.timeline(query, **filters)
        parsed = archive.parse(query) if query else None
        chosen = archive.filters(**filters)
        in_memory = archive.store.match_groups(parsed, chosen)
        assert sorted(in_memory, key=repr) == sorted(
            archive.store.match_groups_in_sql(parsed, chosen), key=repr
        )
        assert sqlite_groups.groups_for(archive.store.conn, corpus_db) is not None
    if query:
        got = Web(corpus_db).json(f"/search.json?q={q(query)}&" + urlencode(filters))
        assert got["total"] == overview.total
        assert got["facets"] == json.loads(json.dumps(overview.facets))


def test_both_plans_of_the_grouping_in_sql_are_tested(corpus_db):
    with Archive(corpus_db) as archive:
        clips = archive.count()
        shares = {archive.count(query) * 3 > clips for query in ("ISIS", KHORASAN)}
    assert shares == {True, False}


@pytest.mark.parametrize(
    "path, status, words",
    [
        ("/search.json?q=%2A%2A%2A", 400, "nothing to search for"),
        ("/search.json?q=ISIS&page=abc", 400, "page"),
        ("/search.json?q=ISIS&sort=sideways", 400, "sort"),
        ("/search.json?q=ISIS&since=2024-13", 400, "2024-13"),
        ("/clip/zzzzzzzz.json", 404, "no clip"),
    ],
)
def test_bad_input_is_one_clear_line(web, path, status, words):
    response = web.get(path)
    assert response.status_code == status
    message = response.json()["error"]
    assert words in message and "\n" not in message and "Traceback" not in message


def test_bad_input_on_the_pages_keeps_the_form(web):
    page = web.get("/?q=%2A%2A%2A")
    assert page.status_code == 400
    assert 'class="error"' in page.text and 'name="q" value="***"' in page.text
    missing = web.get("/clip/zzzzzzzz")
    assert missing.status_code == 404 and "no clip" in missing.text


# -- the clip page -----------------------------------------------------------------------


def test_clip_page_marks_the_hits_and_shows_raw_and_stripped(web, seeded):
    hit = web.json(f"/search.json?q={q(KHORASAN)}")["hits"][0]
    html = web.get(f"/clip/{hit['id']}?q={q(KHORASAN)}").text
    with Archive(seeded) as archive:
        clip = archive.get(hit["id"])
    assert html.count(f"<mark>{KHORASAN}</mark>") >= 1
    assert 'class="paragraph" dir="rtl" lang="ar"' in html
    raw = html.split('<pre class="raw" dir="auto">', 1)[1].split("</pre>", 1)[0]
    assert raw.replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&") == clip["raw"]
    plain = web.get(f"/clip/{hit['id']}").text
    assert "<mark>" not in plain  # reached without a query: nothing marked


def test_clip_page_lists_what_the_cleaner_stripped(web, seeded):
    with Archive(seeded) as archive:
        clips = [archive.get(h.clip["id"]) for h in archive.search("ISIS OR aanslag").hits]
    clip = next(c for c in clips if c.get("stripped"))
    html = web.get(f"/clip/{clip['id']}").text
    assert f"What the cleaner stripped ({len(clip['stripped'])})" in html
    for item in clip["stripped"]:
        assert f'<span class="dim">{item["rule"]}</span>' in html


# -- exports -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def formula_db(archives, tmp_path_factory):
    folder = tmp_path_factory.mktemp("formula")
    shutil.copytree(SEEDS, folder, dirs_exist_ok=True)
    write_formula_clip(folder)
    return archives.build(folder)


def test_csv_export_is_clip_export(archives, formula_db, tmp_path):
    out = tmp_path / "cli.csv"
    result = Clip(formula_db)("export", "aanslag", "--lang", "nl", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    response = archives.web(formula_db).get("/export.csv?q=aanslag&lang=nl")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="clips.csv"' in response.headers["content-disposition"]
    assert response.content == out.read_bytes()
    assert "'=HYPERLINK" in response.content.decode("utf-8-sig")  # neutralised, as the CLI


def test_xlsx_export_is_clip_export(archives, formula_db, tmp_path):
    out = tmp_path / "cli.xlsx"
    result = Clip(formula_db)("export", "aanslag", "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    response = archives.web(formula_db).get("/export.xlsx?q=aanslag")
    assert response.status_code == 200
    got = tmp_path / "web.xlsx"
    got.write_bytes(response.content)
    with zipfile.ZipFile(got) as web_book, zipfile.ZipFile(out) as cli_book:
        assert web_book.read("xl/worksheets/sheet1.xml") == cli_book.read(
            "xl/worksheets/sheet1.xml"
        )
        assert b"<f>" not in web_book.read("xl/worksheets/sheet1.xml")  # no formula cell


def test_exports_leave_no_temporary_files(web, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert web.get("/export.csv?q=ISIS").status_code == 200
    assert list(tmp_path.iterdir()) == []


# -- Datasette's own table view ----------------------------------------------------------


def test_datasette_table_search_uses_the_analysers(datasette_web, seeded_db):
    web = datasette_web
    with Archive(seeded_db) as archive:
        expected = {h.clip["id"] for h in archive.search("aanslagen", limit=None).hits}
    assert expected
    rows = web.json(f"/{web.name}/clips.json?_search=aanslagen&_shape=array&_col=id")
    assert {row["id"] for row in rows} == expected
    arabic = web.json(f"/{web.name}/clips.json?_search={q(KHORASAN)}&_shape=array&_col=id")
    assert len(arabic) == 2
    table = web.get(f"/{web.name}/clips").text
    assert 'name="_search"' in table  # the search box is shown


def test_datasette_table_search_refused_query_matches_nothing(datasette_web):
    web = datasette_web
    response = web.get(f"/{web.name}/clips.json?_search=%2A%2A%2A&_shape=array")
    assert response.status_code == 200 and response.json() == []


# -- security ----------------------------------------------------------------------------

SCRIPT_TITLE = "<script>alert(1)</script> Aanslag <img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
def hostile_db(archives, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.txt").write_text(
        f"{SCRIPT_TITLE}\n\nDe aanslag werd opgeëist door ISIS, meldt de krant vandaag.\n"
        "Een tweede alinea met genoeg Nederlandse woorden voor de taalherkenning.\n",
        encoding="utf-8",
    )
    (folder / "hostile.json").write_text(
        json.dumps({"source": "<b>Bron</b>", "url": "javascript:alert(3)"}), encoding="utf-8"
    )
    db = archives.new()
    with Archive(db) as archive:
        report = archive.import_paths([folder])
    assert report.added == 1
    return db


def test_clip_text_is_escaped_everywhere(archives, hostile_db):
    web = archives.web(hostile_db)
    clip_id = web.json("/search.json?q=aanslag")["hits"][0]["id"]
    narrowed = "/?" + urlencode({"q": "aanslag", "source": "<b>Bron</b>"})
    assert narrowed.replace("&", "&amp;") in web.get("/?q=aanslag").text  # its facet link
    for path in ("/?q=aanslag", f"/clip/{clip_id}?q=aanslag", narrowed):
        response = web.get(path)
        assert response.status_code == 200, path
        html = response.text
        assert "<script" not in html and "<img" not in html and "<b>" not in html, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, path
        assert "script-src" not in response.headers["content-security-policy"]
        assert "default-src 'none'" in response.headers["content-security-policy"]
    assert 'href="javascript:' not in web.get(f"/clip/{clip_id}").text


def _digest(db) -> str:
    """The archive's bytes (a file and its WAL); on a server, every column of every clip
    and the archive's summary, read through the API."""
    if not isinstance(db, Path):
        with Archive(db, readonly=True) as archive:
            rows = list(archive.export_rows(None, CLIP_COLUMNS))
            return json.dumps([rows, archive.stats()], sort_keys=True, default=str)
    return "".join(
        hashlib.sha256(Path(f"{db}{s}").read_bytes()).hexdigest()
        for s in ("", "-wal")
        if Path(f"{db}{s}").exists()
    )


def test_nothing_writes_to_the_archive(archives, hostile_db):
    web = archives.web(hostile_db)
    before = _digest(hostile_db)
    with Archive(hostile_db) as archive:
        count = archive.count()
    for method in ("post", "put", "delete", "patch"):
        for path in ("/", "/search.json?q=aanslag", "/export.csv", "/clip/x.json"):
            assert web.request(method, path).status_code in (403, 405), (method, path)
    paths = ["/?q=aanslag", "/export.xlsx", "/export.csv?q=aanslag"]
    if web.kind == DATASETTE:
        sql = quote("DELETE FROM clips")
        assert web.get(f"/{web.name}.json?sql={sql}").status_code >= 400
        paths.append(f"/{web.name}/clips?_search=aanslag")
    for path in paths:
        assert web.get(path).status_code == 200
    with Archive(hostile_db) as archive:
        assert archive.count() == count
    assert _digest(hostile_db) == before


def test_an_import_is_seen_by_the_next_request(archives, tmp_path):
    db = archives.build(SEEDS)
    web = archives.web(db)
    assert web.json("/search.json?q=walrusvaart")["total"] == 0
    table = None
    if web.kind == DATASETTE:
        table = f"/{web.name}/clips.json?_search=walrusvaart&_shape=array"
        assert web.json(table) == []
    new = tmp_path / "new"
    new.mkdir()
    (new / "walrus.txt").write_text(
        "Walrusvaart in de haven\n\nDe walrusvaart trok veel bekijks in de haven van "
        "Rotterdam, schrijft de krant.\n",
        encoding="utf-8",
    )
    before = web.json("/search.json")["facets"]["language"]
    with Archive(db) as writer:
        assert writer.import_paths([new]).added == 1
    found = web.json("/search.json?q=walrusvaart")
    assert found["total"] == 1 and found["facets"]["language"] == {"nl": 1}
    if table:
        assert len(web.json(table)) == 1
    after = web.json("/search.json")["facets"]["language"]
    assert after == {**before, "nl": before.get("nl", 0) + 1}


def _facets(web: Web, query: str) -> dict:
    return web.json(f"/search.json?q={q(query)}")["facets"]


def test_a_clip_changed_in_place_is_seen_by_the_next_request(tmp_path, seeded_db):
    """The page holds every clip's group between requests; a change made behind its
    back (here as with the sqlite3 shell) is in the next page all the same."""
    db = tmp_path / "live.db"
    shutil.copy(seeded_db, db)
    web = Web(db)
    hit = web.json(f"/search.json?q={q(KHORASAN)}")["hits"][0]
    assert "Nieuwe Bron" not in _facets(web, KHORASAN)["source"]
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "UPDATE clips SET source = 'Nieuwe Bron', date = '2019-02', "
            "date_start = '2019-02-01', date_end = '2019-02-28' WHERE id = ?",
            [hit["id"]],
        )
    facets = _facets(web, KHORASAN)
    assert facets["source"]["Nieuwe Bron"] == 1 and facets["month"]["2019-02"] == 1
    with conn:  # the newest clip deleted: the next import takes its seq
        last, language, month = conn.execute(
            "SELECT seq, language, substr(date, 1, 7) FROM clips ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        conn.execute("DELETE FROM clips_fts WHERE rowid = ?", [last])
        conn.execute("DELETE FROM clips WHERE seq = ?", [last])
    conn.close()
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "walrus.txt").write_text(
        "Walrusvaart in de haven\n\nDe walrusvaart trok veel bekijks in Rotterdam.\n",
        encoding="utf-8",
    )
    with Archive(db) as writer:
        assert writer.import_paths([folder]).added == 1
        new_id = writer.search("walrusvaart").hits[0].clip["id"]
    with sqlite3.connect(db) as conn:  # seqs never leave storage: asked of the file
        assert conn.execute("SELECT seq FROM clips WHERE id = ?", [new_id]).fetchone() == (last,)
    conn.close()
    assert (language, month) != ("nl", None), "the deleted clip's group differs"
    found = _facets(web, "walrusvaart")
    assert found["language"] == {"nl": 1} and found["month"] == {"null": 1}
    assert web.json("/search.json")["total"] == 5


def test_a_clip_committed_during_a_request_is_counted(tmp_path, seeded_db):
    """A clip committed after the groups were brought up to date and before the match
    read it (two statements) is read when the match names it."""
    db = tmp_path / "live.db"
    shutil.copy(seeded_db, db)
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "walrus.txt").write_text(
        "Walrusvaart in de haven\n\nDe walrusvaart trok veel bekijks in Rotterdam.\n",
        encoding="utf-8",
    )
    with Archive(db, readonly=True) as reader:
        conn = reader.store.conn
        held = sqlite_groups.groups_for(conn, db)
        known = held.high
        with Archive(db) as writer:
            assert writer.import_paths([folder]).added == 1
        new_seq = known + 1
        assert held.counts([1, new_seq]) is None  # not held yet
        sqlite_groups.fill_missing(conn, held, [1, new_seq])
        counted = held.counts_held([1, new_seq])
        assert sum(counted.values()) == 2
        assert reader.overview("walrusvaart").facets["language"] == {"nl": 1}


def test_an_archive_with_sparse_seqs_is_grouped_in_sql(tmp_path, seeded_db):
    """Seqs set by hand far beyond the clips (no array could hold them): the groups
    are not held, and SQLite groups the matches, with the same counts."""
    db = tmp_path / "sparse.db"
    shutil.copy(seeded_db, db)
    conn = sqlite3.connect(db)
    with conn:
        seq = conn.execute("SELECT max(seq) FROM clips").fetchone()[0]
        far = 50_000_000
        conn.execute("UPDATE clips SET seq = ? WHERE seq = ?", [far, seq])
        conn.execute("UPDATE clips_fts SET rowid = ? WHERE rowid = ?", [far, seq])
    conn.close()
    with Archive(db, readonly=True) as archive:
        assert sqlite_groups.groups_for(archive.store.conn, db) is None
        for query in ("ISIS", KHORASAN, None):
            overview = archive.overview(query)
            assert overview.total == archive.count(query) > 0
            assert overview.facets == archive.facets(query)


# -- clip serve --------------------------------------------------------------------------


def _serve(db: Path | str, *args: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "clipping_archive", "serve", "--db", str(db), "--port", "0", *args],
        stderr=subprocess.PIPE,
        text=True,
    )
    lines = []
    for line in proc.stderr:
        lines.append(line)
        if "serving" in line:
            break
    return proc, "".join(lines)


def test_clip_serve_prints_its_url_and_serves(seeded_db):
    from urllib.request import urlopen

    proc, err = _serve(seeded_db)
    try:
        url = re.search(r"http://127\.0\.0\.1:\d+/", err).group(0)
        assert "warning" not in err
        with urlopen(f"{url}search.json?q=ISIS", timeout=20) as response:
            assert json.loads(response.read())["total"] == 3
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_clip_serve_warns_beyond_localhost(seeded_db):
    proc, err = _serve(seeded_db, "--host", "0.0.0.0")
    try:
        assert err.startswith("warning: listening on 0.0.0.0")
        assert "serving" in err
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_clip_serve_without_an_archive_is_one_line(tmp_path):
    result = Clip(tmp_path / "none.db")("serve", "--port", "0")
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "no archive" in result.stderr
    assert not (tmp_path / "none.db").exists()


PASSWORD = "hunter2-not-shown"


def test_clip_serve_on_a_server_serves_the_standalone_app(request):
    """A PostgreSQL archive (which Datasette cannot read) gets the same page from the
    standalone app; the URL's password is never printed."""
    from urllib.request import urlopen

    url = new_pg_database(request)
    with Archive(url) as archive:
        archive.import_paths([SEEDS])
    proc, err = _serve(with_password(url, PASSWORD))
    try:
        assert PASSWORD not in err and "serving postgresql://" in err, err
        served = re.search(r"http://127\.0\.0\.1:\d+/", err).group(0)
        with urlopen(f"{served}search.json?q=ISIS", timeout=20) as response:
            assert json.loads(response.read())["total"] == 3
        with urlopen(served, timeout=20) as response:
            html = response.read().decode("utf-8")
            assert response.headers["content-security-policy"].startswith("default-src 'none'")
        assert 'id="hits"' in html and "Datasette" not in html  # no links to its pages
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_clip_serve_on_a_database_that_is_not_an_archive_is_one_line(request):
    """The server never makes an archive: an empty database is refused, and stays empty;
    a database that does not exist is refused too. Never with the password."""
    url = new_pg_database(request)
    for given in (url, url.rsplit("/", 1)[0] + "/clip_no_such_database"):
        result = Clip(with_password(given, PASSWORD))("serve", "--port", "0")
        assert result.exit_code == 1, result.stderr
        assert result.stderr.strip().count("\n") == 0 and PASSWORD not in result.stderr
        assert "Traceback" not in result.stderr
    with pytest.raises(ClipError):  # still not an archive: nothing was created
        with Archive(url, readonly=True) as archive:
            _ = archive.store


def test_a_dropped_server_connection_is_one_line_then_reopened(request):
    """The server restarts (here: every connection to the archive's database is
    terminated): the request that finds its handle dead answers one line (503), and the
    next one opens new handles, in every thread, and answers."""
    url = new_pg_database(request)
    import psycopg

    from clipping_archive.web.app import ArchiveApp

    with Archive(url) as archive:
        archive.import_paths([SEEDS])
    web = Web(url, APP_POSTGRESQL)
    web.app = ArchiveApp(url, workers=1)  # one request thread: the one whose handle dies
    assert web.json("/search.json?q=ISIS")["total"] == 3
    database = url.rsplit("/", 1)[1]
    with psycopg.connect(request.getfixturevalue("pg_server"), autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        )
    lost = web.get("/search.json?q=ISIS")
    assert lost.status_code == 503, lost.text[:300]
    message = lost.json()["error"]
    assert "\n" not in message and database in message and "Traceback" not in message
    page = web.get("/?q=ISIS")
    assert page.status_code == 200 and "3 of 3</strong> clips" in page.text
    assert web.json("/search.json?q=ISIS")["total"] == 3
    web.close()  # as at the server's shutdown: its connections are closed, not left open
    with psycopg.connect(request.getfixturevalue("pg_server"), autocommit=True) as admin:
        left = admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [database]
        ).fetchone()
    assert left == (0,)
