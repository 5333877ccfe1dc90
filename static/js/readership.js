// Report sections reached on screen, sent when the page is hidden (readership/views.py).
(function () {
    var script = document.currentScript, nav = navigator, reached = [];
    if (!script || !nav.sendBeacon || !window.IntersectionObserver ||
            nav.globalPrivacyControl || nav.doNotTrack === "1") {
        return;
    }
    var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
            if (entry.isIntersecting) {
                reached.push(entry.target.getAttribute("aria-labelledby"));
                observer.unobserve(entry.target);
            }
        });
    }, {rootMargin: "0px 0px -50% 0px"});
    document.querySelectorAll("section.report-section[aria-labelledby]").forEach(function (s) {
        observer.observe(s);
    });
    function send() {
        var body = JSON.stringify({page: +script.dataset.page, sections: reached});
        if (reached.length && nav.sendBeacon(script.dataset.endpoint, body)) reached = [];
    }
    document.addEventListener("visibilitychange", function () {
        if (document.hidden) send();
    });
    addEventListener("pagehide", send);
}());
