"""User query -> a ParsedQuery over analysed terms (the storage layer renders it).

A small parser, not FTS5's own syntax, reads what the user typed, so nothing typed can
cause an FTS5 syntax error:

- words: all must match (``aanslag Moskou``); ``AND`` may be written, it changes nothing;
- ``"exact phrase"`` (an unclosed quote runs to the end of the query);
- ``a OR b`` (binds tighter than the implicit AND: ``a OR b c`` is ``(a OR b) AND c``);
- ``-word`` or ``NOT word`` excludes; a query of exclusions only is refused;
- ``prefix*``;
- a word with punctuation inside (ISIS-K, al-Ansari, 2023-01-01, U.S., AT&T, foo:bar) is
  the phrase of its parts, since documents are split at the same punctuation;
- an operator with nothing to act on (``NOT`` alone, ``OR`` first or last) is a plain
  word, and punctuation alone (``*``, ``(``) is ignored.

Each word is analysed by every archive language's analyzer, and by the plain one for
paragraphs in other languages; the variants are OR'ed, so a query need not say its
language. Every term is quoted in the expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from clipping_archive.analysis import (
    FAMILY_MARK,
    LANGUAGES,
    analyze_word,
    family_query,
    normalize,
    terms_in_context,
    word_readings,
)
from clipping_archive.analysis.arabic import VERB_MARK, context_readings, is_arabic, strip_prefixes
from clipping_archive.analysis.tokenize import words
from clipping_archive.errors import QueryError

QUERY_LANGUAGES: tuple[str | None, ...] = (*LANGUAGES, None)
OPERATORS = ("OR", "AND", "NOT")
# A quoted phrase (closed or running to the end), or a run of anything else but spaces.
_LEXEME = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')


@dataclass(frozen=True)
class Phrase:
    """Analysed terms that must stand in this order (one term: a word); ``prefix``: the
    last term may be the start of an indexed term (``terror*``). ``level`` "family": one
    marked family term (analysis/family.py), matched in the coarse level of the index
    only (SQLite: the ``parts`` column), so it ranks below a lemma match."""

    terms: tuple[str, ...]
    prefix: bool = False
    level: str = "lemma"  # or "family"


Alternative = tuple[Phrase, ...]  # one word or phrase as typed: its variants, OR'ed
Clause = tuple[Alternative, ...]  # alternatives the user joined with OR


@dataclass(frozen=True)
class ParsedQuery:
    """What a query asks, independent of the storage backend (which renders it: FTS5's
    MATCH syntax in ``storage.fts5``): every ``wanted`` clause must match, no ``excluded``
    clause may."""

    wanted: tuple[Clause, ...]
    excluded: tuple[Clause, ...]
    terms: frozenset[str]  # every analysed term a hit may have, for highlighting
    prefixes: frozenset[str] = field(default_factory=frozenset)  # terms typed as prefix*


@dataclass(frozen=True)
class _Lexeme:
    text: str
    quoted: bool

    @property
    def operator(self) -> str | None:
        return None if self.quoted or self.text not in OPERATORS else self.text


@dataclass
class _Clause:
    """Alternatives joined by OR; excluded when negated."""

    alternatives: list[Alternative]
    negated: bool = False


@dataclass
class _Collector:
    terms: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)


def parse_query(text: str, languages: tuple[str | None, ...] = QUERY_LANGUAGES) -> ParsedQuery:
    lexemes = [
        _Lexeme(
            m.group("phrase") if m.group("phrase") is not None else m.group("word"),
            m.group("phrase") is not None,
        )
        for m in _LEXEME.finditer(text)
    ]
    clauses: list[_Clause] = []
    found = _Collector()
    pending_or = pending_not = False
    for i, lex in enumerate(lexemes):
        has_next = i + 1 < len(lexemes)
        op = lex.operator
        if op == "AND" and clauses and has_next:
            continue
        if op == "OR" and clauses and has_next and not clauses[-1].negated:
            pending_or = True
            continue
        if op == "NOT" and has_next:
            pending_not = True
            continue
        body, negated = lex.text, pending_not
        if not lex.quoted and body.startswith("-") and len(body) > 1:
            body, negated = body.lstrip("-"), True
        expr = _expression(body, lex.quoted, languages, None if negated else found)
        if expr is None:
            continue  # punctuation only: nothing to search for in this lexeme
        if pending_or and not negated:
            clauses[-1].alternatives.append(expr)
        else:
            clauses.append(_Clause([expr], negated))
        pending_or = pending_not = False
    return _assemble(clauses, found)


def _assemble(clauses: list[_Clause], found: _Collector) -> ParsedQuery:
    wanted = tuple(tuple(c.alternatives) for c in clauses if not c.negated)
    excluded = tuple(tuple(c.alternatives) for c in clauses if c.negated)
    if not wanted:
        if excluded:
            raise QueryError(
                "a query cannot only exclude (-word, NOT word): add a word that must match"
            )
        raise QueryError("nothing to search for: type at least one word")
    return ParsedQuery(wanted, excluded, frozenset(found.terms), frozenset(found.prefixes))


def _expression(
    text: str, quoted: bool, languages: tuple[str | None, ...], found: _Collector | None
) -> Alternative | None:
    """One word or phrase as typed: its variants across languages, to be OR'ed.
    ``found`` collects terms for highlighting (None for excluded words)."""
    prefix = not quoted and text.endswith("*")
    parts = [w for w, _, _ in words(text)]
    if not parts:
        return None
    variants: dict[tuple[str, ...], bool] = {}
    for lang in languages:
        # A phrase's words are read in context, as the index reads them (كما طالب).
        terms = tuple(t for t in terms_in_context(parts, lang) if t)
        if terms:
            variants[terms] = prefix
    if (
        len(parts) == 1
        and not prefix
        and is_arabic(parts[0])
        and not parts[0].startswith("ال")
        # A conjugated verb (طالبت) takes no article: its "definite" reading is a noun's.
        and not analyze_word(parts[0], "ar").startswith(VERB_MARK)
    ):
        # A name the dictionary lists with its article (الحسن, الرياض) is indexed whole;
        # a search for the bare word (حسن) finds it too.
        if definite := analyze_word("ال" + parts[0], "ar"):
            variants.setdefault((definite,), False)
    if len(parts) == 1 and not prefix:
        term, in_context = word_readings(parts[0], "ar")
        if in_context:
            # A word whose context decides its reading (طالب: a student, demanded, a name)
            # has none here: the search asks for every reading the index may have given it.
            for reading in context_readings(term):
                variants.setdefault((reading,), False)
    if prefix:
        # The stem of a prefix can be shorter than the prefix typed (terroristen* is
        # indexed as terrorist...), so the unstemmed, normalized form is tried as well.
        head = tuple(t for t in (analyze_word(w, None) for w in parts[:-1]) if t)
        last = normalize(parts[-1])
        if is_arabic(last):
            last = strip_prefixes(last, min_stem=1)
        if last:
            variants[(*head, last)] = True
    if not variants:
        return None
    families: dict[str, None] = {}
    if len(parts) == 1 and not prefix and not quoted and found is not None:
        # A word typed alone also finds its family (اليمن: اليمنية; bomb: bombing); a
        # phrase or a quoted word stays exact, and an excluded word excludes its lemma.
        for lang in languages:
            term = analyze_word(parts[0], lang)
            if term and (family := family_query(term, lang)):
                families[family] = None
                # The family's own head word is indexed as its lemma alone (a word adds a
                # family term only where the two differ): election also asks for elect,
                # government for govern. Latin script only: an Arabic family stem is
                # often another word (سوريا -> سور, a wall).
                base = family.removeprefix(FAMILY_MARK)
                if base != term and not is_arabic(base) and analyze_word(base, lang) == base:
                    variants.setdefault((base,), False)
    if found is not None:
        for terms, is_prefix in variants.items():
            found.terms.update(terms[:-1] if is_prefix else terms)
            if is_prefix:
                found.prefixes.add(terms[-1])
    return (
        *(Phrase(terms, is_prefix) for terms, is_prefix in variants.items()),
        *(Phrase((family,), level="family") for family in families),
    )
