from django import forms
from django.utils.translation import gettext_lazy as _

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
