"""Retrieval on real articles: recall and precision of `clip search` per language, before
(the analyzer of another git revision, main by default) and after (this tree), in one run.

Articles (nothing of them is committed; point the script at local copies):
    --saudinewsnet PATH   SaudiNewsNet's dataset/ folder of daily zips (CC BY-NC-SA 4.0,
                          github.com/inparallel/SaudiNewsNet): the first --per-language
                          usable articles of August 2015.
    --dpg PATH            DpgMedia2019 (github.com/dpgmedia/partisan-news2019): the folder
                          holding dpgMedia2019-articles-byarticle-all.jsonl.
    --news-please PATH    Giveme5W1H/examples/datasets (github.com/fhamborg/Giveme5W1H):
                          news-please outputs and the BBC corpus, English.

Queries and their judged relevant articles: benchmarks/gold/retrieval.tsv lists, for each
query word, the surface forms (as written in these corpora) that make an article relevant:
the forms of the word's family, checked by hand in the corpus vocabulary, a verb or another
word that only shares letters left out (see docs/search.md, "How relevance is judged"). An
article is relevant when its title or text holds one of those forms as a whole token
(lower-cased; for Arabic without harakat and with the alef forms and ة unified): the
judge never calls the analyzer under test. `--candidates WORD` lists the corpus tokens that
contain a word's letters, to write or check a gold line.

Each system imports the same files into a fresh archive (the whole pipeline: cleaning,
metadata, analysis, FTS5) in its own process and runs every query through
`Archive.search`. Recall = relevant found / relevant; precision = relevant found / found,
summed over a language's queries (micro), with the queries that miss or over-find most.

    .venv/bin/python benchmarks/retrieval.py --saudinewsnet P --dpg P --news-please P
    .venv/bin/python benchmarks/retrieval.py --dpg P --candidates markt
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).resolve().parent / "gold" / "retrieval.tsv"
TOKEN = re.compile(r"[^\W_]+")
_HARAKAT = re.compile("[\u064b-\u065f\u0670\u0640]")
# Not ى -> ي: اليمنى (the right hand) is not اليمني (Yemeni).
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه"})
GOAL = 0.97


def judge_form(token: str) -> str:
    """The judge's own normalisation: case, harakat, alef forms and ة (spelling, not
    analysis: no clitic, suffix or lemma is touched)."""
    return _HARAKAT.sub("", token.casefold()).translate(_LETTERS)


def judge_tokens(text: str) -> list[str]:
    """The judge's tokens: harakat go before the text is split, as they are not letters
    (a vowelled اليَمَن is one token, not ال ي م ن)."""
    return TOKEN.findall(_HARAKAT.sub("", text))


# -- the corpora --------------------------------------------------------------------------


def _distinct(articles: list[dict]) -> list[dict]:
    """Each text once: the corpora repeat some articles (one per paper or day), and an
    archive keeps one copy of a duplicate file, so the other would count as a miss."""
    seen: set[str] = set()
    out = []
    for a in articles:
        key = " ".join(a["text"].split())
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def saudinewsnet(folder: Path, limit: int) -> list[dict]:
    out = []
    for zipped in sorted(folder.glob("2015-08-*.zip")):
        with zipfile.ZipFile(zipped) as z:
            for name in z.namelist():
                for a in json.loads(z.read(name).decode("utf-8")):
                    if a.get("title") and len(a.get("content") or "") > 300:
                        out.append({"title": a["title"].strip(), "text": a["content"]})
        if len(out) >= limit:
            break
    return _distinct(out)[:limit]


def dpg(folder: Path, limit: int) -> list[dict]:
    rows = (folder / "dpgMedia2019-articles-byarticle-all.jsonl").read_text().splitlines()
    out = []
    for line in rows:
        r = json.loads(line)
        if r.get("title") and len(r.get("text") or "") > 300:
            out.append({"title": r["title"].strip(), "text": r["text"]})
    return _distinct(out)[:limit]


def news_please(folder: Path, limit: int) -> list[dict]:
    seen, out = set(), []
    for path in sorted(folder.glob("*/data/**/*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(d, dict):
            continue
        title, text = (d.get("title") or "").strip(), (d.get("text") or "").strip()
        if not title or len(text) < 300 or title in seen:
            continue
        seen.add(title)
        out.append({"title": " ".join(title.split()), "text": text})
    return _distinct(out)[:limit]


# -- the judge ----------------------------------------------------------------------------


def load_gold() -> dict[str, dict[str, set[str]]]:
    """language -> query -> the judged surface forms (judge_form'ed)."""
    gold: dict[str, dict[str, set[str]]] = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        language, query, forms = line.split("\t")
        gold.setdefault(language, {})[query] = {judge_form(f) for f in forms.split()}
    return gold


def relevant(articles: list[dict], forms: set[str]) -> set[int]:
    return {
        i
        for i, a in enumerate(articles)
        if forms & {judge_form(t) for t in judge_tokens(a["title"] + "\n" + a["text"])}
    }


def candidates(articles: list[dict], word: str) -> None:
    """Corpus tokens holding the letters of ``word`` (bare, article dropped), most
    frequent first: the list a gold line is chosen from."""
    core = judge_form(word)
    if core.startswith("ال"):
        core = core[2:]
    counts = Counter(
        judge_form(t)
        for a in articles
        for t in judge_tokens(a["title"] + "\n" + a["text"])
        if core in judge_form(t)
    )
    print(" ".join(f"{form}:{n}" for form, n in counts.most_common()))


# -- the systems --------------------------------------------------------------------------

WORKER = """
import json, sys
from pathlib import Path
from clipping_archive import Archive
folder, db, queries = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
with Archive(db) as archive:
    archive.import_paths([folder], workers=1)
    out = {}
    for q in queries:
        hits = archive.search(q, limit=100000, count=False).hits
        out[q] = sorted({int(Path(h.clip["path"]).stem) for h in hits})
print(json.dumps(out))
"""


def run_system(tree: Path, folder: Path, queries: list[str], work: Path) -> dict[str, set[int]]:
    db = work / f"{tree.name}-{folder.name}.db"  # a fresh archive per system and language
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", WORKER, str(folder), str(db), json.dumps(queries)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin", "HOME": str(work)},
        cwd=work,  # `python -c` puts the working directory first on sys.path
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"retrieval: the system at {tree} failed:\n{done.stderr[-2000:]}")
    print(f"  ({tree}: imported and searched in {time.perf_counter() - started:.0f} s)")
    return {q: set(ids) for q, ids in json.loads(done.stdout.splitlines()[-1]).items()}


