"""The admin's translation status: translated, out of date (what changed) or missing pages."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import ngettext
from wagtail.test.utils.form_data import nested_form_data, rich_text
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from editorial import translation_status
from editorial.localization import publish_translation
from report.models import ProjectPage
from tests.editorial.conftest import PASSWORD, logged_in_client
from tests.editorial.release_helpers import fill_in_translation
from tests.factories import ReportYearPageFactory, StandardPageFactory, UserFactory
from tests.html import page_html

URL = "/admin/translations/"
ABOUT_TEXT = "Une coopérative de services partagés."
NEW_TEXT = "Une coopérative de services partagés depuis 1996."


def statuses(groups):
    """{French page title: (status, changes) for English}."""
    return {
        row.page.title: (row.locales[0].status, row.locales[0].changes)
        for group in groups
        for row in group.pages
    }


def change_paragraph(page, text):
    """Publish a new revision of `page` whose first paragraph says `text` (same block)."""
    block = page.body[0]
    page.body = [{"type": "text", "value": f"<p>{text}</p>", "id": block.id}]
    page.save_revision().publish()
    page.refresh_from_db()


# The computation


def test_string_changes_lists_added_changed_and_removed_strings():
    changes = translation_status.string_changes(
        {"title": "Titre", "body.a": "Nouveau <b>texte</b>", "body.c": "Ajouté"},
        {"title": "Titre", "body.a": "Ancien texte", "body.b": "Retiré"},
    )
    assert [(change.kind, change.path, change.text) for change in changes] == [
        ("changed", "body.a", "Nouveau texte"),
        ("added", "body.c", "Ajouté"),
        ("removed", "body.b", "Retiré"),
    ]
    assert changes[0].previous_text == "Ancien texte"


def test_translated_pages_are_up_to_date(public_site, english):
    result = statuses(translation_status.translation_status())
    assert result["À propos"] == (translation_status.UP_TO_DATE, [])
    assert result[public_site["contact"].title][0] == translation_status.UP_TO_DATE


def test_a_french_change_puts_the_translation_out_of_date_with_the_changed_text(public_site):
    change_paragraph(public_site["about"], NEW_TEXT)
    [group] = translation_status.translation_status()
    about = next(row for row in group.pages if row.page.pk == public_site["about"].pk)
    [english] = about.locales
    assert english.status == translation_status.OUT_OF_DATE
    assert english.changed_at == public_site["about"].latest_revision.created_at
    assert [(change.kind, change.text, change.previous_text) for change in english.changes] == [
        ("changed", NEW_TEXT, ABOUT_TEXT)
    ]


def test_updating_the_translation_brings_it_up_to_date(public_site, english):
    change_paragraph(public_site["about"], NEW_TEXT)
    publish_translation(public_site["about"], english, {NEW_TEXT: "A co-operative since 1996."})
    assert statuses(translation_status.translation_status())["À propos"][0] == "up_to_date"


def test_a_page_without_english_or_with_an_alias_is_not_translated(report_index, english):
    lone = StandardPageFactory(parent=report_index.get_parent(), title="Seule", slug="seule")
    report = ReportYearPageFactory(parent=report_index)
    report.copy_for_translation(english, alias=True)  # as the locale synchronisation does
    result = statuses(translation_status.translation_status())
    assert result[lone.title][0] == translation_status.NOT_TRANSLATED
    assert result[report.title][0] == translation_status.NOT_TRANSLATED


def test_each_report_is_a_group_with_its_pages_then_the_other_pages(report_index):
    older = ReportYearPageFactory(parent=report_index)
    newer = ReportYearPageFactory(
        parent=report_index,
        title="Rapport annuel 2022-2023",
        fiscal_year_start=datetime.date(2022, 4, 1),
        fiscal_year_end=datetime.date(2023, 3, 31),
    )
    project = older.add_child(instance=ProjectPage(title="Projet structurant", slug="projet"))
    groups = translation_status.translation_status()
    assert [group.heading and group.heading.page.pk for group in groups] == [
        newer.pk,
        older.pk,
        None,
    ]
    assert [row.page.pk for row in groups[1].pages] == [older.pk, project.pk]
    assert report_index.pk in [row.page.pk for row in groups[2].pages]


def test_queries_do_not_grow_with_the_number_of_pages(public_site, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        translation_status.translation_status()
    for number in range(5):
        StandardPageFactory(parent=public_site["home"], title=f"Page {number}", slug=f"p{number}")
    with django_assert_max_num_queries(8):
        translation_status.translation_status()


# The admin view


@pytest.mark.parametrize("user", ["editor", "approver"])
def test_editors_and_approvers_see_the_status_of_every_page(request, public_site, user):
    client = request.getfixturevalue(user)
    html = page_html(client.get(URL))
    assert 'data-status="up_to_date"' in html
    assert f"/admin/pages/{public_site['about'].pk}/edit/" in html


def test_the_view_shows_what_changed_and_links_to_update_and_edit(editor, public_site, english):
    about = public_site["about"]
    change_paragraph(about, NEW_TEXT)
    response = editor.get(URL)
    assert response.status_code == 200
    html = page_html(response)
    assert NEW_TEXT in html
    assert ABOUT_TEXT in html  # the text before the change
    source_id = response.context["groups"][0].pages[1].locales[0].source_id
    assert f"/admin/localize/update/{source_id}/?next=/admin/translations/" in html
    assert f"/admin/pages/{about.get_translation(english).pk}/edit/" in html


def test_the_view_links_a_page_without_english_to_translate_it(editor, public_site):
    lone = StandardPageFactory(parent=public_site["home"], title="Seule", slug="seule")
    html = page_html(editor.get(URL))
    assert f"/admin/localize/submit/page/{lone.pk}/" in html


def test_the_menu_shows_translations_to_editors(editor, public_site):
    assert "/admin/translations/" in editor.get("/admin/").content.decode()


def test_a_user_without_the_translation_permission_is_refused(roles, public_site):
    group = Group.objects.create(name="Lecteurs")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    user = UserFactory(username="lecteur", password=PASSWORD)
    user.groups.add(group)
    client = logged_in_client(user)
    response = client.get(URL)
    assert response.status_code in {302, 403}
    if response.status_code == 302:
        assert not response.url.startswith(URL)
    assert "/admin/translations/" not in client.get("/admin/").content.decode()


def test_anonymous_visitors_are_sent_to_the_login_page(client, public_site):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


# Untranslated strings: incomplete until every string is translated


def edit_about(client, about, introduction, paragraphs):
    """The admin's edit form of the About page, published: its first paragraph kept (same block,
    as the browser posts it back), `introduction` and a new text block of `paragraphs`."""
    first = about.body[0]
    body = {
        "count": 2,
        "0": {"type": "text", "value": rich_text(first.value.source), "deleted": "", "order": 0},
        "1": {
            "type": "text",
            "value": rich_text("".join(f"<p>{text}</p>" for text in paragraphs)),
            "deleted": "",
            "order": 1,
            "id": "",
        },
    }
    body["0"]["id"] = first.id
    form = nested_form_data(
        {
            "title": about.title,
            "slug": about.slug,
            "introduction": introduction,
            "body": body,
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/{about.pk}/edit/", form)
    assert response.status_code == 302, page_html(response)[:3000]
    about.refresh_from_db()
    return about


def update_translation(client, source_id):
    """wagtail-localize's "Update the translation", without publishing it."""
    response = client.post(f"/admin/localize/update/{source_id}/", {"next": URL})
    assert response.status_code == 302, page_html(response)[:3000]


