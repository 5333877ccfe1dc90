"""Run through `manage.py shell -c` against a database made for the backup test."""

import hashlib
import io
import json

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision


def add_revisions_and_media():
    """Content a backup must keep beyond the demo site: drafts, older revisions, uploads."""
    about = Page.objects.get(url_path__endswith="/a-propos/").specific
    for introduction in ["Première version.", "Deuxième version."]:
        about.introduction = introduction
        about.save_revision().publish()
    about.introduction = "Un brouillon pas encore publié."
    about.save_revision()

    picture = io.BytesIO()
    PillowImage.new("RGB", (40, 30), "#2a6f4e").save(picture, "PNG")
    get_image_model().objects.create(
        title="Logo de sauvegarde", file=ContentFile(picture.getvalue(), name="sauvegarde.png")
    )
    get_document_model().objects.create(
        title="Rapport de sauvegarde", file=ContentFile(b"%PDF-1.4 test", name="rapport.pdf")
    )


def print_snapshot():
    """Every page, its revisions, every upload and every media file, as JSON."""
    pages = [
        {
            "id": page.id,
            "title": page.title,
            "live": page.live,
            "url_path": page.url_path,
            "locale": page.locale.language_code,
            "has_unpublished_changes": page.has_unpublished_changes,
            "latest_revision_id": page.latest_revision_id,
            "revisions": Revision.page_revisions.filter(object_id=str(page.id)).count(),
        }
        for page in Page.objects.order_by("id").select_related("locale")
    ]
    uploads = [
        [model.__name__, item.title, item.file.name]
        for model in (get_image_model(), get_document_model())
        for item in model.objects.order_by("id")
    ]
    media = {
        str(path.relative_to(settings.MEDIA_ROOT)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(settings.MEDIA_ROOT.rglob("*"))
        if path.is_file()
    }
    print(json.dumps({"pages": pages, "uploads": uploads, "media": media}))
