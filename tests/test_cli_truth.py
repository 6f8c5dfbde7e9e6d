"""Search that tells the truth (issue #11): strict options, "N of M", counts, hints,
clean pipes, prefixes that say why, and a terminal layout that keeps its indent."""

from __future__ import annotations

import json
import subprocess
import sys

from clipping_archive.analysis import analyze_word
from clipping_archive.search.query import parse_query


def test_a_mistyped_option_is_a_usage_error_not_a_query_word(seeded_clip):
    for typo in ("--limt", "--lnag", "--colour"):
        result = seeded_clip("search", "ISIS", typo, "3")
        assert result.exit_code == 2 and typo in result.stderr
        assert result.stderr.count("\n") == 1
    kept = seeded_clip("search", "ISIS", "-Dagestan", "--json")  # one dash: an exclusion
    assert kept.exit_code == 0


def test_lang_takes_codes_and_names_and_names_what_the_archive_holds(seeded_clip):
    by_code = seeded_clip.jsonl("search", "aanslag", "--lang", "nl")
    assert by_code and seeded_clip.jsonl("search", "aanslag", "--lang", "Dutch") == by_code
    for unknown in ("xx", "french"):
        result = seeded_clip("search", "aanslag", "--lang", unknown)
        assert result.exit_code == 2
        assert "ar (Arabic)" in result.stderr and "nl (Dutch)" in result.stderr


def test_n_of_m_on_stderr_and_count_alone(seeded_clip):
    total = int(seeded_clip("search", "ISIS", "--count").stdout)
    assert total == len(seeded_clip.jsonl("search", "ISIS", "--limit", "100")) > 2
    result = seeded_clip("search", "ISIS", "--limit", "2", "--json")
    assert result.stderr.splitlines()[-1] == f"2 of {total} clips"
    assert len(result.stdout.splitlines()) == 2  # stdout: JSON Lines only


def test_no_hits_say_what_excluded_clips_and_what_is_near(seeded_clip):
    result = seeded_clip("search", "ISIS", "--since", "2024-07")
    assert "undated clips are outside --since/--until" in result.stderr
    near = seeded_clip("search", "Bortnikof")
    assert "hint:" in near.stderr and "bortnikov" in near.stderr


def test_pipes_that_close_early_end_quietly(seeded_db):
    for args in (["search", "ISIS"], ["export"], ["timeline"], ["stats"]):
        command = [sys.executable, "-m", "clipping_archive", "--db", str(seeded_db), *args]
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        proc.stdout.read(5)
        proc.stdout.close()
        assert proc.wait(timeout=60) == 0, (args, proc.stderr.read()[-300:])


def test_show_says_why_a_prefix_does_not_do(seeded_clip):
    short = seeded_clip("show", "60")
    assert short.exit_code == 1 and "too short" in short.stderr
    ids = [h["id"] for h in seeded_clip.jsonl("search", "ISIS OR aanslag OR خراسان")]
    first = ids[0]
    assert seeded_clip.json("show", "#" + first)["id"] == first  # as CSV exports write it


def test_wrapped_titles_and_snippets_keep_their_indent(seeded_db):
    for width in ("80", "60"):
        result = subprocess.run(
            [sys.executable, "-m", "clipping_archive", "--db", str(seeded_db), "search", "ISIS"],
            capture_output=True,
            text=True,
            env={"COLUMNS": width, "PATH": "/usr/bin:/bin", "TERM": "dumb"},
        )
        lines = [line for line in result.stdout.splitlines() if line.strip()]
        snippet_lines = [line for line in lines if not line[:1].isalnum()]
        assert snippet_lines and all(line.startswith(" ") for line in snippet_lines)
        assert "????" not in result.stdout


def test_xlsx_needs_a_file(seeded_clip):
    result = seeded_clip("export", "--format", "xlsx")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


def test_show_with_a_query_marks_the_hits_search_found(seeded_clip):
    for query in ("aanslag", "خراسان", "attack"):
        hit = seeded_clip.jsonl("search", query, "--limit", "1")[0]
        result = seeded_clip("show", hit["id"], "--query", query, "--json")
        assert result.exit_code == 0, result.stderr
        shown = json.loads(result.stdout)
        marks = shown["highlights"]
        title = shown["title"] or ""
        words = [title[a:b] for a, b in marks["title"]] + [
            paragraph["text"][a:b]
            for paragraph, spans in zip(shown["paragraphs"], marks["paragraphs"], strict=True)
            for a, b in spans
        ]
        # What search marked in its snippet is marked here too.
        snippet = hit["snippet"]
        assert {snippet[a:b] for a, b in hit["highlights"]} <= set(words)
        # Every marked word is a form of the query word, and nothing else is marked.
        parsed = parse_query(query)
        for word in words:
            assert any(analyze_word(word, lang) in parsed.terms for lang in ("nl", "en", "ar"))
        # The title is the body's first line here: its hits are marked in both, but the
        # count names each place once, as the web page and the export's `hits` count.
        assert title.removesuffix("…") in shown["paragraphs"][0]["text"]
        in_body = sum(len(spans) for spans in marks["paragraphs"])
        assert result.stderr.strip() == f"{in_body} hits for {query!r} in this clip"


def test_show_with_a_query_marks_hits_on_the_terminal(seeded_db, seeded_clip):
    hit = seeded_clip.jsonl("search", "aanslag", "--limit", "1")[0]
    command = [sys.executable, "-m", "clipping_archive", "--db", str(seeded_db), "show"]
    env = {"PATH": "/usr/bin:/bin", "FORCE_COLOR": "1", "COLUMNS": "200", "TERM": "xterm"}
    plain = subprocess.run([*command, hit["id"]], capture_output=True, text=True, env=env)
    marked = subprocess.run(
        [*command, hit["id"], "--query", "aanslag"], capture_output=True, text=True, env=env
    )
    assert "\x1b[1;7;33maanslagen" not in plain.stdout
    assert "\x1b[1;7;33maanslagen" in marked.stdout  # bold yellow reverse, as search
    bad = seeded_clip("show", hit["id"], "--query", "-aanslag")
    assert bad.exit_code == 1 and bad.stderr.count("\n") == 1


def test_a_search_that_stopped_counting_says_at_least():
    from clipping_archive.cli.searching import matching
    from clipping_archive.search.hits import Results

    assert matching(Results(10_000, total_exact=False)) == "10000+ clips"
    assert matching(Results(1)) == "1 clip"
