import filetype
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from home.models import ContactSubmission


class ContactForm(forms.ModelForm):
    # A field that people never see and robots fill in: such messages are dropped silently.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = ContactSubmission
        fields = ["name", "email", "phone", "subject", "message"]
        labels = {
            "name": _("Your name"),
            "email": _("Your e-mail address"),
            "phone": _("Your phone number (optional)"),
            "subject": _("Subject"),
            "message": _("Your message"),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "message": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "name": {"required": _("Please tell us your name.")},
            "email": {
                "required": _("Please give an e-mail address so that we can answer you."),
                "invalid": _("This e-mail address is not valid, for example name@example.org."),
            },
            "subject": {"required": _("Please give your message a subject.")},
            "message": {"required": _("Please write your message.")},
        }

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = [char for char in phone if char.isdigit()]
        if phone and not 7 <= len(digits) <= 15:
            raise forms.ValidationError(
                _("This phone number is not valid, for example 418 622-1001.")
            )
        return phone

    def full_clean(self):
        super().full_clean()
        # Screen readers announce the error message when the visitor reaches the field.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}-error"

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))


# What a document's first bytes must be for its extension: a file renamed .pdf is refused.
BINARY_DOCUMENT_KINDS = {
    "pdf": {"pdf"},
    "docx": {"docx"},
    "xlsx": {"xlsx"},
    "pptx": {"pptx"},
    "odt": {"odt"},
    "ods": {"ods"},
    "odp": {"odp"},
}
TEXT_DOCUMENT_EXTENSIONS = {"csv", "txt"}
# A text file that a browser would take for a web page or an image with scripts.
MARKUP_SIGNATURES = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<body", b"<iframe")
SNIFFED_BYTES = 8192


def document_content_matches(extension, head):
    """Whether `head`, the first bytes of a file, is what files named *.`extension` contain."""
    if extension in TEXT_DOCUMENT_EXTENSIONS:
        return is_plain_text(head)
    kind = filetype.guess(head)
    return kind is not None and kind.extension in BINARY_DOCUMENT_KINDS.get(extension, ())


def is_plain_text(head):
    if b"\x00" in head or filetype.guess(head) is not None:
        return False
    lowered = head.lstrip().lower()
    return not any(signature in lowered for signature in MARKUP_SIGNATURES)


class SafeDocumentForm(BaseDocumentForm):
    """Wagtail's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE), refusing disguised files.

    Wagtail checks the extension against WAGTAILDOCS_EXTENSIONS; this checks that the content
    is of that kind too, so that a page or a program renamed report.pdf is not published.
    """

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            extension = uploaded.name.rsplit(".", 1)[-1].lower()
            head = uploaded.read(SNIFFED_BYTES)
            uploaded.seek(0)
            if not document_content_matches(extension, head):
                raise forms.ValidationError(
                    _(
                        "This file’s content is not that of a .%(extension)s file. "
                        "Upload the original document, not a renamed file."
                    )
                    % {"extension": extension},
                    code="content_mismatch",
                )
        return uploaded
