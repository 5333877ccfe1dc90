def page_html(response):
    """The response's HTML with runs of white space folded, so that template layout can change."""
    return " ".join(response.content.decode().split())


def texts_in_language(response, language):
    """The texts of the page's main content marked as written in `language` (`lang`)."""
    from bs4 import BeautifulSoup

    main = BeautifulSoup(response.content, "html.parser").find("main")
    return [
        " ".join(element.get_text().split()) for element in main.find_all(attrs={"lang": language})
    ]
