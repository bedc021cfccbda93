// Sort and filter the figures table in the page. The table is complete and readable
// without JavaScript; this reveals the filter tools and turns column headings into
// sort buttons (aria-sort says the order to screen readers).
(function () {
  var table = document.getElementById("figures");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var tools = document.querySelector(".table-tools");
  var filter = document.getElementById("figure-filter");
  var kind = document.getElementById("figure-kind");
  var shown = tools.querySelector(".shown");
  tools.hidden = false;

  function apply() {
    var query = filter.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var match = (!kind.value || row.getAttribute("data-kind") === kind.value) &&
        (!query || row.textContent.toLowerCase().indexOf(query) !== -1);
      row.hidden = !match;
      if (match) count += 1;
    });
    shown.textContent = count + " of " + rows.length + " rows shown";
  }
  filter.addEventListener("input", apply);
  kind.addEventListener("change", apply);

  function key(row, index, type) {
    var cell = row.cells[index];
    var value = cell.getAttribute("data-value");
    if (type === "number") return value === null ? -Infinity : parseFloat(value);
    if (type === "date") return value || "";
    return cell.textContent.trim().toLowerCase();
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    var type = th.getAttribute("data-sort");
    if (!type) return;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var sorted = rows.slice().sort(function (a, b) {
        var x = key(a, index, type), y = key(b, index, type);
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      sorted.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
