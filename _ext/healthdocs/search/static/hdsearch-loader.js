/* Loads the search client (hdsearch.js, ~10 KB gzip) when the reader first reaches for a
 * search box, instead of on every page view (issue 7's first-visit budget), together with
 * the index head and the stemmer, all three at once. Whatever is typed before they arrive
 * stays in the box, and the client searches it on arrival. It also makes the header's
 * search button (phones) open a full-width search box instead of going to the search page.
 * Without JavaScript the boxes are plain forms and the button a link to the search page.
 * The search page links the client itself instead of this loader (search/__init__.py).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  // The client's name (with its version) is on this script's tag; both sit in _static/.
  var base = script.src.replace(/[^/]*$/, "");
  var BOX = "input[data-hd-search]";
  var loaded = false;

  function load(event) {
    if (loaded || !event.target.matches || !event.target.matches(BOX + ", [data-hd-search-open]")) return;
    loaded = true;
    [script.getAttribute("data-client"), "hdsearch/head.js", "hdsearch/stemmer.js"].forEach(function (src) {
      var el = document.createElement("script");
      el.src = base + src;
      el.async = true;
      document.head.appendChild(el);
    });
  }

  // pointerdown starts the download a moment before the click focuses the box.
  document.addEventListener("focusin", load);
  document.addEventListener("pointerdown", load);
  // The box may have had focus before this deferred script ran.
  if (document.activeElement) load({ target: document.activeElement });

  // The header's search button: a toggle for the full-width box below the header.
  var button = document.querySelector("[data-hd-search-open]");
  var form = button && button.parentNode.querySelector("form.hd-search--header");
  if (!form) return;
  var input = form.querySelector("input");
  form.id = form.id || "hd-search-header";
  button.setAttribute("role", "button");
  button.setAttribute("aria-controls", form.id);
  button.setAttribute("aria-expanded", "false");

  function show(open) {
    form.hidden = !open;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    document.documentElement.classList.toggle("hd-search-open", open);
    if (open) input.focus();
  }

  button.addEventListener("click", function (e) {
    e.preventDefault();
    show(form.hidden);
  });
  button.addEventListener("keydown", function (e) {
    if (e.key === " ") { e.preventDefault(); show(form.hidden); }
  });
  form.querySelector(".hd-search__close").addEventListener("click", function () {
    show(false);
    button.focus();
  });
  // Escape closes the box once the dropdown is closed (the client handles the first Escape).
  form.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !e.defaultPrevented) { show(false); button.focus(); }
  });
})();
