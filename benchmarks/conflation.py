"""Does the analyzer conflate like a linguist? Measured on Universal Dependencies lemmas.

For each language, the gold data (benchmarks/gold/<lang>.tsv, see its README) lists
distinct written forms with their treebank lemma. Two forms with the same lemma should
get the same index term (else a search for one misses the other: recall); two forms of
different lemmas should not (else a search returns the wrong word: precision). Pairwise
precision, recall and F1 over distinct forms, and token-weighted (each pair weighted by
how often both forms occur), for this archive's analyzer and for reference systems
measured in the same run, plus words per second (each system warmed up first, so a
lexicon's loading is not counted: see docs/search-analysis-notes.md for those costs).

Pairs are counted from the contingency of (gold lemma, system term): a cell of n forms
gives n(n-1)/2 pairs, so a run is linear in the number of forms. A form the analyzer
gives several terms (none here: the gold forms are single words of letters) is scored by
its first term, the one at the word's position; a form that gives no term at all is a
class of its own (it meets nothing). Compound parts, indexed beside the whole word in
their own column, are not scored here: they add matches without changing the term.

    .venv/bin/python benchmarks/conflation.py [--languages ar,nl,en] [--worst 12]

Reference systems are benchmark-only (benchmarks/requirements-bench.txt); a missing one
is skipped with a note.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clipping_archive.analysis import preload, terms  # noqa: E402

GOLD = Path(__file__).resolve().parent / "gold"


def load_gold(language: str) -> list[tuple[str, str, int]]:
    rows = []
    for line in (GOLD / f"{language}.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        form, lemma, _upos, count = line.split("\t")
        rows.append((form, lemma, int(count)))
    return rows


def ours(language: str) -> Callable[[str], str]:
    preload()  # every lexicon, as the importer does before forking its workers

    def analyse(word: str) -> str:
        found = terms(word, language)
        return found[0] if found else ""

    return analyse


def references(language: str) -> dict[str, Callable[[str], str]]:
    systems: dict[str, Callable[[str], str]] = {}
    try:
        import Stemmer

        names = {"ar": ["arabic"], "nl": ["dutch", "dutch_porter"], "en": ["english", "porter"]}
        for name in names[language]:
            systems[f"snowball {name}"] = Stemmer.Stemmer(name).stemWord
    except ImportError:
        print("  (PyStemmer missing: Snowball skipped)")
    try:
        import simplemma

        systems["simplemma"] = lambda w, lang=language: simplemma.lemmatize(w, lang=lang)
    except ImportError:
        print("  (simplemma missing: skipped)")
    if language == "ar":
        try:
            from nltk.stem.arlstem import ARLSTem
            from nltk.stem.arlstem2 import ARLSTem2
            from nltk.stem.isri import ISRIStemmer

            systems["nltk isri"] = ISRIStemmer().stem
            systems["nltk arlstem"] = ARLSTem().stem
            systems["nltk arlstem2"] = ARLSTem2().stem
        except ImportError:
            print("  (nltk missing: ISRI/ARLSTem skipped; see benchmarks/requirements-bench.txt)")
        try:
            from tashaphyne.stemming import ArabicLightStemmer

            light = ArabicLightStemmer()
            systems["tashaphyne"] = lambda w: light.light_stem(w) or w
        except ImportError:
            print("  (tashaphyne missing: skipped)")
    return systems


def pairs(sizes) -> float:
    return sum(n * (n - 1) / 2 for n in sizes)


def weighted_pairs(groups: dict) -> float:
    # Pairs of tokens of distinct forms: ((sum c)^2 - sum c^2) / 2 per group.
    return sum((sum(cs) ** 2 - sum(c * c for c in cs)) / 2 for cs in groups.values())


# The goals (F1 over distinct forms); also: above every reference system.
GOALS = {"ar": 0.78, "nl": 0.87, "en": 0.91}


def score(gold: list[tuple[str, str, int]], system: Callable[[str], str]) -> dict:
    system("warmup")  # load lexicons and stemmers before the clock starts
    started = time.perf_counter()
    out = [system(form) for form, _, _ in gold]
    seconds = time.perf_counter() - started
    by_lemma: dict[str, list[int]] = defaultdict(list)
    by_term: dict[str, list[int]] = defaultdict(list)
    by_both: dict[tuple[str, str], list[int]] = defaultdict(list)
    for (_form, lemma, count), term in zip(gold, out, strict=True):
        by_lemma[lemma].append(count)
        by_term[term or f"\0{_form}"].append(count)  # nothing indexed: a class of its own
        by_both[(lemma, term or f"\0{_form}")].append(count)
    result = {"seconds": seconds, "words/s": len(gold) / seconds if seconds else 0.0}
    for kind, count_pairs in (
        ("forms", lambda g: pairs(len(v) for v in g.values())),
        ("tokens", weighted_pairs),
    ):
        tp, gold_pairs, sys_pairs = (
            count_pairs(by_both),
            count_pairs(by_lemma),
            count_pairs(by_term),
        )
        p = tp / sys_pairs if sys_pairs else 1.0
        r = tp / gold_pairs if gold_pairs else 1.0
        result[kind] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    result["out"] = out
    return result


def worst(gold, out, n: int) -> None:
    lemma_terms: dict[str, Counter] = defaultdict(Counter)
    term_lemmas: dict[str, Counter] = defaultdict(Counter)
    forms: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (form, lemma, count), term in zip(gold, out, strict=True):
        lemma_terms[lemma][term] += count
        term_lemmas[term][lemma] += count
        forms[(lemma, term)].append(form)
    print(f"  worst misses (a lemma's forms under several terms; top {n} by tokens lost):")
    misses = sorted(
        lemma_terms.items(), key=lambda kv: -(sum(kv[1].values()) - max(kv[1].values()))
    )
    for lemma, by_term in misses[:n]:
        if len(by_term) < 2:
            break
        parts = ", ".join(f"{t or '∅'}:{'/'.join(forms[(lemma, t)][:3])}" for t in by_term)
        print(f"    {lemma:<14} -> {parts}")
    print(f"  worst merges (one term, several lemmas; top {n} by tokens):")
    merges = sorted(
        term_lemmas.items(), key=lambda kv: -(sum(kv[1].values()) - max(kv[1].values()))
    )
    for term, by_lemma in merges[:n]:
        if len(by_lemma) < 2:
            break
        parts = ", ".join(f"{lemma}:{'/'.join(forms[(lemma, term)][:3])}" for lemma in by_lemma)
        print(f"    {term or '∅':<14} <- {parts}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", default="ar,nl,en")
    parser.add_argument("--worst", type=int, default=10)
    args = parser.parse_args()
    for language in args.languages.split(","):
        gold = load_gold(language)
        tokens = sum(c for _, _, c in gold)
        print(f"\n== {language}: {len(gold)} distinct forms, {tokens} tokens")
        systems = {"clipping-archive": ours(language), **references(language)}
        results = {name: score(gold, fn) for name, fn in systems.items()}
        print(
            f"  {'system':<18} "
            + " ".join(f"{h:>6}" for h in ("P", "R", "F1", "P tok", "R tok", "F1 tok"))
            + "   words/s"
        )
        for name, r in results.items():
            (p, rc, f), (pt, rt, ft) = r["forms"], r["tokens"]
            print(
                f"  {name:<18} {p:6.3f} {rc:6.3f} {f:6.3f}   {pt:6.3f} {rt:6.3f} {ft:6.3f}"
                f"   {r['words/s']:>9,.0f}"
            )
        best_ref = max((r["forms"][2], n) for n, r in results.items() if n != "clipping-archive")
        mine = results["clipping-archive"]["forms"][2]
        goal = GOALS.get(language, 0.0)
        verdict = "met" if mine >= goal and mine > best_ref[0] else "NOT met"
        print(
            f"  clipping-archive F1 {mine:.3f} vs best reference {best_ref[1]} {best_ref[0]:.3f};"
            f" goal >= {goal:.2f} and above every reference: {verdict}"
        )
        worst(gold, results["clipping-archive"]["out"], args.worst)


if __name__ == "__main__":
    main()
