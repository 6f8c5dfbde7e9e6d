"""Dutch."""

from clipping_archive.languages import LanguagePack

PACK = LanguagePack(
    code="nl",
    name="Dutch",
    aliases=("nederlands", "dutch", "nld", "dut", "vlaams"),
    stopwords=frozenset(
        """de het een en van dat die niet zijn op voor met als aan er maar om ook bij nog
        wel dan naar uit hij ze zij wordt werd worden heeft hebben deze dit wat tot
        geen meer zich kan zou omdat hun onder tegen na waar hoe wie nu daar dus toen
        sinds tussen volgens werden zijn waren heb ik je jij wij mij hem haar ons
        zal zullen moet kunnen naar ook nadat terwijl maar echter waarin waarvan""".split()
    ),
    months={
        1: ("januari", "jan"),
        2: ("februari", "feb"),
        3: ("maart", "mrt"),
        4: ("april", "apr"),
        5: ("mei",),
        6: ("juni", "jun"),
        7: ("juli", "jul"),
        8: ("augustus", "aug"),
        9: ("september", "sep", "sept"),
        10: ("oktober", "okt"),
        11: ("november", "nov"),
        12: ("december", "dec"),
    },
    weekdays=("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    byline_words=("geschreven door", "door", "tekst", "auteur"),
    published_words=("gepubliceerd", "geplaatst"),
    updated_words=("laatst bijgewerkt", "laatst gewijzigd", "bijgewerkt", "gewijzigd"),
    date_labels=("datum",),
    source_labels=("bron", "bronnen"),
    ad_labels=(
        "advertentie",
        "advertorial",
        # the line a page sets where an ad interrupts the text
        "lees verder na de advertentie",
        "lees verder onder de advertentie",
        "het artikel gaat verder na de advertentie",
        "het artikel gaat verder onder de advertentie",
        "gesponsorde inhoud",
    ),
    image_labels=("uitgelichte afbeelding", "afbeelding", "beeld", "foto", "fotografie"),
    image_by_words=("foto", "beeld"),
    shared_by=("een bericht gedeeld door",),
    time_words=("om", "uur", "u"),
    weekday_abbreviations=("ma", "di", "wo", "do", "vr", "za", "zo"),
    time_zones=("cet", "cest", "utc", "gmt"),
    agencies=("anp", "belga", "afp", "reuters", "ap", "dpa"),
    related_labels=(
        "lees ook",
        "lees meer",
        "lees verder",
        "ook interessant",
        "meer over",
        "bekijk ook",
        "zie ook",
        "gerelateerd",
    ),
    share_prompts=(
        "deel dit artikel",
        "deel dit bericht",
        "deel dit",
        "delen",
        "deel",
        "deel op facebook",
        "deel op twitter",
        "mail",
        "print",
        "whatsapp",
        "kopieer link",
        "link kopiëren",
        "e-mail",
    ),
    image_credit_phrases=("beeld anp", "foto anp", "copyright"),
    name_joiners=("en", "&"),
    # A paper's own line ("NOS", "NU.nl", "de Volkskrant"): the source, not the author.
    outlet_names=(
        "NOS",
        "NOS Nieuws",
        "NOS Sport",
        "NU.nl",
        "NUjij",
        "RTL Nieuws",
        "De Telegraaf",
        "de Volkskrant",
        "NRC",
        "NRC Handelsblad",
        "Trouw",
        "Het Parool",
        "Algemeen Dagblad",
        "AD",
        "Het Financieele Dagblad",
        "FD",
        "De Standaard",
        "De Morgen",
        "Het Nieuwsblad",
        "Het Laatste Nieuws",
        "HLN",
        "VRT NWS",
        "Omroep West",
        "BNR Nieuwsradio",
    ),
    desk_words=("redactie", "nieuwsdienst", "nieuwsredactie"),
    tag_list_colon_labels=("tags", "trefwoorden", "onderwerpen"),
    # The separable particles and inseparable prefixes of Dutch verbs (ANS 8.3, 11.1):
    # a closed class.
    word_prefixes=frozenset(
        """aan af be bij door er ge her in mee mis na om ont op over te toe uit ver voor
        weg""".split()
    ),
)
