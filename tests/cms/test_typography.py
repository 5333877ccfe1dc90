"""French (OQLF) and English typography on what visitors read, whoever typed the text.

Addresses read, as a visitor or an editor would: a page and its English translation
(/fr/bilan/, /en/review/), the page served again from the page cache, the search page with
its passages (/fr/recherche/?q=…), the contact details (/fr/nous-joindre/), the demo report's
page and its PDF (/fr/rapports-annuels/2021-2022/, …/pdf/); the editor's preview in
tests/editorial/test_print_preview.py; and the admin's edit view (/admin/pages/<id>/edit/),
which is left as Wagtail writes it.
"""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cms.typography import NARROW_NBSP, NBSP, typeset, typeset_html
from home.templatetags.quotation_tags import unquoted
from tests.factories import StandardPageFactory

EDITOR_TEXT = (
    "<p>Note : l'équipe a grandi de 15 % et de 1 230 membres ; 4 618 760 $ de produits. "
    '"Nous sommes fiers" de 8h 30 à 16h 30.</p>'
)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Téléphone: 418 622-1001", f"Téléphone{NBSP}: 418{NBSP}622-1001"),
        ("Note : voir", f"Note{NBSP}: voir"),
        ("de 08 h 30 à 16h 30", f"de 8{NBSP}h{NBSP}30 à 16{NBSP}h{NBSP}30"),
        ("8h30", f"8{NBSP}h{NBSP}30"),
        ("de 1 % et de 100%", f"de 1{NBSP}% et de 100{NBSP}%"),
        ("4 618 760 $ et (29 779) $", f"4{NBSP}618{NBSP}760{NBSP}$ et (29{NBSP}779){NBSP}$"),
        ("68 577 h", f"68{NBSP}577{NBSP}h"),
        ("L'audace de s'adapter", "L’audace de s’adapter"),
        ('"Nous sommes fiers"', f"«{NBSP}Nous sommes fiers{NBSP}»"),
        ("«Nous sommes fiers»", f"«{NBSP}Nous sommes fiers{NBSP}»"),
        ("“Nous sommes fiers”", f"«{NBSP}Nous sommes fiers{NBSP}»"),
        ("Quoi ? Vraiment !", f"Quoi{NARROW_NBSP}? Vraiment{NARROW_NBSP}!"),
        # What needs no space stays as typed; what is not prose is left alone.
        ("Vraiment?", "Vraiment?"),
        ("https://exemple.ca à 14:30", "https://exemple.ca à 14:30"),
        ("2021-2022, le 1er avril", "2021-2022, le 1er avril"),
    ],
)
def test_french_typography(typed, shown):
    assert typeset(typed, "fr") == shown
    assert typeset(typed, "fr-CA") == shown


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Phone : 418 622-1001", "Phone: 418 622-1001"),
        ("Growth of 1 % ; why ?", "Growth of 1%; why?"),
        ("The organization's members' rights", "The organization’s members’ rights"),
        ("«Daring to adapt»", "“Daring to adapt”"),
        ('He said "proud"', "He said “proud”"),
        ("68,577 h", f"68,577{NBSP}h"),
        ("8:30 a.m.", "8:30 a.m."),
    ],
)
def test_english_typography(typed, shown):
    assert typeset(typed, "en") == shown


def test_other_languages_are_left_as_typed():
    assert typeset("Note : 15 %", "de") == "Note : 15 %"
    assert typeset("Note : 15 %", "") == "Note : 15 %"


