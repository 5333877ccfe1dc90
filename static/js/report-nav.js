/*
 * The report's table of contents marks the section being read (aria-current="location").
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
        { rootMargin: "0px 0px -60% 0px" }
    );
    sections.forEach(function (section) {
        observer.observe(section);
    });
})();
