def page_html(response):
    """The response's HTML with runs of white space folded, so that template layout can change."""
    return " ".join(response.content.decode().split())
