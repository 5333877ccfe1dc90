"""A report with a message, a project and their English translation, composed in the admin as the
communications team does it, for the release tests."""

import datetime
import re
from io import StringIO
from unittest import mock
from urllib.parse import urlencode

from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail import blocks
from wagtail.test.utils.form_data import nested_form_data, rich_text
from wagtail_localize.models import StringSegment, Translation

from report.models import MessagePage, ProjectPage, ReportYearPage
from tests.admin_forms import block_form_data
from tests.editorial.helpers import REPORT_BODY, create_draft, report_form, submit
from tests.html import page_html

# Words that only the message, the project and the English text contain.
MESSAGE_WORD = "kangourou"
PROJECT_WORD = "wombat"
ENGLISH_MARK = "EN:"

MESSAGE_TITLE = "Mot de la présidence"
PROJECT_TITLE = "Projet d’accompagnement"

RELEASE_BODY = [
    *REPORT_BODY,
    ("report_pages", {"heading": "Les mots", "page_type": "messages"}),
    ("report_pages", {"heading": "Les projets", "page_type": "projects"}),
]


def message_form(author, **fields):
    data = {
        "title": MESSAGE_TITLE,
        "slug": "mot-de-la-presidence",
        "author": author.pk,
        "author_role": "Présidente",
        "portrait": "",
        "headline": "Une année d’audace",
        "introduction": "",
        "body": block_form_data(
            MessagePage.body.field.stream_block, [("text", f"<p>Le {MESSAGE_WORD} salue.</p>")]
        ),
        **fields,
    }
    return nested_form_data(data)


def project_form(**fields):
    data = {
        "title": PROJECT_TITLE,
        "slug": "projet-accompagnement",
        "funder": "Ministère de l’Économie",
        "programme": "",
        "introduction": "",
        "summary": rich_text(f"<p>Le projet {PROJECT_WORD}.</p>"),
        "activities": block_form_data(
            ProjectPage.activities.field.stream_block, [("activity", "Ateliers")]
        ),
        "teams": block_form_data(ProjectPage.teams.field.stream_block, []),
        "outcomes": block_form_data(ProjectPage.outcomes.field.stream_block, []),
        "body": block_form_data(ProjectPage.body.field.stream_block, []),
        "quote": "",
        "quote_attribution": "",
        **fields,
    }
    return nested_form_data(data)


def add_page(client, parent, model, form):
    """The admin's "Add child page" form, saved as a draft (or as `form` asks)."""
    url = f"/admin/pages/add/report/{model._meta.model_name}/{parent.id}/"
    response = client.post(url, form)
    assert response.status_code == 302, page_html(response)[:3000]
    return model.objects.child_of(parent).get(slug=form["slug"])


def edit_page(client, page, form):
    response = client.post(f"/admin/pages/{page.id}/edit/", form)
    assert response.status_code == 302, page_html(response)[:3000]
    page.refresh_from_db()
    return page


def compose_report(editor, index, author, **fields):
    """The editor's draft report with one message and one project under it."""
    report = create_draft(editor, index, body=RELEASE_BODY, **fields)
    message = add_page(editor, report, MessagePage, message_form(author))
    project = add_page(editor, report, ProjectPage, project_form())
    return report, message, project


def submit_report(editor, report, **fields):
    """ "Submit to Approbation du rapport annuel" on the report's editor."""
    return submit(editor, report, body=RELEASE_BODY, **fields)


def keep_block_ids(block, value, data):
    """Put the ids of the blocks of `value` into their form `data`, as the editor's browser
    posts them back (the test client's forms otherwise give every block a new id)."""
    if isinstance(block, blocks.StreamBlock):
        for position, child in enumerate(value):
            data[str(position)]["id"] = child.id
            keep_block_ids(child.block, child.value, data[str(position)]["value"])
    elif isinstance(block, blocks.ListBlock):
        for position, item in enumerate(value.bound_blocks):
            data[str(position)]["id"] = item.id
            keep_block_ids(block.child_block, item.value, data[str(position)]["value"])
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            if isinstance(data.get(name), dict):
                keep_block_ids(child, value[name], data[name])


