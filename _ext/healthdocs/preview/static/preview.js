// Added by `make serve` to the pages it serves (never to the built files): reload this
// tab when its page is rewritten, and list the page's problems in a panel.
(function () {
  "use strict";
  var script = document.currentScript;
  var page = script.getAttribute("data-page");
  var base = script.src.replace(/preview\.js.*$/, "");

  var events = new EventSource(base + "events");
  events.onmessage = function (event) {
    var data = JSON.parse(event.data);
    if (data.all || (data.pages || []).indexOf(page) >= 0) {
      location.reload();
    }
  };

  function element(name, attributes, text) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function sourceBlock(problem) {
    var pre = element("pre", { "class": "hd-preview__source" });
    problem.source.forEach(function (row) {
      var line = element("span", { "class": row[0] === problem.line ? "hd-preview__here" : "" },
                         String(row[0]).padStart(4) + "  " + row[1] + "\n");
      pre.appendChild(line);
    });
    return pre;
  }

  function show(problems) {
    if (!problems.length) { return; }
    var panel = element("section", { "class": "hd-preview", "aria-labelledby": "hd-preview-title" });
    var heading = element("h2", { "id": "hd-preview-title", "class": "hd-preview__title" },
                          problems.length + (problems.length === 1 ? " problem" : " problems") +
                          " on this page (preview only)");
    var toggle = element("button", { "type": "button", "class": "hd-preview__toggle",
                                      "aria-expanded": "true", "aria-controls": "hd-preview-list" }, "Hide");
    var list = element("ol", { "id": "hd-preview-list", "class": "hd-preview__list" });
    problems.forEach(function (problem, index) {
      var item = element("li");
      var label = (problem.line ? "Line " + problem.line + ": " : "") + problem.message;
      var button = element("button", { "type": "button", "class": "hd-preview__problem",
                                        "aria-expanded": "false", "aria-controls": "hd-preview-src-" + index }, label);
      var details = element("div", { "id": "hd-preview-src-" + index, "hidden": "" });
      if (problem.hint) { details.appendChild(element("p", {}, "What to do: " + problem.hint)); }
      details.appendChild(element("p", { "class": "hd-preview__rule" }, problem.kind));
      if (problem.source.length) { details.appendChild(sourceBlock(problem)); }
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") === "true";
        button.setAttribute("aria-expanded", String(!open));
        details.hidden = open;
      });
      item.appendChild(button);
      item.appendChild(details);
      list.appendChild(item);
    });
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
      toggle.textContent = open ? "Show" : "Hide";
      list.hidden = open;
    });
    heading.appendChild(toggle);
    panel.appendChild(heading);
    panel.appendChild(list);
    document.body.appendChild(panel);
  }

  fetch(base + "problems?page=" + encodeURIComponent(page), { cache: "no-store" })
    .then(function (response) { return response.json(); })
    .then(show)
    .catch(function () {});
})();
