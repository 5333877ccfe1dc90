"""The organisation's colours from its site settings, as CSS custom properties."""

from django import template
from django.utils.html import format_html

from home.brand_colours import HEX_COLOUR
from home.models import SiteSettings
from web.csp import allow_inline

register = template.Library()


def colour_or_default(site_settings, field_name):
    """The colour as saved; the default if the value never went through validation (a value
    that is not a colour would otherwise reach the stylesheet)."""
    value = getattr(site_settings, field_name)
    if HEX_COLOUR.match(value or ""):
        return value
    return SiteSettings._meta.get_field(field_name).default


def brand_css(site_settings):
    """The custom properties that the stylesheet reads."""
    brand = colour_or_default(site_settings, "brand_colour")
    accent = colour_or_default(site_settings, "accent_colour")
    return f":root{{--brand:{brand};--accent:{accent}}}"


@register.simple_tag(takes_context=True)
def brand_style(context):
    """`<style>` with the site's colours, allowed by the Content-Security-Policy by its hash.

    Nothing without a request (a page rendered outside one keeps the stylesheet's colours).
    """
    request = context.get("request")
    if request is None:
        return ""
    css = brand_css(SiteSettings.for_request(request))
    allow_inline(request, "style-src", css)
    return format_html("<style>{}</style>", css)
