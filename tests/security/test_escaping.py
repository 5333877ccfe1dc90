"""Markup typed in any plain-text field is shown as text, and rich text runs no script.

Every plain-text field of the demonstration site and report (pages, their blocks, people,
board roles, membership categories, member organisations, the organisation's details) is
filled with HTML and script; every page, the search results, the sitemap and the report's PDF
HTML are then read as a visitor gets them: in the HTML, the meta tags and the JSON-LD, the
markup appears escaped, never as markup.
"""

import itertools
import re

import pytest
from django.db import models
from django.test import RequestFactory
from django.utils import translation
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from cms.rich_text_safety import neutralise
from home.models import SiteSettings
from members.models import BoardRole, MemberOrganisation, MembershipCategory, Person
from report.models import ReportYearPage
from tests.html import page_html

pytestmark = pytest.mark.django_db

# Each field gets its own number, so that a failure names the field (see `poisoned`).
FIELD_NUMBERS = itertools.count(1)
POISONED = {}
SCRIPT_LINK = (
    '<p><a href="javascript:alert(9)">lien</a> <a href="  JaVa&#x09;Script:alert(9)">x</a></p>'
)
ACTIVE_RICH_TEXT = f'{SCRIPT_LINK}<script>alert(9)</script><p onmouseover="alert(9)">survol</p>'
# What must never be found in a page: the markup as markup.
RAW_MARKUP = re.compile(r"<script>alert\(\d+\)|<img src=x onerror|<i>\d+</i>|onmouseover=")


def poisoned(label, max_length=None):
    """Markup that breaks out of text and attributes, numbered; short for short fields."""
    number = next(FIELD_NUMBERS)
    POISONED[number] = label
    value = f'<script>alert({number})</script>"><img src=x onerror=alert({number})>'
    if max_length is not None and len(value) > max_length:
        value = f"<i>{number}</i>\"'"[:max_length]
    return value


def poison_block_value(block, raw, label):
    """The raw (JSON) value of `block` with every text and rich text field poisoned."""
    if isinstance(block, blocks.StreamBlock):
        return [
            {
                **child,
                "value": poison_block_value(
                    block.child_blocks[child["type"]], child["value"], f"{label}.{child['type']}"
                ),
            }
            for child in raw or []
            if child["type"] in block.child_blocks
        ]
    if isinstance(block, blocks.ListBlock):
        return [
            {**item, "value": poison_block_value(block.child_block, item["value"], label)}
            if isinstance(item, dict) and item.get("type") == "item"
            else poison_block_value(block.child_block, item, label)
            for item in raw or []
        ]
    if isinstance(block, blocks.StructBlock):
        raw = dict(raw or {})
        for name, child in block.child_blocks.items():
            raw[name] = poison_block_value(child, raw.get(name), f"{label}.{name}")
        return raw
    if isinstance(block, blocks.RichTextBlock):
        return ACTIVE_RICH_TEXT + (raw or "")
    if isinstance(block, blocks.CharBlock | blocks.TextBlock) and not isinstance(
        block, blocks.RegexBlock
    ):
        return poisoned(label)
    return raw


def text_fields(model):
    """The plain-text fields of `model` that editors type (not Wagtail's own tree fields)."""
    own_page_fields = {"title", "seo_title", "search_description"}
    for field in model._meta.concrete_fields:
        if (
            isinstance(field, models.CharField | models.TextField)
            and not isinstance(field, models.SlugField | models.URLField | models.EmailField)
            and not field.choices
            and (field.model is not Page or field.name in own_page_fields)
            and field.name not in {"language", "draft_title", "url_path", "path"}
        ):
            yield field


def poison_instance(instance):
    for field in text_fields(type(instance)):
        label = f"{type(instance).__name__}.{field.name}"
        setattr(instance, field.name, poisoned(label, field.max_length))
    for field in type(instance)._meta.concrete_fields:
        if isinstance(field, StreamField):
            raw = getattr(instance, field.name).get_prep_value()
            label = f"{type(instance).__name__}.{field.name}"
            setattr(instance, field.name, poison_block_value(field.stream_block, raw, label))
    if hasattr(instance, "summary"):
        instance.summary = ACTIVE_RICH_TEXT + instance.summary
    if hasattr(instance, "thank_you_text"):
        instance.thank_you_text = ACTIVE_RICH_TEXT
    if isinstance(instance, Page):
        # As stored by other ways than the admin's form: its validation is not the point here.
        instance.save(clean=False)
    else:
        instance.save()


@pytest.fixture
def poisoned_site(demo_content, db):
    """The demonstration site and report, every plain-text field holding markup."""
    for page in Page.objects.live().specific().exclude(depth=1):
        poison_instance(page)
    for model in [Person, BoardRole, MembershipCategory, MemberOrganisation, SiteSettings]:
        for instance in model.objects.all():
            poison_instance(instance)
    return Site.objects.get(is_default_site=True)


