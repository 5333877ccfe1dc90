"""The Chromium that `make browser-deps` found (Debian's here), driven by Playwright, which never
downloads a browser."""

LAUNCH_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORTS = {
    "phone": {"width": 360, "height": 780},
    "desktop": {"width": 1280, "height": 900},
}


def launch(playwright, chromium):
    return playwright.chromium.launch(executable_path=str(chromium), args=LAUNCH_ARGS)


def new_page(browser, viewport, **options):
    """A page in a context of its own, `viewport` wide ("phone" or "desktop")."""
    # bypass_csp: axe-core is injected as an inline script, which a strict policy would refuse.
    context = browser.new_context(viewport=VIEWPORTS[viewport], bypass_csp=True, **options)
    context.set_default_timeout(10_000)
    return context.new_page()
