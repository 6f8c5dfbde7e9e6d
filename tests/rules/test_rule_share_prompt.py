"""Rule share_prompt: lines that only ask the reader to share the page."""

import pytest

from clipping_archive.ingest.cleaning import clean_text

BODY = "The attack was claimed by ISIS-K, the group said on Telegram."


@pytest.mark.parametrize(
    "line",
    [
        "Share this",
        "Share this article",
        "Share: Facebook | Twitter | WhatsApp",
        "Deel dit artikel",
        "شارك هذا الخبر",
        "شارك",
        "Facebook Twitter Email",
        "Facebook X WhatsApp",  # X, Twitter's name since 2023
        "فيسبوك تويتر واتساب",  # the Arabic pack's platform names
        "فيس بوك | إكس | تيليجرام",
        "Facebook LinkedIn Kopieer link",
    ],
)
def test_share_prompts_go(line):
    cleaned = clean_text(f"{BODY}\n\n{line}\n\nMore text.")
    assert cleaned.body == f"{BODY}\n\nMore text."
    assert [(r.rule, r.text) for r in cleaned.removed] == [("share_prompt", line)]


@pytest.mark.parametrize(
    "line",
    [
        "Share this story with anyone who was at the concert that night, police asked.",
        "Facebook said it removed the video within an hour.",
        "شارك الآلاف في تشييع الضحايا يوم الجمعة",
        "X said it had removed the posts.",
        "نشر الفيديو على فيسبوك وتويتر قبل حذفه",
    ],
)
def test_sentences_about_sharing_stay(line):
    assert clean_text(f"{BODY}\n\n{line}").body == f"{BODY}\n\n{line}"
