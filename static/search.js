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
    // Filter values with no result in this search are noise ("(0)" rows).
    showEmptyFilters: false,
    // The article's heading (it has an id) comes back as a sub-result titled as the page:
    // shown, the title would appear twice. Pagefind's UI treats a first sub-result at the
    // page's own URL as the page itself (its excerpt shown once, under the title).
    processResult: function (result) {
      var title = ((result.meta && result.meta.title) || "").trim();
      var subs = result.sub_results || [];
      var own = subs.findIndex(function (sub) { return (sub.title || "").trim() === title; });
      if (own !== -1) {
        var page = subs.splice(own, 1)[0];
        page.url = (result.meta && result.meta.url) || result.url;
        subs.unshift(page);
      }
      result.sub_results = subs;
      return result;
    },
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
  // Pagefind's UI lists a filter's values in index order and has no option to sort them
  // (Pagefind issue 568; only its separate Component UI sorts, and only when it first draws
  // the list). So each time the UI redraws, its rows ("Gordon Brown (3)") are put in order
  // of the count they show, most first, ties by name. The rows themselves are moved, not
  // copied: a checkbox keeps its checked state, its listeners and keyboard focus.
  var COUNT = /\((\d+)\)\s*$/;
  function rowKey(row) {
    var text = (row.querySelector("label") || row).textContent.trim();
    var match = COUNT.exec(text);
    return { row: row, count: match ? Number(match[1]) : 0, name: text.replace(COUNT, "").trim() };
  }
  function byCount(a, b) {
    return b.count - a.count || a.name.localeCompare(b.name, undefined, { sensitivity: "base" });
  }
  function move(group, row) {
    if (group.moveBefore) group.moveBefore(row, null); // keeps focus where supported
    else group.appendChild(row);
  }
  function sortFilters() {
    root.querySelectorAll(".pagefind-ui__filter-group").forEach(function (group) {
      var rows = Array.prototype.filter.call(group.children, function (child) {
        return child.classList.contains("pagefind-ui__filter-value");
      });
      var sorted = rows.map(rowKey).sort(byCount).map(function (key) { return key.row; });
      if (sorted.every(function (row, index) { return row === rows[index]; })) return;
      var focused = document.activeElement;
      sorted.forEach(function (row) { move(group, row); });
      if (focused && focused !== document.activeElement && group.contains(focused)) {
        focused.focus({ preventScroll: true });
      }
    });
  }
  // Runs before the browser paints the redrawn list; sorting an already sorted list moves
  // nothing, so the observer does not feed itself.
  new MutationObserver(sortFilters).observe(root, { childList: true, subtree: true, characterData: true });
  // Pagefind's UI runs its first search without waiting for the filters of every index part
  // to load, and keeps the counts that search returns: on a slow connection the search from
  // ?q= showed some values short, or the whole archive's counts. So the UI is started (it
  // starts when its box gets focus; a focus event does that without moving focus) and the
  // search waits until the UI has drawn its filters, i.e. every part's filters are loaded.
  // An archive without filters (no data-filters) has nothing to wait for; nor has anyone
  // after a few seconds, a late search being better than none.
  function whenFiltersLoaded(then) {
    var input = root.querySelector("input");
    if (!root.hasAttribute("data-filters") || !input) return then();
    var done = false;
    function finish() {
      if (done) return;
      done = true;
      observer.disconnect();
      then();
    }
    var observer = new MutationObserver(function () {
      if (root.querySelector(".pagefind-ui__filter-panel")) finish();
    });
    observer.observe(root, { childList: true, subtree: true });
    setTimeout(finish, 5000);
    input.dispatchEvent(new FocusEvent("focus"));
  }
  var query = new URLSearchParams(location.search).get("q");
  var box = root.querySelector("input");
  if (query) {
    // The term shows at once; whoever changes it meanwhile has started their own search.
    if (box) box.value = query;
    whenFiltersLoaded(function () {
      if (!box || box.value === query) ui.triggerSearch(query);
    });
  }
})();
