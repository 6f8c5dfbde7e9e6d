"""A ParsedQuery as an FTS5 MATCH expression: every term quoted, so nothing a user types
can be an FTS5 syntax error."""

from __future__ import annotations

from clipping_archive.search.query import Alternative, Clause, ParsedQuery, Phrase

# A phrase of several words must stand in the text as written: the title or the body. The
# `parts` column (compound parts, terreur aanslag for terreuraanslag) answers single
# words only, so two parts of neighbouring compounds never make a phrase.
PHRASE_COLUMNS = "{title body}"
# A family term (analysis/family.py) is indexed in the `parts` column only.
FAMILY_COLUMNS = "{parts}"


def phrase(p: Phrase) -> str:
    quoted = '"' + " ".join(p.terms).replace('"', '""') + '"'
    quoted = quoted + " *" if p.prefix else quoted
    if p.level == "family":
        return f"{FAMILY_COLUMNS}: {quoted}"
    return f"{PHRASE_COLUMNS}: {quoted}" if len(p.terms) > 1 else quoted


def _group(items: list[str]) -> str:
    return items[0] if len(items) == 1 else "(" + " OR ".join(items) + ")"


def _alternative(alternative: Alternative) -> str:
    return _group([phrase(p) for p in alternative])


def _clause(clause: Clause) -> str:
    return _group([_alternative(a) for a in clause])


def match_expression(parsed: ParsedQuery) -> str:
    match = " AND ".join(_clause(c) for c in parsed.wanted)
    if parsed.excluded:
        match = f"({match}) NOT ({' OR '.join(_clause(c) for c in parsed.excluded)})"
    return match
