"""The organisation's colours: checked for WCAG AA contrast before they reach a page.

Both colours carry white text (buttons, the key-figure values' tiles) and are used as text or
link colour on white, so each must reach 4.5:1 against white (WCAG 2.2, 1.4.3). The contrast
of white on a colour equals that of the colour on white: one check covers both.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
# WCAG 2.2 AA for normal text.
MINIMUM_CONTRAST = 4.5


def rgb_channels(colour):
    """(red, green, blue), 0 to 255, of a #rrggbb colour."""
    return tuple(int(colour[index : index + 2], 16) for index in (1, 3, 5))


def relative_luminance(colour):
    """WCAG 2.2's relative luminance of a #rrggbb colour, 0 (black) to 1 (white)."""
    channels = [channel / 255 for channel in rgb_channels(colour)]
    linear = [
        channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
        for channel in channels
    ]
    red, green, blue = linear
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first, second):
    """WCAG contrast ratio of two #rrggbb colours, 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def validate_brand_colour(value):
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(
            _("Enter a colour as # followed by six hexadecimal digits, e.g. #0b5d7a."),
            code="invalid_colour",
        )
    ratio = contrast_ratio(value, WHITE)
    if ratio < MINIMUM_CONTRAST:
        raise ValidationError(
            _(
                "%(colour)s is too light: white text on it, and it on white, has a contrast of "
                "%(ratio)s:1, below the 4.5:1 that people with low vision need (WCAG AA). "
                "Choose a darker shade."
            ),
            code="low_contrast",
            # Truncated, not rounded: 4.46 must not read as the 4.5 it does not reach.
            params={"colour": value, "ratio": number_format(int(ratio * 10) / 10, 1)},
        )
