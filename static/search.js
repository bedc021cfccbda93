// Start Pagefind's search UI and run the query given in ?q= (from the search box on every page).
(function () {
  if (location.protocol === "file:") {
    document.getElementById("search-file-note").hidden = false;
    return;
  }
  var root = document.getElementById("search");
  var base = root.getAttribute("data-base-url") || "/";
  // A large archive is indexed in parts; the first is loaded with this script, the rest merged.
  var parts = (root.getAttribute("data-bundles") || "").split(" ").filter(function (name) {
    return name && name !== "pagefind";
  });
  var ui = new PagefindUI({
    element: "#search",
    baseUrl: base,
    showSubResults: true,
    showImages: false,
    mergeIndex: parts.map(function (name) {
      return { bundlePath: base + name + "/" };
    }),
  });
  // Pagefind's own box has only a placeholder; give it a name screen readers announce.
  function labelInput() {
    var input = root.querySelector("input");
    if (input && !input.hasAttribute("aria-label")) input.setAttribute("aria-label", "Search the archive");
    return Boolean(input);
  }
  if (!labelInput()) {
    new MutationObserver(function (changes, observer) {
      if (labelInput()) observer.disconnect();
    }).observe(root, { childList: true, subtree: true });
  }
  var query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
