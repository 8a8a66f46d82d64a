/* Loads the search client (hdsearch.js, ~8 KB gzip) when the reader first reaches for a
 * search box, instead of on every page view (issue 7's first-visit budget). Whatever is
 * typed before it arrives stays in the box, and the client searches it on arrival.
 * Without JavaScript the box is a plain form that submits to the search page. The search
 * page links the client instead of this loader (search/__init__.py).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  // The client's name (with its version) is on this script's tag; both sit in _static/.
  var src = script.src.replace(/[^/]*$/, "") + script.getAttribute("data-client");
  var BOX = "input[data-hd-search]";

  function load(event) {
    if (!event.target.matches(BOX)) return;
    document.removeEventListener("focusin", load);
    document.removeEventListener("pointerdown", load);
    var el = document.createElement("script");
    el.src = src;
    document.head.appendChild(el);
  }

  // pointerdown starts the download a moment before the click focuses the box.
  document.addEventListener("focusin", load);
  document.addEventListener("pointerdown", load);
  // The box may have had focus before this deferred script ran.
  if (document.activeElement) load({ target: document.activeElement });
})();
