"""The issue's "done when", on the real seed texts, through the pipeline functions."""

import pytest
from conftest import SEEDS

from clipping_archive.ingest import prepare_file

DEBRIS = ("[ad_", "Source link", "pic.twitter.com", "Uitgelichte afbeelding", "(@")


@pytest.fixture(scope="module")
def seeds() -> dict[str, object]:
    return {p.name[:3]: prepare_file(p) for p in sorted(SEEDS.glob("*.txt"))}


def test_seed_000_date_prefix(seeds):
    clip = seeds["000"]
    assert clip.metadata.date == "2024-06"
    assert clip.body.startswith("ISIS heeft de terroristische aanslagen in Dagestan")
    assert clip.metadata.title_derived  # no headline: the first sentence
    assert clip.metadata.title == (
        "ISIS heeft de terroristische aanslagen in Dagestan (min of meer) geclaimd"
    )


def test_seed_000_keeps_the_embedded_tweet_text_but_not_its_date(seeds):
    clip = seeds["000"]
    assert "the Islamist opposition Telegram channel" in clip.body
    assert "June 23, 2024" not in clip.body and clip.metadata.date == "2024-06"


def test_seed_001_headline_and_source(seeds):
    clip = seeds["001"]
    first_line = (SEEDS / "001_98ab83bc4f073aa9.txt").read_text("utf-8").split("\n")[0]
    assert clip.metadata.title == first_line and not clip.metadata.title_derived
    assert clip.metadata.source == "ANHA"
    assert "Bron: ANHA" not in clip.body


def test_seed_002_no_headline_derived_title(seeds):
    clip = seeds["002"]
    assert clip.metadata.title_derived
    assert clip.body.startswith(clip.metadata.title.rstrip("…"))


def test_seed_003_summary_bullet_is_not_the_title(seeds):
    clip = seeds["003"]
    assert clip.metadata.title_derived
    assert clip.metadata.title == (
        "It’s been 10 years since ISIS declared a caliphate in Iraq and Syria"
    )


def test_seed_004_headline_author_date(seeds):
    clip = seeds["004"]
    assert clip.metadata.title == "رغم تحذيرات أمريكا.. لماذا هاجم داعش خراسان"
    assert not clip.metadata.title_derived
    assert clip.metadata.author == "سارة أبو شادي"
    assert clip.metadata.date == "2024-09-09"  # not the tweets' March 22, 2024
    for gone in ("اخر تعديل", "بواسطة", "كتبت-"):
        assert gone not in clip.body
    assert not clip.body.startswith("-")
    assert "لحظة الهجوم الارهابي في العاصمة الروسية موسكو" in clip.body  # tweet text stays


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_no_seed_body_holds_debris(seeds, seed):
    body = seeds[seed].body
    assert not [d for d in DEBRIS if d in body]
    assert "\n-\n" not in f"\n{body}\n"


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_what_was_removed_is_in_the_raw_text(seeds, seed):
    clip = seeds[seed]
    for removed in clip.removed:
        assert removed.text in clip.raw


def test_removed_is_named_by_rule(seeds):
    rules = {r.rule for clip in seeds.values() for r in clip.removed}
    assert {
        "ad_tag",
        "source_link",
        "image_credit",
        "embed_attribution",
        "embed_link",
        "stray_dash",
        "last_edited",
        "byline",
        "source_line",
        "date_prefix",
    } <= rules
