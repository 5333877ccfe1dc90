"""Links between the pages of a report that keep an editor inside the draft report.

While an editor previews a report page (the preview panel, "Preview", the print layout or
Wagtail's "view draft"), the links to the report's other pages lead to the previews of their
latest drafts; visitors always get the public addresses.
"""

from django import template
from django.urls import reverse
from wagtail.templatetags.wagtailcore_tags import pageurl

register = template.Library()


def is_preview(context):
    return getattr(context.get("request"), "is_preview", False)


@register.simple_tag(takes_context=True)
def report_link(context, page):
    """`{% report_link page %}`: the page's draft preview in a preview, else its address."""
    if page is None:
        return ""
    if is_preview(context) and page.pk:
        return reverse("wagtailadmin_pages:view_draft", args=[page.pk])
    return pageurl(context, page)
