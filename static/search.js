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
  var query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
