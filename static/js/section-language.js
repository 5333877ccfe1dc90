/*
 * The language switcher keeps the reader's section: its link to the report in another language
 * gets that section's anchor in that language (#membrariat in French, #membership in English),
 * which the server names on each section (data-anchor-en="membership").
 *
 * The reader's section is the one the address points to (#membrariat, or a link of the table of
 * contents), or the one the reader last stopped on while scrolling, whichever came last. Not the
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
    var sections = Array.prototype.slice.call(
        document.querySelectorAll("section.report-section")
    );
    var links = document.querySelectorAll(".language-switcher a[hreflang]");
    if (!sections.length || !links.length) {
        return;
    }

    function sectionOfAddress() {
        var id = decodeURIComponent(window.location.hash.slice(1));
        var target = id && document.getElementById(id);
        return target ? target.closest("section.report-section") : null;
    }

    function sectionBeingRead() {
        // The first section, in reading order, with a part in the upper part of the window,
        // below the sticky section menu (the page's scroll padding keeps anchors clear of it).
        var style = getComputedStyle(document.documentElement);
        var top = (parseFloat(style.scrollPaddingTop) || 0) + 1;
        var limit = Math.max(top, window.innerHeight * 0.4);
        return (
            sections.find(function (section) {
                var box = section.getBoundingClientRect();
                return box.bottom > top && box.top < limit;
            }) || null
        );
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
                pointLinksTo(sectionBeingRead());
            }, REST_MS);
        },
        { passive: true }
    );
    window.addEventListener("hashchange", function () {
        pointLinksTo(sectionOfAddress());
    });
    pointLinksTo(sectionOfAddress());
})();
