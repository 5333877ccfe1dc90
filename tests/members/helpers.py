"""Admin URLs of the members snippets (spelled out, so that a changed URL fails a test), and
what a listing shows."""

import html
import re


def listing_url(model_name):
    return f"/admin/snippets/members/{model_name}/"


def add_url(model_name):
    return f"/admin/snippets/members/{model_name}/add/"


def edit_url(instance):
    return f"/admin/snippets/members/{instance._meta.model_name}/edit/{instance.pk}/"


def delete_url(instance):
    return f"/admin/snippets/members/{instance._meta.model_name}/delete/{instance.pk}/"


def chooser_url(model_name):
    return f"/admin/snippets/choose/members/{model_name}/"


def listed_titles(response):
    """The title column of a listing: what an editor reads down the page, in order."""
    titles = re.findall(r'<span id="snippet_[^"]+_title">(.*?)</span>', response.content.decode())
    return [html.unescape(title.strip()) for title in titles]


def listing_rows(response):
    """The listing's rows as the text of their cells (without the row's checkbox and buttons)."""
    page = response.content.decode()
    body = page[page.index("<tbody>", page.index('<table class="listing">')) :]
    body = body[: body.index("</tbody>")]
    return [row_cells(row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S)]


def row_cells(row):
    without_buttons = re.sub(r'<ul class="actions">.*?</ul>', "", row, flags=re.S)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", without_buttons, flags=re.S)
    texts = [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in cells]
    return texts[1:]
