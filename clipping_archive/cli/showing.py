"""`clip show`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import click
from rich.text import Text

from clipping_archive.cli.console import Console
from clipping_archive.cli.options import db_option, emit_json, json_option, open_archive
from clipping_archive.models import Paragraph
from clipping_archive.output.clip_hits import hit_count
from clipping_archive.output.shapes import CLIP_FIELDS, clip_paragraphs, shown_clip_json
from clipping_archive.output.terminal import HIT_STYLE, safe
from clipping_archive.output.words import counted
from clipping_archive.search.snippets import ClipHits


@click.command("show")
@click.argument("clip_id", required=False)
@click.option("--path", "path", metavar="FILE", help="The clip this file brought in.")
@click.option("--raw", is_flag=True, help="Also the raw text as read from the file.")
@click.option("--stripped", is_flag=True, help="Also what the cleaner removed, by rule.")
@click.option("--query", "-q", "query", metavar="Q", help="Mark this query's hits, as search does.")
@db_option
@json_option
@click.pass_context
def show_cmd(
    ctx,
    clip_id: str | None,
    path: str | None,
    raw: bool,
    stripped: bool,
    query: str | None,
    as_json: bool,
) -> None:
    """Show one clip by id (or an unambiguous id prefix), or by --path FILE."""
    if (clip_id is None) == (path is None):
        raise click.UsageError("give a clip id or --path FILE (one of them)")
    with open_archive(ctx) as archive:
        clip = archive.get(clip_id) if clip_id is not None else archive.get_by_path(path or "")
        copies = archive.copies(clip["id"])
        paragraphs = clip_paragraphs(clip)
        hits = archive.hits_in(clip, query, paragraphs) if query else None
    if hits is not None:
        # stderr, as search's "N of M": stdout stays the clip (or pure JSON). A headline
        # is also the body's first line: its hits count once, as the web page counts.
        n = hit_count(clip.get("title"), paragraphs, hits)
        click.echo(f"{counted(n, 'hit')} for {query!r} in this clip", err=True)
    if as_json:
        out = shown_clip_json(
            clip, copies=copies, hits=hits, raw=raw, stripped=stripped, paragraphs=paragraphs
        )
        emit_json(out)
        return
    console = Console(highlight=False)
    console.print(render_header(clip, paragraphs, hits))
    console.print(render_body(paragraphs, clip.get("language"), hits))
    if copies:
        console.rule(f"{counted(len(copies), 'copy', 'copies')} of this story")
        for c in copies:
            line = f"{c['id']}  {c.get('date') or '-'}  {safe(c.get('source') or '')}"
            console.print(f"{line}  {safe(c.get('title') or '')}", markup=False)
    if stripped:
        console.rule("stripped")
        console.print(render_stripped(clip.get("stripped") or []))
    if raw:
        console.rule("raw")
        console.print(safe(clip["raw"]), markup=False)


def render_header(
    clip: Mapping[str, Any], paragraphs: tuple[Paragraph, ...], hits: ClipHits | None = None
) -> Text:
    header = Text()
    for key in CLIP_FIELDS:
        value = clip.get(key)
        if value in (None, [], "") or (key == "title_derived" and not value):
            continue
        if key == "title_derived":
            value = "yes (no headline: taken from the first sentence)"
        if isinstance(value, list):
            value = ", ".join(map(str, value))
        header.append(f"{key:>13}: ", style="dim")
        spans = hits.title if hits is not None and key == "title" else ()
        header.append_text(marked(safe(str(value)), spans))
        header.append("\n")
    if others := paragraph_summary(paragraphs, clip.get("language")):
        header.append(f"{'paragraphs':>13}: ", style="dim")
        header.append(others + "\n")
    return header


def paragraph_summary(paragraphs: tuple[Paragraph, ...], clip_language: str | None) -> str:
    """ "12 paragraphs; in en: ¶9" — only worth a line when some differ from the clip."""
    elsewhere: dict[str, list[int]] = {}
    for n, p in enumerate(paragraphs, 1):
        if p.language and p.language != clip_language:
            elsewhere.setdefault(p.language, []).append(n)
    if not elsewhere:
        return ""
    parts = [f"in {lang}: " + ", ".join(f"¶{n}" for n in ns) for lang, ns in elsewhere.items()]
    return f"{counted(len(paragraphs), 'paragraph')}; " + "; ".join(parts)


def render_body(
    paragraphs: tuple[Paragraph, ...], clip_language: str | None, hits: ClipHits | None = None
) -> Text:
    """The body, a paragraph per line, each in another language than the clip's marked,
    and the query's hits marked as search marks them."""
    body = Text()
    for n, p in enumerate(paragraphs):
        if n:
            body.append("\n\n")
        if p.language and p.language != clip_language:
            body.append(f"[{p.language}] ", style="dim")
        body.append_text(marked(safe(p.text), hits.paragraphs[n] if hits is not None else ()))
    return body


def marked(text: str, spans: Iterable[tuple[int, int]]) -> Text:
    """``text`` with the spans styled, nothing inserted (safe() replaces one for one, so
    offsets into the original text still hold)."""
    out = Text(text)
    for start, end in spans:
        out.stylize(HIT_STYLE, start, end)
    return out


def render_stripped(removed: list[dict]) -> Text:
    """What the cleaner and the metadata reader took out of the body, grouped by rule."""
    out = Text()
    if not removed:
        out.append("nothing was removed\n", style="dim")
        return out
    by_rule: dict[str, list[str]] = {}
    for item in removed:
        by_rule.setdefault(item.get("rule", "?"), []).append(item.get("text", ""))
    for rule, texts in by_rule.items():
        out.append(f"{rule} ({len(texts)})\n", style="bold")
        for text in texts:
            out.append(f"    {safe(text)}\n")
    return out
