"""Where each page type of the demonstration site is, in French and in English."""

PATHS = {
    "home": {"fr": "/fr/", "en": "/en/"},
    "standard": {"fr": "/fr/a-propos/", "en": "/en/about/"},
    "contact": {"fr": "/fr/nous-joindre/", "en": "/en/contact-us/"},
    "search": {"fr": "/fr/recherche/?q=rapport", "en": "/en/search/?q=report"},
    "not-found": {"fr": "/fr/cette-page-n-existe-pas/", "en": "/en/this-page-does-not-exist/"},
    "report-index": {"fr": "/fr/rapports-annuels/", "en": "/en/annual-reports/"},
    "report": {"fr": "/fr/rapports-annuels/2021-2022/", "en": "/en/annual-reports/2021-2022/"},
}
# Pages reached by following a link of the report page (the last part of their address).
REPORT_LINKS = {
    "message": {"fr": "mot-de-la-presidence/", "en": "presidents-message/"},
    "project": {"fr": "transformation-numerique/", "en": "digital-transformation/"},
}
PAGE_TYPES = [*PATHS, "contact-with-error", *REPORT_LINKS]


def open_page(page, site_url, page_type, language):
    """Show `page_type` in `page`, as a visitor would reach it; returns its address."""
    if page_type in PATHS:
        response = page.goto(site_url + PATHS[page_type][language])
        expected_status = 404 if page_type == "not-found" else 200
        assert response.status == expected_status, f"{page.url}: HTTP {response.status}"
    elif page_type == "contact-with-error":
        open_page(page, site_url, "contact", language)
        with page.expect_navigation():
            page.locator(".contact-form [type=submit]").click()
        assert page.locator(".notice--error").is_visible(), "the form was not refused"
    else:
        open_page(page, site_url, "report", language)
        link = page.locator(f'.report-body a[href$="/{REPORT_LINKS[page_type][language]}"]')
        with page.expect_navigation():
            link.first.click()
        assert page.title(), page.url
    return page.url
