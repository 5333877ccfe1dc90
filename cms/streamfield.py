"""Stream blocks that refuse form data they cannot read, instead of failing with a server error.

Wagtail's `StreamBlock.value_from_datadict` trusts the admin's JavaScript: a missing or
non-numeric `body-count`, a missing block field or order raises KeyError or ValueError, which
is a 500 (Wagtail 8.0.1), and a block of an unknown type is silently dropped, so that the next
revision loses it. Such a post never comes from the editing screen itself (a damaged request, a
truncated upload, a hand-made post), so it is refused whole: `MalformedFormData` is a
`SuspiciousOperation`, answered with 400 (see `web.middleware.MalformedFormDataMiddleware`)
and nothing is saved, not even part of the page.
"""

from django.core.exceptions import SuspiciousOperation
from wagtail import blocks

from cms.comparison import ReadableStreamBlockComparison

# What Wagtail's value_from_datadict raises on data its admin would never send.
UNREADABLE_DATA_ERRORS = (KeyError, ValueError, TypeError, OverflowError)


class MalformedFormData(SuspiciousOperation):
    """A form post whose StreamField data cannot be read as the editing screen writes it."""


class GuardedStreamBlock(blocks.StreamBlock):
    """A StreamBlock whose form data is read whole or refused (see the module's docstring)."""

    def get_comparison_class(self):
        """Revisions compared as the page reads, not as stored values (cms/comparison.py)."""
        return ReadableStreamBlockComparison

    def value_from_datadict(self, data, files, prefix):
        try:
            self.refuse_unknown_block_types(data, prefix)
            return super().value_from_datadict(data, files, prefix)
        except UNREADABLE_DATA_ERRORS as error:
            raise MalformedFormData(
                f"Unreadable StreamField data under {prefix!r}: {error!r}"
            ) from error

    def refuse_unknown_block_types(self, data, prefix):
        for position in range(int(data[f"{prefix}-count"])):
            if data.get(f"{prefix}-{position}-deleted"):
                continue
            block_type = data[f"{prefix}-{position}-type"]
            if block_type not in self.child_blocks:
                raise MalformedFormData(f"Unknown block type {block_type!r} under {prefix!r}")
