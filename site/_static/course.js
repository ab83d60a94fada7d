// Keyboard access to whatever scrolls sideways (a wide table, a long equation, a code block): a region that
// scrolls must be reachable with the Tab key to be read without a mouse (WCAG 2.1, 2.1.1). Run when the page
// has loaded, again once MathJax has set the equations, and after a resize.
(function () {
  function label(el) {
    if (el.tagName.toLowerCase().indexOf("mjx") === 0) return "Equation (scrolls sideways)";
    if (el.querySelector("table")) return "Table (scrolls sideways)";
    return "Scrollable content";
  }
  function reachable() {
    document.querySelectorAll("main *").forEach(function (el) {
      var s = window.getComputedStyle(el);
      var scrolls = (el.scrollWidth > el.clientWidth + 1 && /(auto|scroll)/.test(s.overflowX)) ||
                    (el.scrollHeight > el.clientHeight + 1 && /(auto|scroll)/.test(s.overflowY));
      if (scrolls && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        if (!el.hasAttribute("role")) el.setAttribute("role", "region");
        if (!el.hasAttribute("aria-label")) el.setAttribute("aria-label", label(el));
      }
    });
  }
  window.addEventListener("load", function () {
    reachable();
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) MathJax.startup.promise.then(reachable);
  });
  var timer;
  window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(reachable, 200); });
})();