def english_cell(client, page):
    """The English cell of `page`'s row of the admin's translation status, as HTML."""
    html = page_html(client.get(URL))
    row = next(
        row
        for row in html.split("<tr>")
        if row.strip().startswith('<th scope="row">') and f"/admin/pages/{page.pk}/edit/" in row
    )
    return row.split("<td ", 1)[1]


def to_translate(count, out_of_date=False):
    with translation.override("fr"):  # The language of the superuser's admin.
        if out_of_date:
            return ngettext(
                "%(count)s string to translate once the translation is updated",
                "%(count)s strings to translate once the translation is updated",
                count,
            ) % {"count": count}
        return ngettext(
            "%(count)s string to translate", "%(count)s strings to translate", count
        ) % {"count": count}


NEW_INTRODUCTION = "Qui nous sommes, depuis 1996."
NEW_PARAGRAPHS = ["Nos services aux membres.", "Nos partenaires."]


def test_untranslated_string_count_counts_strings_without_a_usable_translation(
    public_site, english
):
    about = public_site["about"]
    source = TranslationSource.objects.get(object_id=about.translation_key, locale=about.locale)
    assert translation_status.untranslated_string_count([source.pk], english) == {source.pk: 0}
    intro = StringSegment.objects.get(source=source, context__path="introduction")
    StringTranslation.objects.filter(translation_of=intro.string, locale=english).update(
        has_error=True
    )
    paragraph = StringSegment.objects.get(source=source, string__data=ABOUT_TEXT)
    StringTranslation.objects.filter(translation_of=paragraph.string, locale=english).delete()
    assert translation_status.untranslated_string_count([source.pk], english) == {source.pk: 2}
    assert translation_status.untranslated_string_count([], english) == {}


