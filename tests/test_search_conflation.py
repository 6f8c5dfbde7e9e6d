"""Search conflates like a linguist, on a real archive: every form of a word is found,
and only that word (the examples of issue #16)."""

from __future__ import annotations

import pytest
from conftest import Clip

CLIPS = {
    "ar_minister.txt": "الوزير يزور المدينة\n\nقال الوزير إن الحكومة ستعمل مع الولايات المتحدة.",
    "ar_visit.txt": "زيارة قصيرة\n\nزار الرئيس المدينة أمس وعاد إلى بلده.",
    "ar_ministry.txt": (
        "بيان الوزارة\n\nأعلنت وزارة الصحة أن حكومته تدرس الوضع في مناطقهم منذ عاما."
    ),
    "ar_iran.txt": "طهران\n\nقالت إيران إن المحادثات مستمرة بشكل جيد.",
    "ar_riyadh.txt": "من الرياض\n\nوصل الوفد إلى الرياض صباح اليوم للقاء المسؤولين.",
    "ar_sport.txt": "أخبار الرياضة\n\nفاز الفريق في مباراة كرة القدم وسط اهتمام بالرياضة.",
    "ar_syria.txt": "سورية\n\nتستمر الأزمة في سورية منذ سنوات طويلة.",
    "ar_quran.txt": "سورة الفاتحة\n\nقرأ الإمام سورة الفاتحة في الصلاة.",
    "ar_adnan.txt": "لقاء\n\nالتقى عدنان بالصحفيين في المؤتمر.",
    "ar_aden.txt": "ميناء\n\nوصلت السفينة إلى ميناء عدن في اليمن.",
    "nl_compound.txt": (
        "Terreuraanslag in de stad\n\nDe terreuraanslag werd opgeëist door een groep die "
        "heeft gezegd dat de kinderen veilig zijn."
    ),
    "nl_mosques.txt": "Moskeeën\n\nDe gemeente heeft twee moskeeën gemaakt en de kinderen spelen.",
    "en_children.txt": "Children first\n\nThe women said the children went home after the attack.",
}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("conflation")
    folder = root / "clips"
    folder.mkdir()
    for name, text in CLIPS.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    clip = Clip(root / "archive.db")
    assert clip("import", str(folder)).exit_code == 0
    return clip


def found(run, query: str) -> set[str]:
    return {h["path"].rsplit("/", 1)[-1] for h in run.jsonl("search", query)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("وزير", {"ar_minister.txt"}),  # الوزير: the و of وزير is no conjunction
        ("ولايات", {"ar_minister.txt"}),  # الولايات
        ("حكومة", {"ar_minister.txt", "ar_ministry.txt"}),  # حكومته
        ("منطقة", {"ar_ministry.txt"}),  # مناطقهم
        ("عام", {"ar_ministry.txt"}),  # عاما
        ("شكل", {"ar_iran.txt"}),  # بشكل
        ("رياضة", {"ar_sport.txt"}),  # الرياضة, بالرياضة
        ("aanslag", {"nl_compound.txt"}),  # terreuraanslag, through its parts
        ("terreur", {"nl_compound.txt"}),
        ("hebben", {"nl_compound.txt", "nl_mosques.txt"}),  # heeft
        ("maken", {"nl_mosques.txt"}),  # gemaakt
        ("moskee", {"nl_mosques.txt"}),  # moskeeën
        ("kind", {"nl_compound.txt", "nl_mosques.txt"}),  # kinderen
        ("child", {"en_children.txt"}),
        ("woman", {"en_children.txt"}),
        ("say", {"en_children.txt"}),
        ("go", {"en_children.txt"}),
    ],
)
def test_every_form_is_found(run, query, expected):
    assert found(run, query) == expected


@pytest.mark.parametrize(
    ("query", "not_expected"),
    [
        ("وزارة", "ar_visit.txt"),  # ministry is not "visited"
        ("إيران", "ar_visit.txt"),
        ("الرياض", "ar_sport.txt"),  # Riyadh is not sport
        ("سورية", "ar_quran.txt"),  # Syria is not a Quran chapter
        ("عدن", "ar_adnan.txt"),  # Aden is not Adnan
    ],
)
def test_other_words_stay_apart(run, query, not_expected):
    assert not_expected not in found(run, query)
    assert found(run, query)  # and the word itself is found


def test_a_phrase_never_matches_across_compound_parts(run):
    assert found(run, '"terreur aanslag"') == set()
    assert found(run, '"de terreuraanslag"') == {"nl_compound.txt"}


def test_a_compound_part_is_highlighted_in_the_snippet(run):
    hit = run.jsonl("search", "aanslag")[0]
    marked = [hit["snippet"][s:e] for s, e in hit["highlights"]]
    assert marked and all(w.lower() == "terreuraanslag" for w in marked)
