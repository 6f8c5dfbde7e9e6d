"""storage.pg_rank's pure parts: the hit places a PostgreSQL archive shows, against the
plain definition (walk the terms one by one), on random bodies and queries."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clipping_archive.search.query import ParsedQuery, Phrase
from clipping_archive.storage.pg_rank import body_hits

WORDS = ["aan", "aanslag", "aanslagen", "moskou", "x", "xy", "isis", "ﺩاعش", "a'b"]


def reference(parsed: ParsedQuery, body_terms: str) -> tuple[int, ...]:
    """The definition: term by term, a word (or a prefix's start) is a hit, a phrase of
    several words is a hit where all of them follow each other."""
    terms = body_terms.split()
    hits: set[int] = set()
    for clause in parsed.wanted:
        for alternative in clause:
            for p in alternative:
                n = len(p.terms)
                for i in range(len(terms) - n + 1):
                    ok = all(
                        terms[i + k].startswith(t) if p.prefix and k == n - 1 else terms[i + k] == t
                        for k, t in enumerate(p.terms)
                    )
                    if ok:
                        hits.update(range(i, i + n))
    return tuple(sorted(hits))


phrases = st.builds(
    Phrase,
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(tuple),
    st.booleans(),
)


@settings(max_examples=400, deadline=None)
@given(
    body=st.lists(st.sampled_from(WORDS), max_size=40),
    wanted=st.lists(phrases, min_size=1, max_size=3),
)
def test_hit_places_are_those_of_the_definition(body, wanted):
    parsed = ParsedQuery(tuple(((p,),) for p in wanted), (), frozenset())
    assert body_hits(parsed, " ".join(body)) == reference(parsed, " ".join(body))


def test_spacing_between_terms_does_not_move_a_hit():
    parsed = ParsedQuery((((Phrase(("moskou",)),),),), (), frozenset())
    assert body_hits(parsed, "aan  x\nmoskou") == (2,)
