"""The report body's blocks drawn when the editor opens them (cms/outline.py): what the server
gives the editor's script, and what it reads back from the forms the script posts.

URLs that take the same form data (each reads the body through the same `value_from_datadict`,
so each must read an unopened block as its stored value and refuse an unreadable one with a
400, saving nothing):
- /admin/pages/<id>/edit/ (save a draft; "action-submit", "action-publish")
- /admin/pages/<id>/edit/preview/ (the preview panel posts the form)
- /admin/pages/add/report/reportyearpage/<parent id>/ (the same block, on a new page)
- the editor's autosave posts the edit view's form to /admin/pages/<id>/edit/
The browser side (drawing on open, headings, comments, errors, unsaved changes) is
tests/browser/test_outline_editor.py.
"""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from wagtail import blocks
from wagtail.test.utils.form_data import nested_form_data, rich_text

from cms.outline import (
    STORED_VALUE_SUFFIX,
    MalformedFormData,
    OutlineStreamBlock,
    draws_on_open,
    stored_value,
)
from report.blocks import ReportBodyBlock
from report.models import ReportYearPage
from tests.admin_forms import block_form_data, report_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_report(demo_content, db):
    return ReportYearPage.objects.get(locale__language_code="fr", slug="2021-2022")


@pytest.fixture
def communications(client):
    client.force_login(get_user_model().objects.get(username="communications"))
    return client


def posted_child(child, position, opened=None):
    """One child of the body as the editor's script posts it: an unopened StructBlock as its
    stored value; `opened` (a Python value) as the fields of an opened block."""
    if opened is not None:
        value = block_form_data(child.block, opened)
    elif draws_on_open(child.block):
        value = {STORED_VALUE_SUFFIX: stored_value(child.block, child.value)}
    elif isinstance(child.block, blocks.RichTextBlock):
        value = rich_text(child.value.source)
    else:
        value = block_form_data(child.block, child.value)
    return {
        "type": child.block_type,
        "value": value,
        "deleted": "",
        "order": position,
        "id": child.id,
    }


def posted_body(body, orders=None, opened=None):
    """The body's form data as the script posts it; `orders` gives each child's order field."""
    opened = opened or {}
    orders = orders or range(len(body))
    return {
        "count": len(body),
        **{
            str(position): posted_child(child, order, opened.get(position))
            for position, (child, order) in enumerate(zip(body, orders, strict=True))
        },
    }


def edit_form(report, body_data, **fields):
    data = report_form([])
    data = {key: value for key, value in data.items() if not key.startswith("body-")}
    return {**data, **nested_form_data({"body": body_data}), **fields}


def post_stored_value(client, report, block_type, stored):
    """Post the edit form with `stored` as the stored value of the report's first block of
    `block_type`, the others unopened; checks that nothing was saved."""
    body = report.body
    data = posted_body(body)
    position = next(i for i, child in enumerate(body) if child.block_type == block_type)
    data[str(position)]["value"] = {STORED_VALUE_SUFFIX: stored}
    revisions = report.revisions.count()

    response = client.post(f"/admin/pages/{report.pk}/edit/", edit_form(report, data))

    assert report.revisions.count() == revisions
    return response


def latest_body(report):
    report.refresh_from_db()
    return report.get_latest_revision_as_object().body


def stream_data(body):
    """The body as stored, without the keys that Draftail gives the paragraphs of a rich text
    (the tests' rich text is converted anew, the editor's keeps them)."""
    return json.loads(
        re.sub(r' data-block-key=\\"\w+\\"', "", stored_value(body.stream_block, body))
    )


def test_each_structure_of_the_body_reaches_the_editor_as_an_outline(demo_report):
    body = demo_report.body
    states = body.stream_block.get_form_state(body)

    outlined = [
        state
        for state in states
        if isinstance(state["value"], dict) and "outline" in state["value"]
    ]
    assert len(outlined) == sum(draws_on_open(child.block) for child in body) >= 20
    assert {child.block_type for child in body if draws_on_open(child.block)} >= {"text", "section"}
    for state, child in zip(states, body, strict=True):
        if draws_on_open(child.block):
            outline = state["value"]
            assert outline["stored"] == stored_value(child.block, child.value)
            expected = child.block.get_form_state(child.value)
            if child.block_type == "text":  # Draftail's content: new keys for each paragraph.
                outline["state"], expected = paragraphs(outline["state"]), paragraphs(expected)
            assert outline["state"] == expected
        else:
            assert "outline" not in str(state["value"])[:20]