def test_html_follows_the_language_of_each_element():
    markup = (
        '<html lang="fr"><head><title>L\'audace</title>'
        '<meta name="description" content="L&#x27;audace : 15 %">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "</head><body>"
        "<p><strong>Téléphone</strong>: 418</p>"
        '<p lang="en">Note : 15 %</p>'
        '<img alt="L&#x27;image : 4 %" src="/media/l\'image.png">'
        '<a href="/fr/?q=a%20:%20b" title="Voir : tout">x</a>'
        "<pre>a : b</pre><code>c : d</code>"
        '<p translate="no">e : f</p>'
        '<input name="q" value="g : h">'
        '<script>var a = "x : y";</script><style>a::after { content: " : "; }</style>'
        "<!-- i : j -->"
        "</body></html>"
    )
    result = typeset_html(markup)

    assert "<title>L’audace</title>" in result
    assert f'content="L’audace{NBSP}: 15{NBSP}%"' in result
    assert 'content="width=device-width, initial-scale=1"' in result
    # A colon after an inline element belongs to the text before it.
    assert f"<strong>Téléphone</strong>{NBSP}: 418" in result
    assert '<p lang="en">Note: 15%</p>' in result
    assert f'alt="L’image{NBSP}: 4{NBSP}%"' in result
    assert 'src="/media/l\'image.png"' in result
    assert f'href="/fr/?q=a%20:%20b" title="Voir{NBSP}: tout"' in result
    for verbatim in [
        "<pre>a : b</pre>",
        "<code>c : d</code>",
        '<p translate="no">e : f</p>',
        'value="g : h"',
        'var a = "x : y";',
        'content: " : ";',
        "<!-- i : j -->",
    ]:
        assert verbatim in result


def test_a_greater_than_sign_inside_an_attribute_does_not_end_the_tag():
    # Wagtail's userbar writes Stimulus actions so (data-action="…hide->…#hide").
    markup = (
        '<div lang="fr" data-action="w-dialog:hide->w-dialog#hide" '
        'data-w-dialog-theme-value="floating">L\'aperçu : prêt</div>'
    )

    assert typeset_html(markup) == (
        '<div lang="fr" data-action="w-dialog:hide->w-dialog#hide" '
        f'data-w-dialog-theme-value="floating">L’aperçu{NBSP}: prêt</div>'
    )


def test_html_stays_escaped():
    result = typeset_html('<p lang="fr">a &lt; b : &amp; &quot;c&quot;</p>')

    assert result == f'<p lang="fr">a &lt; b{NBSP}: &amp; «{NBSP}c{NBSP}»</p>'


# Through the site's addresses


@pytest.fixture
def typed_page(public_site):
    """A page whose editor typed ordinary spaces and straight apostrophes."""
    page = StandardPageFactory(
        parent=public_site["home"],
        title="L'équipe : bilan",
        slug="bilan",
        introduction="Notre bilan : 15 % de plus.",
        body=[("text", EDITOR_TEXT)],
    )
    return page


def test_a_french_page_is_set_in_french(client, typed_page):
    html = client.get("/fr/bilan/").content.decode()

    assert f"L’équipe{NBSP}: bilan</h1>" in html
    assert re.search(f"<title>\\s*L’équipe{NBSP}: bilan", html)
    assert re.search(
        f'<meta name="description"\\s+content="Notre bilan{NBSP}: 15{NBSP}% de plus.">', html
    )
    for shown in [
        f"Note{NBSP}: l’équipe a grandi de 15{NBSP}% et de 1{NBSP}230 membres{NARROW_NBSP};",
        f"4{NBSP}618{NBSP}760{NBSP}$ de produits",
        f"«{NBSP}Nous sommes fiers{NBSP}» de 8{NBSP}h{NBSP}30 à 16{NBSP}h{NBSP}30.",
    ]:
        assert shown in html
    assert "l'équipe" not in html and "l&#x27;équipe" not in html


def test_the_page_cache_keeps_the_typography(client, typed_page, settings):
    first = client.get("/fr/bilan/").content
    second = client.get("/fr/bilan/")

    assert second.content == first
    assert f"Note{NBSP}: l’équipe".encode() in second.content