def resubmit_report(editor, report, body=None, **fields):
    """ "Submit" again, with `body` (default: the report's blocks unchanged) of the same
    structure: the blocks keep their ids, as in the editor's browser."""
    stream_block = ReportYearPage.body.field.stream_block
    body_value = RELEASE_BODY if body is None else body
    body = block_form_data(stream_block, body_value)
    keep_block_ids(stream_block, fresh(report).get_latest_revision_as_object().body, body)
    form = {
        **report_form(body=body_value, slug=report.slug, **{"action-submit": "1", **fields}),
        **nested_form_data({"body": body}),
    }
    response = editor.post(f"/admin/pages/{report.id}/edit/", form)
    assert response.status_code == 302, page_html(response)[:3000]
    return fresh(report).current_workflow_task_state


def translate(editor, page, locale):
    """The editor's "Translate" of the report and the pages under it (wagtail-localize)."""
    response = editor.post(
        f"/admin/localize/submit/page/{page.id}/",
        {"locales": [locale.id], "include_subtree": "on"},
    )
    assert response.status_code == 302, page_html(response)[:3000]


def translation_of(page, locale):
    return Translation.objects.get(
        source__object_id=page.translation_key, source__locale=page.locale, target_locale=locale
    )


def fill_in_translation(editor, page, locale, leave_out=0):
    """Type an English text for every string of `page` in the translation editor, but the
    last `leave_out` ones. Returns how many strings the page has."""
    translation = translation_of(page, locale)
    segments = list(
        StringSegment.objects.filter(source=translation.source)
        .select_related("string")
        .order_by("order")
    )
    for segment in segments[: len(segments) - leave_out]:
        response = editor.put(
            f"/admin/localize/translate/{translation.id}/strings/{segment.id}/edit/",
            urlencode({"value": f"{ENGLISH_MARK} {segment.string.data}"}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in {200, 201}, response.content[:2000]
    return len(segments)


def correct_translation(editor, page, locale, source_text, new_text):
    """The translator changes the English text of one string in the translation editor."""
    translation = translation_of(page, locale)
    segment = StringSegment.objects.get(source=translation.source, string__data=source_text)
    response = editor.put(
        f"/admin/localize/translate/{translation.id}/strings/{segment.id}/edit/",
        urlencode({"value": new_text}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200, response.content[:2000]


def english_page(page, locale):
    return page.get_translation(locale).specific


def translate_release(editor, release, english, leave_out=None):
    """The editor translates the report and its pages, leaving out the last strings of some."""
    leave_out = leave_out or {}
    translate(editor, release["report"], english)
    for name in ("report", "message", "project"):
        fill_in_translation(editor, release[name], english, leave_out=leave_out.get(name, 0))


def pages_of(release, english):
    french = [fresh(release[name]) for name in ("report", "message", "project")]
    return french + [english_page(page, english) for page in french]


def served(client, page):
    return client.get(page.url).status_code == 200


def admin_datetime(moment):
    """A date and time as the admin's date-time picker posts it, in the site's time zone."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def tomorrow():
    return timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=1)


def publish_scheduled(at=None):
    """The operator's cron command, now or as if it were `at`."""
    output = StringIO()
    if at is None:
        call_command("publish_scheduled", stdout=output)
    else:
        with mock.patch("django.utils.timezone.now", return_value=at):
            call_command("publish_scheduled", stdout=output)
    return output.getvalue()


def fresh(page):
    return type(page).objects.get(pk=page.pk)


# A correction of the released report: a figure and a sentence

NEW_TEXT = "Une année record pour nos membres."


def changed_body():
    """The report's body with 68 577 hours become 70 125 and a new sentence."""
    figures = dict(REPORT_BODY[2][1])
    figures["figures"] = [{**figures["figures"][0], "value": "70125"}]
    body = list(RELEASE_BODY)
    body[1] = ("text", f"<p>{NEW_TEXT}</p>")
    body[2] = ("key_figures", figures)
    return body


def digits(text):
    """The numbers of `text` with their thousands separators (any space, comma) removed."""
    return re.sub(r"(?<=\d)[\s,\u202f\u00a0](?=\d{3})", "", text)


def page_html_of(page):
    """The page as an anonymous visitor reads it."""
    return page_html(Client().get(page.url))
