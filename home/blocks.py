"""Blocks any page can use. The report app builds on these; they never depend on it."""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import Filter

from cms.streamfield import GuardedStreamBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
# A page's own body (home, standard, message and project pages) has no section block: its text
# follows the page's h1, so its headings start at h2 (heading levels must not skip one).
PAGE_TEXT_FEATURES = ["h2", *RICH_TEXT_FEATURES]


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        label = _("Text")
        icon = "pilcrow"
        template = "home/blocks/rich_text.html"
        help_text = _("Paragraphs, lists and links. Use the section block for main headings.")
        description = _("Formatted text: paragraphs, sub-headings, lists and links.")
        preview_value = (
            "<p>Le Consortium offre des services spécialisés de qualité aux entreprises "
            "collectives du Québec.</p>"
        )


# The renditions that templates/home/blocks/image.html asks for, in the order its {% picture %}
# tag lists them (keep both the same: the page would fetch them image by image otherwise).
IMAGE_BLOCK_SPECS = Filter.expand_spec("format-{avif,webp,jpeg}|max-{1200x900,600x450}")


def prefetch_batch_renditions(image):
    """The renditions of `image` and of the other images of its stream not yet rendered.

    Done when rendering rather than when reading the stream: reading a page's text (search
    results, the search index) needs the images but none of their renditions.
    """
    waiting = [
        other
        for other in getattr(image, "image_blocks_batch", [])
        if "renditions" not in getattr(other, "_prefetched_objects_cache", {})
    ]
    if waiting:
        rendition_model = get_image_model().get_rendition_model()
        renditions = rendition_model.objects.filter(filter_spec__in=IMAGE_BLOCK_SPECS)
        prefetch_related_objects(waiting, Prefetch("renditions", queryset=renditions))


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_(
            "Describe what the image shows for people who cannot see it. Required unless the "
            "image is purely decorative."
        ),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative image"),
        required=False,
        help_text=_("Tick only if the image adds nothing to the text (screen readers skip it)."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        label = _("Image")
        icon = "image"
        template = "home/blocks/image.html"
        help_text = _("An image with its alternative text and an optional caption.")
        description = _("An image with alternative text and caption.")

    def bulk_to_python(self, values):
        """The images of every image block of a stream are read in one query; each remembers
        the others, so that rendering the first block reads all their renditions in one more."""
        struct_values = super().bulk_to_python(values)
        images = [value["image"] for value in struct_values if value["image"] is not None]
        for image in images:
            image.image_blocks_batch = images
        return struct_values

    def get_context(self, value, parent_context=None):
        prefetch_batch_renditions(value.get("image"))
        return super().get_context(value, parent_context=parent_context)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not value.get("alt_text", "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _("Describe the image for people who cannot see it, or tick “decorative”.")
                    )
                }
            )
        return value


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=1200)
    attribution = blocks.CharBlock(
        label=_("Attribution"), required=False, max_length=200, help_text=_("Who said it.")
    )
    role = blocks.CharBlock(label=_("Role"), required=False, max_length=200)

    class Meta:
        label = _("Quote")
        icon = "openquote"
        template = "home/blocks/quote.html"
        help_text = _("Words someone said, with who said them.")
        description = _("A quotation with its author.")
        preview_value = {
            "quote": "En s’aidant soi-même, on aide les autres.",
            "attribution": "Le Consortium",
        }


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=400)
    link_label = blocks.CharBlock(label=_("Button label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or external address"), required=False)

    class Meta:
        label = _("Call to action")
        icon = "pick"
        template = "home/blocks/call_to_action.html"
        help_text = _("A short invitation with a button to a page of the site or another site.")
        description = _("A heading, a sentence and a button.")
        preview_value = {
            "heading": "Joignez-vous au Consortium",
            "text": "Des services spécialisés pour les entreprises collectives.",
            "link_label": "Nous joindre",
            "url": "https://example.org/",
        }

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Choose a page or give an address, not both."))
                }
            )
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=150,
        help_text=_("Leave empty to use the document's title."),
    )
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=250)

    class Meta:
        label = _("Document download")
        icon = "doc-full"
        template = "home/blocks/document.html"
        help_text = _("A link to download a document, with its format and size.")
        description = _("A document to download.")


class ContactDetailsBlock(blocks.StaticBlock):
    class Meta:
        label = _("Contact details")
        icon = "mail"
        template = "home/blocks/contact_details.html"
        admin_text = _("Shows the address, phone numbers and opening hours from the site settings.")
        help_text = _("Edit the details themselves in Settings › Organisation details.")
        description = _("The organisation's address, phones and opening hours.")
        preview_value = None


class PageBodyBlock(GuardedStreamBlock):
    text = RichTextBlock(features=PAGE_TEXT_FEATURES)
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document = DocumentBlock()
    contact_details = ContactDetailsBlock()

    class Meta:
        template = "includes/streamfield.html"