@pytest.fixture
def typed_english_page(typed_page, english):
    """Its English translation, typed with French spacing and straight quotes."""
    from editorial.localization import publish_translation

    publish_translation(
        typed_page,
        english,
        {
            typed_page.title: "The team : review",
            typed_page.slug: "review",
            typed_page.introduction: "Our review : 15 % more.",
            EDITOR_TEXT.removeprefix("<p>").removesuffix("</p>"): (
                'Note : the team\'s growth was 15 % ; "we are proud".'
            ),
        },
    )
    return typed_page.get_translation(english)


def test_the_english_translation_is_set_in_english(client, typed_english_page):
    html = client.get("/en/review/").content.decode()

    assert "The team: review</h1>" in html
    assert "Note: the team’s growth was 15%; “we are proud”." in html


def test_english_search_passages_are_set_in_english(client, typed_english_page):
    html = client.get("/en/search/", {"q": "growth"}).content.decode()

    assert "the team’s <mark>growth</mark> was 15%;" in html


def test_the_admin_is_left_as_wagtail_writes_it(client, typed_page, superuser):
    client.force_login(superuser)

    html = client.get(reverse("wagtailadmin_pages:edit", args=[typed_page.pk])).content.decode()

    assert "L&#x27;équipe : bilan" in html
    assert "L’équipe" not in html


def test_search_passages_are_set_in_french(client, typed_page):
    html = client.get("/fr/recherche/", {"q": "grandi"}).content.decode()

    assert f"15{NBSP}% et de 1{NBSP}230 membres" in html


def test_contact_hours_in_french(client, public_site):
    html = client.get("/fr/nous-joindre/").content.decode()

    assert f"de 8{NBSP}h{NBSP}30 à 16{NBSP}h{NBSP}30" in html
    assert "08 h 30" not in html


@pytest.mark.usefixtures("demo_content")
def test_the_demo_report_and_its_pdf_are_set_in_french(client, db):
    page = client.get("/fr/rapports-annuels/2021-2022/").content.decode()
    pdf = client.get("/fr/rapports-annuels/2021-2022/pdf/")
    reader = PdfReader(io.BytesIO(b"".join(pdf.streaming_content)))
    pdf_text = " ".join(pdf_page.extract_text() for pdf_page in reader.pages)

    assert f"progressé de 1{NBSP}%" in page
    assert "de 1 %" not in page and "des membres auxiliaires :" not in page
    assert "'" not in pdf_text.replace("&#x27;", "")
    assert "1 %" in pdf_text.replace(NBSP, " ") and "de 1%" not in pdf_text


@pytest.mark.usefixtures("demo_content")
def test_the_english_pdf_is_set_in_english(client, db):
    pdf = client.get("/en/annual-reports/2021-2022/pdf/")
    reader = PdfReader(io.BytesIO(b"".join(pdf.streaming_content)))
    pdf_text = " ".join(pdf_page.extract_text() for pdf_page in reader.pages)

    assert "grew by 1%" in pdf_text
    assert "'" not in pdf_text
    assert not re.search(r"\w[ \u00a0\u202f]+[:;?!%]", pdf_text)


@pytest.mark.usefixtures("demo_content")
def test_a_quotation_has_the_marks_of_its_language(client, db):
    french = client.get("/fr/rapports-annuels/2021-2022/meilleures-pratiques-cft/").content.decode()
    english = client.get(
        "/en/annual-reports/2021-2022/work-family-balance-best-practices/"
    ).content.decode()

    assert f"<p>«{NBSP}Nous sommes fiers d’arborer le sceau Concilivi" in french
    assert f"dans le monde du travail.{NBSP}»</p>" in french
    assert "<p>“We are proud to display the Concilivi seal" in english
    assert "in the world of work.”</p>" in english


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("«Nous sommes fiers»", "Nous sommes fiers"),
        ("“ We are proud ”", "We are proud"),
        ('"Fiers"', "Fiers"),
        ("Nous sommes « fiers »", "Nous sommes « fiers »"),
        ("Nous sommes fiers", "Nous sommes fiers"),
    ],
)
def test_the_marks_an_editor_typed_around_a_quotation_are_not_doubled(typed, shown):
    assert unquoted(typed) == shown
