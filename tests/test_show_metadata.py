"""`clip show` on a real imported archive: metadata, --stripped, languages, --raw."""

import json

from conftest import SEEDS

SEED_000 = SEEDS / "000_d3fdf744a73ca98b.txt"


def _id(clip, word: str) -> str:
    return clip.jsonl("search", word)[0]["id"]


def test_show_json_carries_the_extracted_metadata(seeded_clip):
    shown = seeded_clip.json("show", _id(seeded_clip, "Hudayfa"))
    assert shown["title"] == "It’s been 10 years since ISIS declared a caliphate in Iraq and Syria"
    assert shown["title_derived"] is True
    arabic = seeded_clip.json("show", _id(seeded_clip, "كروكوس"))
    assert arabic["title"] == "رغم تحذيرات أمريكا.. لماذا هاجم داعش خراسان"
    assert (arabic["author"], arabic["date"]) == ("سارة أبو شادي", "2024-09-09")
    assert arabic["title_derived"] is False
    dutch = seeded_clip.json("show", _id(seeded_clip, "Dagestan"))
    assert dutch["date"] == "2024-06"
    assert seeded_clip.json("show", _id(seeded_clip, "waarschuwt"))["source"] == "ANHA"


def test_show_stripped_json_lists_removals_by_rule(seeded_clip):
    clip_id = _id(seeded_clip, "Hudayfa")
    assert "stripped" not in seeded_clip.json("show", clip_id)
    stripped = seeded_clip.json("show", clip_id, "--stripped")["stripped"]
    assert {"rule": "ad_tag", "text": "[ad_1]"} in stripped
    assert {"rule": "source_link", "text": "Source link"} in stripped


def test_show_stripped_human_groups_by_rule(seeded_clip):
    result = seeded_clip("show", _id(seeded_clip, "كروكوس"), "--stripped")
    assert result.exit_code == 0
    out = result.stdout
    assert "embed_link (3)" in out and "embed_attribution (3)" in out
    assert "last_edited (1)" in out and "اخر تعديل 2024-09-09" in out
    # Removed text appears once, under its rule, not in the body above.
    assert out.count("pic.twitter.com/XroxTyzlG5") == 1
    assert out.index("stripped") < out.index("pic.twitter.com/XroxTyzlG5")


def test_show_paragraph_languages(seeded_clip):
    shown = seeded_clip.json("show", _id(seeded_clip, "Dagestan"))
    assert shown["language"] == "nl"
    langs = [p["language"] for p in shown["paragraphs"]]
    english = [p["text"] for p in shown["paragraphs"] if p["language"] == "en"]
    assert "en" in shown["languages"] and langs.count("nl") > langs.count("en") >= 1
    assert any("Telegram channel" in text for text in english)
    assert "\n\n".join(p["text"] for p in shown["paragraphs"]).replace("\n\n", "\n") == (
        shown["body"].replace("\n\n", "\n")
    )
    human = seeded_clip("show", shown["id"]).stdout
    assert "in en: ¶" in human and "[en] 1) “Utro Dagestan”" in human


def test_raw_is_kept_whole(seeded_clip):
    shown = seeded_clip.json("show", _id(seeded_clip, "Dagestan"), "--raw", "--stripped")
    assert shown["raw"] == SEED_000.read_text(encoding="utf-8")
    assert all(item["text"] in shown["raw"] for item in shown["stripped"])
    assert json.dumps(shown, ensure_ascii=False)  # stdout held only JSON
