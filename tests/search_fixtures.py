"""Extra clips for the search tests, for forms the five seeds do not contain (والحسن,
Arabic-Indic digits, tashkeel and tatweel inside a document, a word only in a title)."""

from __future__ import annotations

from pathlib import Path

EXTRA_CLIPS = {
    "ar_hasan.txt": (
        "لقاء مع الحسن في المدينة\n\n"
        "قال والحسن بن علي إن الهُجُومُ على مـــوسكو في عام ٢٠٢٤ كان مفاجئاً للجميع، وأعلن"
        " المستشفى عن وصول الجرحى إلى المدينة بعد ساعات من الحادث.\n\n"
        "وأضاف أن السلطات لم تعلن بعد عن عدد الضحايا.\n"
    ),
    # The same word once in a title and once in a body: the title hit must rank first.
    "en_title.txt": (
        "Zeppelin over the harbour\n\nA large airship was seen above the harbour on"
        " Tuesday morning, witnesses said. Nobody knew who sent it.\n"
    ),
    "en_body.txt": (
        "Harbour news in brief\n\nThe harbour authority said a zeppelin flew over the"
        " town on Tuesday morning, and nobody knew who sent it.\n"
    ),
}


def write_extra_clips(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in EXTRA_CLIPS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