def test_an_updated_translation_with_new_strings_is_incomplete_until_they_are_translated(
    superuser_client, public_site, english
):
    about = public_site["about"]
    english_about = about.get_translation(english)
    assert 'data-status="up_to_date"' in english_cell(superuser_client, about)

    edit_about(superuser_client, about, NEW_INTRODUCTION, NEW_PARAGRAPHS)
    cell = english_cell(superuser_client, about)
    assert cell.startswith('data-status="out_of_date"')
    assert to_translate(3, out_of_date=True) in cell

    source = TranslationSource.objects.get(object_id=about.translation_key, locale=about.locale)
    update_translation(superuser_client, source.pk)
    cell = english_cell(superuser_client, about)
    assert cell.startswith('data-status="incomplete"')
    assert 'data-untranslated="3"' in cell
    assert to_translate(3) in cell
    editor_link = f'<a href="/admin/pages/{english_about.pk}/edit/">{to_translate(3)}</a>'
    assert editor_link in cell

    fill_in_translation(superuser_client, about, english, leave_out=1)
    cell = english_cell(superuser_client, about)
    assert cell.startswith('data-status="incomplete"')
    assert to_translate(1) in cell

    fill_in_translation(superuser_client, about, english)
    cell = english_cell(superuser_client, about)
    assert cell.startswith('data-status="up_to_date"')
    assert 'data-untranslated="0"' in cell


def test_a_string_translation_with_an_error_does_not_count_as_translated(public_site, english):
    about = public_site["about"]
    StringTranslation.objects.filter(locale=english, data="Who we are.").update(has_error=True)
    [english_status] = next(
        row.locales
        for group in translation_status.translation_status()
        for row in group.pages
        if row.page.pk == about.pk
    )
    assert english_status.status == translation_status.INCOMPLETE
    assert english_status.untranslated == 1


def test_the_view_counts_untranslated_strings_in_bulk(
    superuser_client, public_site, english, django_assert_max_num_queries
):
    def add_pages(first, number):
        """Pages translated but for their title, and as many changed since."""
        for position in range(first, first + number):
            for changed in (False, True):
                slug = f"page-{position}{'-changed' if changed else ''}"
                page = StandardPageFactory(parent=public_site["home"], title=slug, slug=slug)
                page.save_revision().publish()
                publish_translation(page, english, {slug: f"{slug}-en"})
                if changed:
                    change_paragraph(page, NEW_TEXT)

    def view_queries():
        with CaptureQueriesContext(connection) as queries:
            response = superuser_client.get(URL)
        assert response.status_code == 200
        html = page_html(response)
        return len(queries), html.count('"incomplete"'), html.count('"out_of_date"')

    add_pages(0, 2)
    few, incomplete, out_of_date = view_queries()
    assert (incomplete, out_of_date) == (2, 2)
    add_pages(2, 6)
    many, incomplete, out_of_date = view_queries()
    assert (incomplete, out_of_date) == (8, 8)
    assert many == few


def test_string_changes_tells_apart_the_paragraphs_of_one_rich_text():
    stored = [("title", "Titre"), ("body.a", "Un"), ("body.a", "Deux"), ("body.a", "Trois")]
    extracted = [("title", "Titre"), ("body.a", "Zéro"), ("body.a", "Un"), ("body.a", "Trois")]
    changes = translation_status.string_changes(extracted, stored)
    assert [(change.kind, change.text, change.previous_text) for change in changes] == [
        ("changed", "Zéro", "Deux")
    ]
    changes = translation_status.string_changes([*extracted, ("body.a", "Quatre")], stored)
    assert [(change.kind, change.text) for change in changes] == [
        ("changed", "Zéro"),
        ("added", "Quatre"),
    ]
