// Filter a long list of names as you type. The list is complete without JavaScript;
// this only reveals the filter box and hides the names that do not match.
(function () {
  document.querySelectorAll("[data-filter-list]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("data-filter-list"));
    if (!list) return;
    input.closest(".filter-box").hidden = false;
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      list.querySelectorAll("li[data-name]").forEach(function (item) {
        item.hidden = query !== "" && item.getAttribute("data-name").indexOf(query) === -1;
      });
      list.querySelectorAll("details").forEach(function (details) {
        // A match among the names folded away is shown; an empty box folds them again.
        if (!details.hasAttribute("data-was-open")) details.setAttribute("data-was-open", details.open);
        details.open = query !== "" || details.getAttribute("data-was-open") === "true";
        details.hidden = !details.querySelector("li[data-name]:not([hidden])");
      });
      list.querySelectorAll("section").forEach(function (section) {
        section.hidden = !section.querySelector("li[data-name]:not([hidden])");
      });
    });
  });
})();
