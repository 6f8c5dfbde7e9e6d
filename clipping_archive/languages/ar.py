"""Arabic. Words are written as the matchers see them after folding (أ إ آ ٱ -> ا,
ى -> ي, ة -> ه, no harakat), so one spelling here covers the variants."""

from clipping_archive.languages import LanguagePack

PACK = LanguagePack(
    code="ar",
    name="Arabic",
    aliases=("arabic", "ara", "العربية", "عربي"),
    script="arabic",
    # Detection decides Arabic by script alone; no stopwords needed.
    months={
        # Egyptian/Gulf series, Levantine (Syriac) series, Maghrebi series.
        1: ("يناير", "كانون الثاني", "جانفي"),
        2: ("فبراير", "شباط", "فيفري"),
        3: ("مارس", "اذار"),
        4: ("ابريل", "نيسان", "افريل"),
        5: ("مايو", "ايار", "ماي"),
        6: ("يونيو", "يونيه", "حزيران", "جوان"),
        7: ("يوليو", "يوليه", "تموز", "جويليه"),
        8: ("اغسطس", "اب", "اوت"),
        9: ("سبتمبر", "ايلول"),
        10: ("اكتوبر", "تشرين الاول"),
        11: ("نوفمبر", "تشرين الثاني"),
        12: ("ديسمبر", "كانون الاول"),
    },
    weekdays=("الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد"),
    byline_words=("بقلم", "بواسطة"),
    byline_words_with_separator=("كتبت", "كتب", "إعداد", "اعداد", "الكاتب", "الكاتبة"),
    published_words=("تاريخ النشر", "نشر في", "نشر بتاريخ", "نشر", "بتاريخ"),
    updated_words=("اخر تعديل", "اخر تحديث", "تم التحديث في", "تم التحديث", "تحديث"),
    date_labels=("تاريخ", "التاريخ"),
    source_labels=("المصدر", "مصدر"),
    ad_labels=("إعلان", "اعلان"),
    image_labels=("مصدر الصورة", "الصورة", "صورة", "تصوير"),
    time_words=("الساعه",),
)
