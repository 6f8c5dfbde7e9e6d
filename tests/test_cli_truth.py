"""Search that tells the truth (issue #11): strict options, "N of M", counts, hints,
clean pipes, prefixes that say why, and a terminal layout that keeps its indent."""

from __future__ import annotations

import subprocess
import sys


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
