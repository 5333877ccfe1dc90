"""The admin form of the members snippets."""

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets.chooser import BaseChooser


class MembersAdminForm(WagtailAdminModelForm):
    """Shows a chooser empty again, with its error, when the value sent was not a valid choice.

    Wagtail's chooser widgets look the submitted value up to display it, and fail with a server
    error on one that is not an id (“abc”): only a hand-made request sends one, but bad input
    must get a message, never a 500.
    """

    def full_clean(self):
        super().full_clean()
        refused_choices = [
            name
            for name, field in self.fields.items()
            if isinstance(field.widget, BaseChooser) and self.has_error(name, "invalid_choice")
        ]
        if refused_choices:
            self.data = self.data.copy()
            for name in refused_choices:
                self.data[self.add_prefix(name)] = ""
