/*
 * The language switcher keeps the reader's section: its link to the report in another language
 * gets that section's anchor in that language (#membrariat in French, #membership in English),
 * which the server names on each section (data-anchor-en="membership").
 *
 * The reader's section is the one the address points to (#membrariat, or a link of the table of
 * contents), or the one the reader last stopped on while scrolling (the one the table of
 * contents marks as being read, report-nav.js), whichever came last. Not the
 * one on screen when the switcher is clicked: the switcher is in the page's header, so a reader
 * scrolls up past other sections to reach it, and stopping at the top changes nothing.
 *
 * A progressive enhancement: without this script the link opens the other language's report at
 * its top.
 */
(function () {
    "use strict";
    // How long the page rests before the section on screen is taken as the one being read.
    var REST_MS = 800;
    var links = document.querySelectorAll(".language-switcher a[hreflang]");
    if (!document.querySelector("section.report-section") || !links.length) {
        return;
    }

    function sectionOfAddress() {
        var id = decodeURIComponent(window.location.hash.slice(1));
        var target = id && document.getElementById(id);
        return target ? target.closest("section.report-section") : null;
    }

    function sectionMarkedCurrent() {
        // The section the table of contents marks as being read (report-nav.js).
        var link = document.querySelector('.report-toc a[aria-current="location"]');
        var heading = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
        return heading ? heading.closest("section.report-section") : null;
    }

    function pointLinksTo(section) {
        if (!section) {
            return;
        }
        links.forEach(function (link) {
            var anchor = section.getAttribute("data-anchor-" + link.hreflang);
            link.hash = anchor ? "#" + anchor : "";
        });
    }

    var resting;
    window.addEventListener(
        "scroll",
        function () {
            clearTimeout(resting);
            resting = setTimeout(function () {
                pointLinksTo(sectionMarkedCurrent());
            }, REST_MS);
        },
        { passive: true }
    );
    window.addEventListener("hashchange", function () {
        pointLinksTo(sectionOfAddress());
    });
    pointLinksTo(sectionOfAddress());
})();