def assert_escaped(html, where):
    found = RAW_MARKUP.search(html)
    assert found is None, f"{where}: {html[max(0, found.start() - 200) : found.end() + 50]}"
    assert "javascript:" not in html.lower(), where


def test_markup_in_text_fields_is_escaped_on_every_page(client, poisoned_site):
    pages = Page.objects.live().public().specific().exclude(depth=1)

    escaped_numbers = set()
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = page_html(response)
        assert_escaped(html, page.url)
        escaped_numbers.update(int(n) for n in re.findall(r"&lt;script&gt;alert\((\d+)\)", html))
        escaped_numbers.update(
            int(n) for n in re.findall(r"\\u003Cscript\\u003Ealert\((\d+)\)", html)
        )

    # The check above can fail: the markup is on the pages, escaped.
    assert len(escaped_numbers) > 40
    shown = {POISONED[number] for number in escaped_numbers}
    for label in [
        "ReportYearPage.title",
        "ReportYearPage.theme",
        "Person.last_name",
        "SiteSettings.organisation_name",
    ]:
        assert label in shown, label


def test_markup_is_escaped_in_meta_tags_and_json_ld(client, poisoned_site):
    report = ReportYearPage.objects.live().filter(locale__language_code="fr").get()

    html = client.get(report.url).content.decode()

    head = html[: html.index("</head>")]
    assert_escaped(head, "head")
    assert 'content="&lt;script&gt;alert(' in head
    json_ld = head[head.index('type="application/ld+json"') :]
    assert '"name": "\\u003Cscript\\u003Ealert(' in json_ld


def test_markup_is_escaped_in_search_results_and_the_sitemap(client, poisoned_site):
    for path in ["/fr/recherche/?q=script", "/en/search/?q=alert", "/sitemap.xml"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_escaped(page_html(response), path)


def test_markup_is_escaped_in_the_reports_pdf_html(poisoned_site):
    from report import pdf

    report = ReportYearPage.objects.live().filter(locale__language_code="fr").get()
    request = RequestFactory().get(report.url)
    request.site = poisoned_site

    with translation.override("fr"):
        html = pdf.render_html(report, request, pdf.report_child_pages(report))

    assert_escaped(html, "PDF HTML")
    assert "&lt;script&gt;alert(" in html


# Rich text: links that run code are neutralised whatever way they were stored.


@pytest.mark.parametrize(
    "stored",
    [
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href="  javascript:alert(1)">x</a>',
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        "<a href='javascript:alert(1)'>x</a>",
        "<a href=javascript:alert(1)>x</a>",
        '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
    ],
)
def test_a_script_link_in_rich_text_is_neutralised(stored):
    cleaned = neutralise(f"<p>Voir {stored}.</p>")

    assert cleaned == "<p>Voir <a>x</a>.</p>"


def test_scripts_and_event_handlers_in_rich_text_are_removed():
    cleaned = neutralise('<p onclick="alert(1)">a</p><script>alert(2)</script><style>p{}</style>')

    assert cleaned == "<p>a</p>"


def test_rich_text_as_the_editor_saves_it_is_left_exactly_as_it_is():
    html = (
        '<h2 data-block-key="a1">Titre</h2><p data-block-key="b2">Le « Consortium »&nbsp;: '
        '<a href="https://example.org/?a=1&amp;b=2">site</a>, <a href="mailto:a@example.org">'
        'courriel</a>, <a href="tel:+14186221001">tél.</a>, <a href="/fr/a-propos/">à propos</a>'
        "<br/>fin.</p>"
    )

    assert neutralise(html) == html


def test_a_javascript_link_posted_through_the_admin_is_dropped(superuser_client, public_site):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    about = public_site["about"]
    contentstate = rich_text('<p><a href="javascript:alert(1)">piège</a></p>')
    form = nested_form_data(
        {
            "title": "À propos",
            "slug": "a-propos",
            "introduction": "",
            "body": streamfield([("text", contentstate)]),
            "action-publish": "action-publish",
        }
    )

    response = superuser_client.post(f"/admin/pages/{about.id}/edit/", form)

    assert response.status_code == 302
    assert "javascript:" not in str(Page.objects.get(pk=about.pk).specific.body.get_prep_value())
    html = page_html(superuser_client.get("/fr/a-propos/"))
    assert "piège" in html
    assert "javascript:" not in html


def test_a_javascript_link_stored_in_a_page_is_neutralised_on_the_page(client, public_site):
    about = public_site["about"].specific
    about.body = [("text", SCRIPT_LINK), ("text", '<p><a href="/fr/">accueil</a></p>')]
    about.save()

    html = page_html(client.get("/fr/a-propos/"))

    assert "javascript:" not in html.lower()
    assert "<a>lien</a>" in html
    assert '<a href="/fr/">accueil</a>' in html
