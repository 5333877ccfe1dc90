from django import template
from wagtail.models import Locale

from report.models import published_reports

register = template.Library()


@register.inclusion_tag("report/includes/latest_report_feature.html")
def latest_report_feature():
    """The newest published report in the visitor's language, for the home page."""
    report = published_reports().filter(locale=Locale.get_active()).first()
    return {"report": report}
