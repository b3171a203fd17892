// search.js -- search the book without a server: SEARCH_INDEX (search-index.js,
// written by `make book`) lists the sections, chunks, identifiers and glossary
// terms; typing in the box shows the entries that contain every word typed.
// A page opened with ?q=WORDS shows the results for WORDS at once.
(function () {
  "use strict";
  var box = document.getElementById("search");
  var list = document.getElementById("search-results");
  if (!box || !list || typeof SEARCH_INDEX === "undefined") return;

  function matches(query) {
    var words = query.toLowerCase().split(/\s+/).filter(function (w) { return w; });
    if (!words.length) return [];
    var found = [];
    for (var i = 0; i < SEARCH_INDEX.length && found.length < 30; i++) {
      var text = SEARCH_INDEX[i][0].toLowerCase();
      if (words.every(function (w) { return text.indexOf(w) >= 0; })) found.push(SEARCH_INDEX[i]);
    }
    // exact names first, then shorter texts
    var q = words.join(" ");
    found.sort(function (a, b) {
      return (a[0].toLowerCase() !== q) - (b[0].toLowerCase() !== q) || a[0].length - b[0].length;
    });
    return found;
  }

  function show(query) {
    var found = matches(query);
    list.textContent = "";
    found.forEach(function (e) {
      var li = document.createElement("li"), a = document.createElement("a"), k = document.createElement("span");
      a.href = e[2];
      a.textContent = e[0];
      k.className = "kind";
      k.textContent = e[1];
      li.appendChild(a);
      li.appendChild(k);
      list.appendChild(li);
    });
    list.hidden = found.length === 0;
  }

  box.addEventListener("input", function () { show(box.value); });
  box.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { box.value = ""; show(""); }
    if (ev.key === "Enter" && list.firstChild) window.location.href = list.firstChild.firstChild.href;
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { box.value = q; show(q); }
})();
