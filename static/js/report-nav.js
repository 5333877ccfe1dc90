/*
 * The report's table of contents marks the section being read (aria-current="location") and,
 * on phones where it is a single scrolling line, keeps that section's link in view.
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

    function keepInView(link) {
        // On phones the section menu is one scrolling line: bring the current section into it.
        if (!list || list.scrollWidth <= list.clientWidth) {
            return;
        }
        var start = link.offsetLeft - list.offsetLeft;
        var end = start + link.offsetWidth;
        if (start < list.scrollLeft || end > list.scrollLeft + list.clientWidth) {
            list.scrollLeft = Math.max(0, start - 16);
        }
    }

    function markCurrent() {
        // The first section, in reading order, with a part in the upper part of the window.
        var current = sections.findIndex(function (section) {
            return onScreen.has(section);
        });
        links.forEach(function (link, index) {
            if (index === current) {
                link.setAttribute("aria-current", "location");
                keepInView(link);
            } else {
                link.removeAttribute("aria-current");
            }
        });
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