def checkout(ref: str, work: Path) -> Path:
    """The package of another revision, unpacked from git (no worktree is touched)."""
    tree = work / f"before-{ref}"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, "clipping_archive"],
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def score(found: dict[str, set[int]], judged: dict[str, set[int]]) -> tuple[float, float, list]:
    tp = sum(len(found[q] & judged[q]) for q in judged)
    rel = sum(len(judged[q]) for q in judged)
    ret = sum(len(found[q]) for q in judged)
    rows = [
        (q, len(judged[q]), len(found[q] & judged[q]), len(found[q] - judged[q])) for q in judged
    ]
    return (tp / rel if rel else 1.0), (tp / ret if ret else 1.0), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--saudinewsnet", type=Path)
    parser.add_argument("--dpg", type=Path)
    parser.add_argument("--news-please", type=Path)
    parser.add_argument("--per-language", type=int, default=1200, help="articles a language")
    parser.add_argument("--before", default="main", help="git revision to compare with")
    parser.add_argument("--candidates", nargs="*", help="list corpus forms for these words")
    parser.add_argument("--show", action="store_true", help="print each query's figures")
    args = parser.parse_args()
    loaders = [
        ("ar", "SaudiNewsNet", args.saudinewsnet, saudinewsnet),
        ("nl", "DpgMedia2019", args.dpg, dpg),
        ("en", "news-please + BBC", args.news_please, news_please),
    ]
    corpora = {
        lang: (name, load(path, args.per_language))
        for lang, name, path, load in loaders
        if path is not None
    }
    if not corpora:
        parser.error("give at least one corpus (--saudinewsnet, --dpg, --news-please)")
    if args.candidates:
        for word in args.candidates:
            for lang, (_name, articles) in corpora.items():
                print(f"{lang} {word}:", end=" ")
                candidates(articles, word)
        return
    gold = load_gold()
    with tempfile.TemporaryDirectory(prefix="retrieval-") as tmp:
        work = Path(tmp)
        before = checkout(args.before, work)
        for lang, (name, articles) in corpora.items():
            queries = gold.get(lang, {})
            if not queries:
                continue
            folder = work / f"articles-{lang}"
            folder.mkdir()
            for i, a in enumerate(articles):
                (folder / f"{i}.txt").write_text(f"{a['title']}\n\n{a['text']}\n", encoding="utf-8")
            judged = {q: relevant(articles, forms) for q, forms in queries.items()}
            print(
                f"\n== {lang}: {name}, {len(articles)} articles, {len(queries)} queries, "
                f"{sum(map(len, judged.values()))} relevant (article, query) pairs"
            )
            results = {
                f"before ({args.before})": run_system(before, folder, list(queries), work),
                "after (this tree)": run_system(ROOT, folder, list(queries), work),
            }
            print(f"  {'system':22} {'recall':>7} {'precision':>9}")
            for system, found in results.items():
                recall, precision, rows = score(found, judged)
                met = "met" if recall >= GOAL and precision >= GOAL else "NOT met"
                print(f"  {system:22} {recall:7.3f} {precision:9.3f}   goal >= {GOAL}: {met}")
                if args.show:
                    for q, rel, tp, fp in rows:
                        print(f"      {q:16} relevant {rel:4}  found {tp:4}  wrong {fp:4}")
            found = results["after (this tree)"]
            misses = sorted(judged, key=lambda q: len(judged[q] - found[q]), reverse=True)[:5]
            extra = sorted(judged, key=lambda q: len(found[q] - judged[q]), reverse=True)[:5]
            print(
                "  after, most missed:  "
                + ", ".join(f"{q} {len(judged[q] - found[q])}" for q in misses)
            )
            print(
                "  after, most wrong:   "
                + ", ".join(f"{q} {len(found[q] - judged[q])}" for q in extra)
            )


if __name__ == "__main__":
    main()
