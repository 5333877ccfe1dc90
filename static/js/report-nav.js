/*
 * The report's table of contents marks the section being read (aria-current="location") and
 * keeps that section's link in view inside it: on phones, where it is a single line that scrolls
 * sideways, and on wide screens, where a long one scrolls up and down. Never the page itself.
 * A progressive enhancement: without this script the table of contents is a list of plain
 * links, and nothing else of the report needs JavaScript.
 */
(function () {
    "use strict";
    var toc = document.querySelector(".report-toc");
    if (!toc || !("IntersectionObserver" in window)) {
        return;
    }
    var sections = [];
    var links = [];
    toc.querySelectorAll('a[href^="#"]').forEach(function (link) {
        var heading = document.getElementById(decodeURIComponent(link.hash.slice(1)));
        var section = heading && heading.closest("section");
        if (section) {
            sections.push(section);
            links.push(link);
        }
    });
    var onScreen = new Set();
    var list = toc.querySelector("ol");
    var currentIndex = -1;
    var revealTimer = null;
    // How long the current section must stay current before the bar moves to it: a jump across
    // the report passes sections on its way (and their layout settles), and a scroll started for
    // one of them would carry on after the next one became current.
    var SETTLE_MS = 120;
    var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
    // The width of the shade that marks the bar's scrolling edge (site.css): a link is brought
    // clear of it.
    var CUE = 24;

    function shift(start, end, size, margin) {
        // The least scroll that brings [start, end] (relative to the box's visible part) into it.
        if (start < margin) {
            return start - margin;
        }
        if (end > size - margin) {
            return Math.min(start - margin, end - size + margin);
        }
        return 0;
    }

    function revealInside(box, link) {
        // Like scrollIntoView({block: "nearest", inline: "nearest"}), but it moves this box
        // only: scrollIntoView would also scroll the page, away from what is being read.
        var outer = box.getBoundingClientRect();
        var inner = link.getBoundingClientRect();
        var left = inner.left - outer.left - box.clientLeft;
        var top = inner.top - outer.top - box.clientTop;
        var x = 0;
        var y = 0;
        if (box.scrollWidth > box.clientWidth) {
            x = shift(left, left + inner.width, box.clientWidth, CUE);
        }
        if (box.scrollHeight > box.clientHeight) {
            y = shift(top, top + inner.height, box.clientHeight, 0);
        }
        if (x || y) {
            // To a position, not by a distance: a distance would be added to the end of a smooth
            // scroll still under way.
            box.scrollTo({
                left: box.scrollLeft + x,
                top: box.scrollTop + y,
                behavior: reducedMotion.matches ? "auto" : "smooth",
            });
        }
    }

    function keepInView(link) {
        // A phone's bar scrolls sideways, a wide screen's column up and down (when it is long).
        revealInside(list, link);
        revealInside(toc, link);
    }

    function markCurrent() {
        // The first section, in reading order, with a part in the upper part of the window.
        var current = sections.findIndex(function (section) {
            return onScreen.has(section);
        });
        links.forEach(function (link, index) {
            if (index === current) {
                link.setAttribute("aria-current", "location");
            } else {
                link.removeAttribute("aria-current");
            }
        });
        // Only when the section changes: the reader may have swiped the bar to look at others.
        if (current !== currentIndex && current !== -1) {
            clearTimeout(revealTimer);
            revealTimer = setTimeout(function () {
                keepInView(links[current]);
            }, SETTLE_MS);
        }
        currentIndex = current;
    }

    function menuClearance() {
        var style = getComputedStyle(document.documentElement);
        return Math.ceil(parseFloat(style.scrollPaddingTop) || 0);
    }

    var observer = new IntersectionObserver(
        function (entries) {
            entries.forEach(function (entry) {
                if (entry.isIntersecting) {
                    onScreen.add(entry.target);
                } else {
                    onScreen.delete(entry.target);
                }
            });
            markCurrent();
        },
        // The upper part of the window below the sticky section menu: the section a link leads
        // to starts there (the page's scroll padding), and the one before it, whose end is then
        // behind the menu, is not being read (a margin of 16px for where the scroll stops).
        { rootMargin: "-" + (menuClearance() + 16) + "px 0px -60% 0px" }
    );
    sections.forEach(function (section) {
        observer.observe(section);
    });
})();
