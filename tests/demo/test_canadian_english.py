"""English as a Canadian communications team writes it: -ize spellings (organization,
recognized, specialized), "program", and no calque of the French (docs/guide-redaction.md lists
the words and the rule).

What is read: every English page of the demonstration (/en/ and each page under it, the report
and its messages and projects), and every English string of the project's catalogue
(locale/en/LC_MESSAGES/django.po: its translation, or its source text when it has none), and
every source string of the code that the English catalogue leaves as it is (the French
catalogue's source strings).
"""

import re
from pathlib import Path

import polib
import pytest
from wagtail.models import Locale, Page

from tests.html import page_html

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parents[2] / "locale"
CATALOGUE = LOCALE / "en/LC_MESSAGES/django.po"
FRENCH_CATALOGUE = LOCALE / "fr/LC_MESSAGES/django.po"

# British spellings that Canadian English writes otherwise (Canadian keeps -our, -re and the
# doubled l of "travelled", "labelled"), and calques of the demonstration's French.
BRITISH = re.compile(
    r"\b\w*(?:organis|programme|recognis|specialis|summaris|customis|normalis|synchronis"
    r"|prioritis|analys(?:e|ed|es|ing)\b)\w*",
    re.IGNORECASE,
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|\{\w+\}")
CALQUES = [
    "Structuring project",
    "structuring project",
    "bank of hours",
    "holidays",
    "Dance table",
    "audacity",
    "(CFT)",
    "(CTF)",
]


def english_text(text):
    """The words a reader reads: without tags, and without the French shown in the source
    language (`lang="fr"`) or names kept in French."""
    text = re.sub(r'<(\w+)[^>]*\blang="fr[^"]*"[^>]*>.*?</\1>', " ", text, flags=re.S)
    return re.sub(r"<[^>]+>", " ", text)


def findings(text):
    # Placeholders (%(organisation)s) are names in the code, never read: they are left out.
    text = PLACEHOLDER.sub(" ", text)
    found = [match.group(0) for match in BRITISH.finditer(text)]
    return found + [calque for calque in CALQUES if calque in text]


def test_every_english_page_of_the_demonstration_writes_canadian_english(client, demo_content):
    english = Locale.objects.get(language_code="en")
    pages = Page.objects.live().public().filter(locale=english).specific()
    assert pages.count() >= 8

    problems = {}
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        found = findings(english_text(page_html(response)))
        if found:
            problems[page.url] = sorted(set(found))

    assert problems == {}


def english_texts(entry):
    """What an English reader reads of a catalogue entry: its translation, or its source."""
    if entry.msgid_plural:
        return [
            entry.msgstr_plural.get(0) or entry.msgid,
            entry.msgstr_plural.get(1) or entry.msgid_plural,
        ]
    return [entry.msgstr or entry.msgid]


def live_entries(path):
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


def test_every_english_string_of_the_catalogue_writes_canadian_english():
    problems = []
    for entry in live_entries(CATALOGUE):
        problems += [text for text in english_texts(entry) if findings(text)]

    assert problems == []


def test_the_source_strings_shown_as_they_are_in_english_write_canadian_english():
    """The code's strings (every source string of the French catalogue, which `makemessages`
    fills from the code and the templates) that the English catalogue does not translate: an
    English reader reads them as the code writes them."""
    translated = {entry.msgid for entry in live_entries(CATALOGUE)}
    sources = [entry for entry in live_entries(FRENCH_CATALOGUE) if entry.msgid not in translated]
    assert len(sources) > 50  # the English catalogue translates only what must differ

    problems = [
        text
        for entry in sources
        for text in [entry.msgid, entry.msgid_plural]
        if text and findings(text)
    ]

    assert problems == []
