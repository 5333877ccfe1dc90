"""An editor uploads images and documents in the admin: what could harm visitors is refused."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile
from wagtail.users.models import UserProfile

from tests.editorial.conftest import PASSWORD, roles  # noqa: F401
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MEGABYTE = 1024 * 1024
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
)
WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def editor(roles):  # noqa: F811
    """An editor of the communications team, signed in to the admin (in English, so that the
    messages read here do not depend on the state of the French catalogue)."""
    user = UserFactory(username="camille", password=PASSWORD)
    user.groups.add(roles["communications"])
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    client = Client()
    client.force_login(user)
    return client


def png(width, height, mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(editor, kind, name, content):
    """Post the admin's add form of `kind` ("images" or "documents") as the editor does."""
    return editor.post(
        f"/admin/{kind}/add/",
        {
            "title": name,
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def upload_by_drag_and_drop(editor, kind, name, content):
    """Post the admin's multiple upload, as its drop zone does."""
    return editor.post(
        f"/admin/{kind}/multiple/add/",
        {"files[]": SimpleUploadedFile(name, content)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


def file_errors(response):
    assert response.status_code == 200
    return " ".join(str(error) for error in response.context["form"].errors.get("file", []))


def nothing_saved():
    return (
        not get_image_model().objects.exists()
        and not get_document_model().objects.exists()
        and not UploadedFile.objects.exists()
    )


# Images


def test_an_ordinary_image_is_accepted(editor):
    response = upload(editor, "images", "equipe.png", png(800, 600))

    assert response.status_code == 302
    assert get_image_model().objects.get().title == "equipe.png"


def test_an_image_over_20_mb_is_refused(editor):
    oversized = png(10, 10) + b"\x00" * (20 * MEGABYTE)

    errors = file_errors(upload(editor, "images", "affiche.png", oversized))

    assert "This file is too big" in errors
    assert nothing_saved()


def test_an_image_over_40_megapixels_is_refused(editor):
    # 8000 by 6000 is 48 million pixels, a small file (one bit per pixel, compressed).
    errors = file_errors(upload(editor, "images", "panorama.png", png(8000, 6000, mode="1")))

    assert "pixels" in errors
    assert nothing_saved()


def test_an_svg_image_is_refused(editor):
    errors = file_errors(upload(editor, "images", "logo.svg", SVG_WITH_SCRIPT))

    assert "svg" in errors.lower() or "Not a supported image format" in errors
    assert nothing_saved()


@pytest.mark.parametrize("content", [HTML_PAGE, WINDOWS_PROGRAM, SVG_WITH_SCRIPT])
def test_a_file_renamed_as_an_image_is_refused(editor, content):
    errors = file_errors(upload(editor, "images", "photo.png", content))

    assert errors
    assert nothing_saved()


def test_drag_and_drop_refuses_a_disguised_image_too(editor):
    response = upload_by_drag_and_drop(editor, "images", "photo.jpg", HTML_PAGE)

    assert response.status_code == 200
    assert response.json()["success"] is False
    assert response.json()["error_message"]
    assert nothing_saved()


# Documents


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("etats-financiers.pdf", PDF),
        ("proces-verbal.docx", docx()),
        ("membres.csv", "nom;ville\nCoop du Cap;Québec\n".encode()),
        ("lisez-moi.txt", b"Rapport annuel 2021-2022\n"),
    ],
)
def test_ordinary_documents_are_accepted(editor, name, content):
    response = upload(editor, "documents", name, content)

    assert response.status_code == 302, file_errors(response)
    assert get_document_model().objects.get().title == name


def test_a_document_over_20_mb_is_refused(editor):
    errors = file_errors(upload(editor, "documents", "gros.pdf", PDF + b" " * (20 * MEGABYTE)))

    assert "This file is too big" in errors
    assert nothing_saved()


@pytest.mark.parametrize(
    "name", ["page.html", "dessin.svg", "programme.exe", "script.js", "archive.zip"]
)
def test_documents_of_other_kinds_are_refused(editor, name):
    errors = file_errors(upload(editor, "documents", name, HTML_PAGE))

    assert "File extension" in errors
    assert nothing_saved()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.pdf", HTML_PAGE),
        ("rapport.pdf", WINDOWS_PROGRAM),
        ("rapport.docx", PDF),
        ("membres.csv", HTML_PAGE),
        ("lisez-moi.txt", SVG_WITH_SCRIPT),
        ("lisez-moi.txt", WINDOWS_PROGRAM),
    ],
)
def test_a_file_renamed_as_a_document_is_refused(editor, name, content):
    errors = file_errors(upload(editor, "documents", name, content))

    extension = name.rsplit(".", 1)[1]
    assert f"This file’s content is not that of a .{extension} file." in errors
    assert nothing_saved()


def test_drag_and_drop_refuses_a_disguised_document_too(editor):
    response = upload_by_drag_and_drop(editor, "documents", "rapport.pdf", WINDOWS_PROGRAM)

    assert response.status_code == 200
    assert response.json()["success"] is False
    assert "not that of a .pdf file" in response.json()["error_message"]
    assert nothing_saved()


def test_replacing_a_documents_file_is_checked_too(editor):
    upload(editor, "documents", "rapport.pdf", PDF)
    document = get_document_model().objects.get()

    response = editor.post(
        f"/admin/documents/edit/{document.pk}/",
        {
            "title": "rapport.pdf",
            "collection": document.collection_id,
            "file": SimpleUploadedFile("rapport.pdf", HTML_PAGE),
        },
    )

    assert "not that of a .pdf file" in file_errors(response)
    document.refresh_from_db()
    assert document.file.read() == PDF
