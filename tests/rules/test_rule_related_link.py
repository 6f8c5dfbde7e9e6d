"""Rule related_link: lines that point to another article, in the three languages."""

import pytest

from clipping_archive.ingest.cleaning import clean_text

BODY = "De aanslag werd opgeëist door ISIS, meldt het persbureau."


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Kremlin says the attack was planned for months",
        "Read also: Who are ISIS-K?",
        "Lees ook: Kremlin zegt dat de aanslag is voorbereid",
        "Lees meer | Wat we weten over de aanslag",
        "اقرأ أيضاً: الكرملين يقول إن الهجوم كان مخططا",
        "اقرأ ايضا: من هو تنظيم داعش خراسان",
        "اقرأ المزيد",
        "(Read more)",
    ],
)
def test_related_links_go(line):
    cleaned = clean_text(f"{BODY}\n\n{line}\n\nTweede alinea.")
    assert cleaned.body == f"{BODY}\n\nTweede alinea."
    assert [(r.rule, r.text) for r in cleaned.removed] == [("related_link", line)]


@pytest.mark.parametrize(
    "line",
    [
        "Read more about the attack in our explainer, which we update every day as we learn.",
        "Lees ook de verklaring van de burgemeester, die vanavond sprak.",
        "We read more than 300 statements before writing this piece.",
    ],
)
def test_what_an_author_wrote_stays(line):
    assert clean_text(f"{BODY}\n\n{line}").body == f"{BODY}\n\n{line}"


@pytest.mark.parametrize(
    ("label", "headline"),
    [
        ("Lees ook", "Kremlin: aanslag maanden voorbereid"),
        ("Lees ook:", "Wie is ISIS-K?"),
        ("Read more", "Who are ISIS-K, the group behind the attack"),
        ("اقرأ أيضاً", "من هو تنظيم داعش خراسان؟"),
    ],
)
def test_the_linked_headline_under_a_bare_label_goes(label, headline):
    cleaned = clean_text(f"{BODY}\n\n{label}\n\n{headline}\n\nTweede alinea.")
    assert cleaned.body == f"{BODY}\n\nTweede alinea."
    assert [(r.rule, r.text) for r in cleaned.removed] == [
        ("related_link", label),
        ("related_link", headline),
    ]


@pytest.mark.parametrize(
    "under",
    [
        "De burgemeester sprak vanavond van een zwarte dag voor de stad.",  # a sentence
        "x" * 200,  # a paragraph, not a headline
    ],
)
def test_text_under_a_bare_label_stays(under):
    cleaned = clean_text(f"{BODY}\n\nLees ook\n\n{under}")
    assert cleaned.body == f"{BODY}\n\n{under}"


def test_up_to_three_linked_headlines_go_and_the_text_after_them_stays():
    headlines = ["Kremlin: aanslag voorbereid", "Wie is ISIS-K?", "Wat we weten over de daders"]
    text = "\n\n".join([BODY, "Lees ook:", *headlines, "Tussenkop", "Tweede alinea."])
    cleaned = clean_text(text)
    assert cleaned.body == f"{BODY}\n\nTussenkop\n\nTweede alinea."
    assert [r.text for r in cleaned.removed] == ["Lees ook:", *headlines]


def test_a_sentence_ends_the_linked_headlines():
    text = f"{BODY}\n\nRead more\n\nWho are ISIS-K\n\nThe group said.\n\nShort line"
    assert clean_text(text).body == f"{BODY}\n\nThe group said.\n\nShort line"