def paragraphs(content):
    return [paragraph["text"] for paragraph in json.loads(content)["blocks"]]


def test_a_rich_text_not_written_by_the_editor_is_drawn_at_once(demo_report):
    """Stored HTML that Draftail would not give back as it is (imported, say) goes through the
    editor: posted back, it would be refused."""
    stream = demo_report.body.stream_block
    value = stream.to_python(
        [
            {"type": "text", "value": "<p>Écrit dans l’éditeur.</p>"},
            {"type": "text", "value": '<p>Importé <span class="x">ailleurs</span>.</p>'},
        ]
    )

    states = stream.get_form_state(value)

    assert states[0]["value"]["outline"] is True
    assert isinstance(states[1]["value"], str)  # Draftail's content, drawn at once.


def test_the_outline_carries_the_text_of_the_heading(demo_report):
    states = demo_report.body.stream_block.get_form_state(demo_report.body)
    labels = [
        state["value"]["labels"]
        for state in states
        if isinstance(state["value"], dict) and "labels" in state["value"]
    ]

    assert any(label.get("heading") == "Les objectifs pour l’année 2021-2022" for label in labels)
    figures = next(label for label in labels if isinstance(label.get("figures"), list))
    assert figures["figures"][0].startswith("68577")


def test_saving_without_opening_a_block_keeps_the_body_as_it_was(communications, demo_report):
    before = stream_data(demo_report.body)

    response = communications.post(
        f"/admin/pages/{demo_report.pk}/edit/",
        edit_form(demo_report, posted_body(demo_report.body)),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert stream_data(latest_body(demo_report)) == before


def test_an_opened_block_is_read_from_its_fields_and_the_others_keep_their_places(
    communications, demo_report
):
    body = demo_report.body
    position = next(i for i, child in enumerate(body) if child.block_type == "section")
    section = dict(body[position].value)
    changed = {**section, "heading": "Un titre revu"}
    # The first two children swapped by their order fields, as after "move down".
    orders = [1, 0, *range(2, len(body))]

    response = communications.post(
        f"/admin/pages/{demo_report.pk}/edit/",
        edit_form(demo_report, posted_body(body, orders, opened={position: changed})),
    )

    assert response.status_code == 302
    saved = latest_body(demo_report)
    assert [child.id for child in saved] == [body[1].id, body[0].id, *[c.id for c in body][2:]]
    assert saved[orders[position]].value["heading"] == "Un titre revu"
    others = [stream_data(saved)[i] for i in range(len(body)) if i != orders[position]]
    expected = [stream_data(body)[i] for i in [1, 0, *range(2, len(body))] if i != position]
    assert others == expected


def test_the_preview_reads_unopened_blocks(communications, demo_report):
    response = communications.post(
        f"/admin/pages/{demo_report.pk}/edit/preview/",
        edit_form(demo_report, posted_body(demo_report.body)),
    )

    assert response.status_code == 200
    assert response.json()["is_valid"] is True
    preview = communications.get(f"/admin/pages/{demo_report.pk}/edit/preview/")
    assert "Les objectifs pour l’année 2021-2022" in preview.content.decode()


def test_a_stored_value_is_validated_as_typed_fields_are(communications, demo_report):
    body = demo_report.body
    data = posted_body(body)
    position = next(i for i, child in enumerate(body) if child.block_type == "section")
    too_long = {"heading": "Un titre " * 20, "anchor": ""}
    data[str(position)]["value"] = {STORED_VALUE_SUFFIX: json.dumps(too_long)}
    revisions = demo_report.revisions.count()

    response = communications.post(
        f"/admin/pages/{demo_report.pk}/edit/", edit_form(demo_report, data)
    )

    assert response.status_code == 200
    assert "au plus 120 caract" in response.content.decode()
    assert demo_report.revisions.count() == revisions


@pytest.mark.parametrize(
    "stored",
    [
        "{not json",
        "[1, 2]",
        '"a string"',
        "null",
        '{"heading": {"nested": ["x"]}, "anchor": 5}',
    ],
)
def test_an_unreadable_stored_value_is_refused_and_nothing_is_saved(
    communications, demo_report, stored
):
    response = post_stored_value(communications, demo_report, "section", stored)

    assert response.status_code in (200, 400)


def test_a_stored_value_for_a_block_that_is_always_drawn_is_refused(communications, demo_report):
    response = post_stored_value(
        communications, demo_report, "contact_details", json.dumps({"text": "Texte"})
    )

    assert response.status_code == 400


@pytest.mark.parametrize(
    "html",
    [
        "<p>Texte</p><script>alert(1)</script>",
        '<p onclick="alert(1)">Texte</p>',
        '<p data-block-key="x" onmouseover="alert(1)">Texte</p>',
        '<p data-block-key="<b>">Texte</p>',
        '<p><a href="javascript:alert(1)">Texte</a></p>',
        "<h2>Titre hors des niveaux permis</h2>",
        '<p><img src="x"></p>',
        ["<p>Texte</p>"],
        None,
    ],
)
def test_rich_text_posted_back_is_refused_unless_the_editor_gives_it(
    communications, demo_report, html
):
    """An unopened rich text posts its stored HTML back: HTML the editor (Draftail, with the
    field's features) would not give is refused with a 400, nothing saved."""
    response = post_stored_value(communications, demo_report, "text", json.dumps(html))

    assert response.status_code == 400


def test_unreadable_stored_values_raise_the_guarded_error():
    block = ReportBodyBlock()
    data = nested_form_data(
        {
            "body": {
                "count": 1,
                "0": {
                    "type": "section",
                    "value": {STORED_VALUE_SUFFIX: "[]"},
                    "deleted": "",
                    "order": 0,
                    "id": "",
                },
            }
        }
    )

    with pytest.raises(MalformedFormData):
        block.value_from_datadict(data, {}, "body")


class NoteBlock(blocks.StructBlock):
    title = blocks.CharBlock()
    text = blocks.RichTextBlock(features=["bold"])


class HeadingBlock(blocks.StructBlock):
    heading = blocks.CharBlock()


class NotesBlock(OutlineStreamBlock):
    note = NoteBlock()
    heading = HeadingBlock()
    inline = blocks.StructBlock([("heading", blocks.CharBlock())])


def test_a_block_holding_rich_text_is_drawn_at_once_and_its_stored_html_refused():
    """Rich text goes through the editor's conversion (the features the field allows): stored
    HTML posted back, `<script>` and all, is refused."""
    stream = NotesBlock()
    value = stream.to_python([{"type": "note", "value": {"title": "A", "text": "<p>B</p>"}}])
    data = nested_form_data(
        {
            "notes": {
                "count": 1,
                "0": {
                    "type": "note",
                    "value": {STORED_VALUE_SUFFIX: '{"title": "A", "text": "<script>x</script>"}'},
                    "deleted": "",
                    "order": 0,
                    "id": "",
                },
            }
        }
    )

    assert not draws_on_open(stream.child_blocks["note"])
    assert draws_on_open(stream.child_blocks["heading"])
    assert not draws_on_open(stream.child_blocks["inline"])  # Wagtail's own StructBlock
    assert "outline" not in stream.get_form_state(value)[0]["value"]
    with pytest.raises(MalformedFormData):
        stream.value_from_datadict(data, {}, "notes")


@pytest.mark.parametrize("url", ["{report}/edit/preview/", "add/report/reportyearpage/{index}/"])
def test_the_preview_and_a_new_report_refuse_rich_text_the_editor_would_not_give(
    communications, demo_report, url
):
    body = demo_report.body
    data = posted_body(body)
    position = next(i for i, child in enumerate(body) if child.block_type == "text")
    data[str(position)]["value"] = {STORED_VALUE_SUFFIX: json.dumps("<p>x</p><script>y</script>")}
    address = "/admin/pages/" + url.format(report=demo_report.pk, index=demo_report.get_parent().pk)
    pages = type(demo_report).objects.count()

    response = communications.post(
        address, edit_form(demo_report, data, slug="rapport-2022-2023", title="Rapport 2022-2023")
    )

    assert response.status_code == 400
    assert type(demo_report).objects.count() == pages
