// Start Pagefind's search UI and run the query given in ?q= (from the search box on every page).
(function () {
  if (location.protocol === "file:") {
    document.getElementById("search-file-note").hidden = false;
    return;
  }
  var root = document.getElementById("search");
  var ui = new PagefindUI({
    element: "#search",
    baseUrl: root.getAttribute("data-base-url") || "/",
    showSubResults: true,
    showImages: false,
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
