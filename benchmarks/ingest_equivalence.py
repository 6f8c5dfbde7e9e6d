"""Does this checkout prepare clips exactly as another does? For speed work on ingest:
every field of every prepared clip, and the language of every whole article, compared.

Real articles from the public corpora metadata_eval.py reads (nothing of them is
committed; point at local copies, any subset), each as title, a blank line and its text,
half of them with a line or three of page debris put in, in UTF-8, UTF-8 with BOM,
UTF-16 or the script's code page (cp1256, cp1252); and the generated clips of ingest.py.
Each checkout prepares them in its own process (`prepare_bytes`: decoding, cleaning,
metadata, paragraph languages, analysed terms, fingerprint), and detects the language of
each whole article (`detect_language`, UTF-8 text as the corpus gives it).

    .venv/bin/python benchmarks/ingest_equivalence.py --tree ../main \\
        --saudinewsnet PATH/SaudiNewsNet/dataset --dpg PATH/partisan-news2019 \\
        --news-please PATH/Giveme5W1H/examples/datasets

It prints how many prepared clips are identical, the fields of those that are not, and
per corpus how many whole articles get the same language from both.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIELDS = (
    "id", "encoding", "raw", "body", "metadata", "language", "paragraphs", "removed",
    "title_terms", "body_terms", "part_terms", "signature", "date_start", "date_end",
    "languages",
)  # fmt: skip
DEBRIS = [
    "[ad_1]", "Source link", "Lees ook: Kabinet wil snel duidelijkheid", "Share this",
    "شارك هذا الخبر", "Advertisement", "Foto: ANP", "(الصورة من الأرشيف)",
    "Tags: Russia, U.S., ISIS", "-", "&nbsp;By John Smith", "pic.twitter.com/abc123",
    "— Polly (@nomnomcookieez) June 23, 2024", "Read more: What we know so far",
]  # fmt: skip


def saudinewsnet(folder: Path) -> list[str]:
    out = []
    for zipped in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(zipped) as z:
            for name in z.namelist():
                for a in json.loads(z.read(name).decode("utf-8")):
                    if len(a.get("content") or "") > 100:
                        out.append(f"{a.get('title') or ''}\n\n{a['content']}".strip())
    return out


def dpg(folder: Path) -> list[str]:
    lines = (folder / "dpgMedia2019-articles-byarticle-all.jsonl").read_text().splitlines()
    rows = [json.loads(line) for line in lines]
    return [f"{r.get('title') or ''}\n\n{r['text']}".strip() for r in rows if r.get("text")]


def news_please(folder: Path) -> list[str]:
    out, seen = [], set()
    for path in sorted(folder.glob("*/data/**/*.json")):
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        text = (d.get("text") or "").strip() if isinstance(d, dict) else ""
        if len(text) > 100 and text not in seen:
            seen.add(text)
            out.append(f"{d.get('title') or ''}\n\n{text}".strip())
    return out


def as_file(text: str, code_page: str, rng: random.Random) -> bytes:
    lines = text.split("\n")
    if rng.random() < 0.5:
        for _ in range(rng.randint(1, 3)):
            lines.insert(rng.randint(0, len(lines)), rng.choice(DEBRIS))
    encoding = rng.choice(["utf-8", "utf-8", "utf-8-sig", "utf-16", code_page])
    try:
        return "\n".join(lines).encode(encoding)
    except UnicodeEncodeError:
        return "\n".join(lines).encode("utf-8")


def dump(tree: Path, inputs: Path, out: Path) -> None:
    """In a process of its own: ``tree``'s package prepares the files and detects the
    articles' languages."""
    sys.path.insert(0, str(tree))
    import clipping_archive
    from clipping_archive.ingest.decode import DecodeError
    from clipping_archive.ingest.language import detect_language
    from clipping_archive.ingest.prepare import prepare_bytes

    if not Path(clipping_archive.__file__).resolve().is_relative_to(tree.resolve()):
        raise SystemExit(f"{tree}: its package was not the one imported")
    files, articles = pickle.loads(inputs.read_bytes())
    prepared = []
    for data in files:
        try:
            clip = prepare_bytes(data, "clip.txt")
        except DecodeError as exc:
            prepared.append(("rejected", str(exc)))
            continue
        prepared.append(tuple(getattr(clip, name) for name in FIELDS))
    languages = [(corpus, detect_language(text)) for corpus, text in articles]
    out.write_bytes(pickle.dumps((prepared, languages)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, required=True, help="the checkout compared")
    parser.add_argument("--saudinewsnet", type=Path, help="SaudiNewsNet/dataset (Arabic)")
    parser.add_argument("--dpg", type=Path, help="partisan-news2019 (Dutch)")
    parser.add_argument("--news-please", type=Path, help="Giveme5W1H/examples/datasets")
    parser.add_argument("--limit", type=int, default=2000, help="articles a corpus")
    parser.add_argument("--generated", type=int, default=3000, help="ingest.py's clips")
    parser.add_argument("--dump", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        dump(args.tree, *args.dump)
        return
    rng = random.Random(22)
    files: list[bytes] = []
    articles: list[tuple[str, str]] = []
    corpora = [
        ("SaudiNewsNet (ar)", args.saudinewsnet, saudinewsnet, "cp1256"),
        ("DpgMedia2019 (nl)", args.dpg, dpg, "cp1252"),
        ("news-please (en)", args.news_please, news_please, "cp1252"),
    ]
    for name, folder, read, code_page in corpora:
        if folder is None:
            continue
        texts = read(folder)
        random.Random(name).shuffle(texts)
        texts = texts[: args.limit]
        files += [as_file(text, code_page, rng) for text in texts]
        articles += [(name, text) for text in texts]
    if args.generated:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from ingest import generate

        with tempfile.TemporaryDirectory() as tmp:
            generate(Path(tmp), args.generated)
            files += [p.read_bytes() for p in sorted(Path(tmp).rglob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "inputs.pickle"
        inputs.write_bytes(pickle.dumps((files, articles)))
        results = []
        for tree in (ROOT, args.tree):
            out = Path(tmp) / f"{len(results)}.pickle"
            cmd = [sys.executable, __file__, "--tree", str(tree), "--dump", str(inputs), str(out)]
            subprocess.run(cmd, check=True)
            results.append(pickle.loads(out.read_bytes()))
    (mine, my_languages), (theirs, their_languages) = results
    differing = Counter(
        name
        for a, b in zip(mine, theirs, strict=True)
        if a != b
        for name, x, y in zip(FIELDS, a, b, strict=False)
        if x != y
    )
    same = sum(a == b for a, b in zip(mine, theirs, strict=True))
    print(f"prepared clips: {same} of {len(mine)} identical in every field")
    if differing:
        print(f"fields that differ (clips): {dict(differing)}")
    agree: Counter = Counter()
    total: Counter = Counter()
    for (corpus, a), (_, b) in zip(my_languages, their_languages, strict=True):
        total[corpus] += 1
        agree[corpus] += a == b
    for corpus in total:
        print(f"whole-article language, {corpus}: {agree[corpus]} of {total[corpus]} agree")


if __name__ == "__main__":
    main()
