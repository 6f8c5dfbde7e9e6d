"""Extract (form, lemma, part of speech, count) lists from Universal Dependencies
treebanks, the gold data of benchmarks/conflation.py.

    python benchmarks/gold/extract_ud.py ar PATH/ar_padt-ud-test.conllu > benchmarks/gold/ar.tsv

Content words only (NOUN, PROPN, VERB, ADJ, ADV). Forms and lemmas are written as a search
engine sees words: lower case, and for Arabic without diacritics (Unicode Mn marks and
tatweel removed). For Arabic, a written word split into syntactic words
(`وبالوزير` = و + ب + الوزير, as a multiword token, or as tokens joined by
SpaceAfter=No as in UD_Arabic-PUD) is kept
as written, clitics joined, with the lemma of its content word: that is what a
researcher types and what the archive indexes. A form seen with several lemmas keeps its most
frequent one.

The same principle, a written word as a search engine sees it, decides three cases in the
Latin-script treebanks (given as the first argument, ``nl`` or ``en``):

- Dutch (Alpino) writes a separable verb's or a compound's lemma with underscores
  (`aan_geven`, `uit_gaan`, `jeugd_gezondheid_zorg`). A written word that holds its first
  part (`aangegeven`, `jeugdgezondheidszorg`) is a form of the joined word (`aangeven`);
  a verb whose particle stands elsewhere in the sentence (`geeft ... aan`, `ging ... uit`)
  is, as a written word, a form of the base verb (`geven`, `gaan`): no analyzer of words
  can see the particle.
- English fused words that the treebank splits into several syntactic words (multiword
  tokens such as `dont`, `gonna`, `cannot`, `theres`, and tokens written together as in
  `everytime`) are not forms of one lemma: they are left out, as are tokens the treebank
  marks as misspelt (`Typo=Yes`: `hlep`, `recomend`), which are a spelling corrector's
  business rather than a lemmatizer's.
- Arabic keeps both rules above this paragraph: clitics are written joined.
"""

from __future__ import annotations

import sys
import unicodedata
from collections import Counter, defaultdict

CONTENT = {"NOUN", "PROPN", "VERB", "ADJ", "ADV"}


def plain(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u0640", "")
    return "".join(c for c in text if unicodedata.category(c) != "Mn").lower()


def sentences(path: str):
    block: list[list[str]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if block:
                    yield block
                block = []
            elif not line.startswith("#"):
                block.append(line.split("\t"))
    if block:
        yield block


def surface_words(block: list[list[str]], language: str = "ar"):
    """(written form, lemma, upos) of each surface word; a multiword token takes the lemma
    of its first content word (Arabic; in English it is left out, see above)."""
    fused = language == "ar"  # clitics joined in writing
    words = {cols[0]: cols for cols in block if cols[0].isdigit()}
    covered: set[str] = set()
    for cols in block:
        if "-" in cols[0] and not fused:
            first, last = (int(x) for x in cols[0].split("-"))
            covered.update(str(i) for i in range(first, last + 1))
        elif "-" in cols[0]:
            first, last = (int(x) for x in cols[0].split("-"))
            parts = [words[str(i)] for i in range(first, last + 1) if str(i) in words]
            covered.update(str(i) for i in range(first, last + 1))
            content = next((p for p in parts if p[3] in CONTENT), None)
            if content is not None:
                yield cols[1], content[2], content[3]
    # Tokens written together (SpaceAfter=No between two word tokens) are one written word.
    group: list[list[str]] = []
    for key, cols in words.items():
        if key in covered:
            continue
        group.append(cols)
        joined = "SpaceAfter=No" in cols[9] and cols[3] not in ("PUNCT", "NUM", "SYM")
        following = words.get(str(int(key) + 1))
        if joined and following and following[3] not in ("PUNCT", "NUM", "SYM"):
            continue
        content = next((p for p in group if p[3] in CONTENT), None)
        # English and Dutch: `everytime` (every + time) is not a form of one lemma, and
        # a misspelt word (Typo=Yes) is not a form of its lemma; both are left out.
        clean = fused or (len(group) == 1 and "Typo=Yes" not in group[0][5])
        if content is not None and clean:
            yield "".join(p[1] for p in group), content[2], content[3]
        group = []


def unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def written_lemma(form: str, lemma: str) -> str:
    """Alpino's `aan_geven`: `aangeven` for a word that holds its first part, else the base
    verb (`geeft` of `geeft ... aan` is a form of `geven`)."""
    if "_" not in lemma:
        return lemma
    parts = [p for p in lemma.split("_") if p]
    if unaccented(form).startswith(unaccented(parts[0])):  # vóórkomen holds voor
        return "".join(parts)
    return parts[-1]


def extract(path: str, language: str = "ar") -> list[tuple[str, str, str, int]]:
    lemmas: dict[str, Counter] = defaultdict(Counter)
    pos: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for block in sentences(path):
        for form, lemma, upos in surface_words(block, language):
            form, lemma = plain(form), plain(lemma)
            if language == "nl":
                lemma = written_lemma(form, lemma)
            # One word as a tokenizer sees it: letters only (no URLs, numbers, "isn't",
            # hyphenated pairs, which a search engine splits into words first).
            if not form.isalpha() or not lemma or lemma == "_":
                continue
            lemmas[form][lemma] += 1
            pos[(form, lemma)][upos] += 1
    rows = []
    for form, counts in lemmas.items():
        lemma, _ = counts.most_common(1)[0]
        upos = pos[(form, lemma)].most_common(1)[0][0]
        rows.append((form, lemma, upos, sum(counts.values())))
    return sorted(rows, key=lambda r: (-r[3], r[0]))


def main() -> None:
    language, paths = sys.argv[1], sys.argv[2:]
    out = sys.stdout
    out.write("# form\tlemma\tupos\tcount\n")
    for row in extract(paths[0], language):
        out.write("\t".join(map(str, row)) + "\n")


if __name__ == "__main__":
    main()
