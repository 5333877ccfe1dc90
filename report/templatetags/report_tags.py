from django import template
from wagtail.models import Locale

from home.cover_art import svg_shapes as cover_art_shapes
from home.models import SiteSettings
from report.models import published_reports

register = template.Library()


@register.inclusion_tag("report/includes/latest_report_feature.html", takes_context=True)
def latest_report_feature(context):
    """The newest published report in the visitor's language, for the home page."""
    report = (
        published_reports()
        .filter(locale=Locale.get_active())
        .prefetch_related("cover_image__renditions")
        .first()
    )
    return {"report": report, "request": context.get("request")}


@register.inclusion_tag("report/includes/cover_art.html", takes_context=True)
def cover_art(context, report, css_class="cover-art"):
    """The report's generated cover (home/cover_art.py), in the site's colours: decorative, so
    hidden from assistive technology. Empty without a request (no site settings to read)."""
    request = context.get("request")
    if request is None:
        return {}
    site_settings = SiteSettings.for_request(request)
    return {
        "art": cover_art_shapes(report.fiscal_year_start.year, site_settings),
        "css_class": css_class,
    }
