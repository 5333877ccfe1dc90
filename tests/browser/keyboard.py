"""Moving through a page with the Tab key, and what the focused element looks like."""

# What the test needs to know of the focused element; null when the focus has left the page.
FOCUSED_ELEMENT = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const path = [];
    for (let node = element; node.parentElement; node = node.parentElement) {
        path.unshift(Array.prototype.indexOf.call(node.parentElement.children, node));
    }
    const parse = (colour) => (colour.match(/[\\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => {
        const linear = (value) => {
            const c = value / 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    // The colour around the element, where an outline drawn outside it shows.
    let around = [255, 255, 255];
    for (let node = element.parentElement; node; node = node.parentElement) {
        const colour = parse(getComputedStyle(node).backgroundColor);
        if (colour.length === 3 || (colour.length === 4 && colour[3] > 0)) {
            around = colour.slice(0, 3);
            break;
        }
    }
    const style = getComputedStyle(element);
    const outline = parse(style.outlineColor).slice(0, 3);
    const [light, dark] = [luminance(outline), luminance(around)].sort((a, b) => b - a);
    const box = element.getBoundingClientRect();
    const region = ['main-menu', 'language-switcher', 'report-toc']
        .find((name) => element.closest('.' + name)) || (element.closest('main') ? 'main' : '');
    return {
        path: path.join('.'),
        html: element.outerHTML.slice(0, 160),
        id: element.id,
        href: element.getAttribute('href'),
        region: region,
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth) || 0,
        outlineContrast: (light + 0.05) / (dark + 0.05),
        boxShadow: style.boxShadow,
        inViewport: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
            && box.top < window.innerHeight && box.left < window.innerWidth,
    };
}"""


def focused(page):
    return page.evaluate(FOCUSED_ELEMENT)


def tab_through(page, limit=400):
    """Press Tab from the top of the page until the focus leaves it; what was focused, in order."""
    reached = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if element is None or (reached and element["path"] == reached[0]["path"]):
            return reached
        reached.append(element)
    raise AssertionError(f"Tab did not leave the page after {limit} presses")


def focus_problem(element):
    """Why the focused element cannot be seen, or None."""
    if not element["inViewport"]:
        return "not scrolled into view"
    if element["outlineStyle"] != "none" and element["outlineWidth"] >= 2:
        if element["outlineContrast"] < 3:
            return f"focus outline contrast {element['outlineContrast']:.2f}:1, below 3:1"
        return None
    if element["boxShadow"] != "none":
        return None
    return "no outline and no box-shadow"
