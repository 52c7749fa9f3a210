(function () {
  "use strict";
  function key(cell, numeric) {
    var v = cell.getAttribute("data-v");
    if (v === null) { v = numeric ? cell.textContent.replace(/,/g, "") : cell.textContent; }
    if (!numeric) { return v; }
    return v === "" ? NaN : Number(v);
  }
  function sort(th) {
    var table = th.closest("table");
    var body = table.tBodies[0];
    var col = th.cellIndex;
    var numeric = th.classList.contains("n");
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[col], numeric), y = key(b.cells[col], numeric);
      if (numeric) {
        if (isNaN(x)) { return isNaN(y) ? 0 : 1; }
        if (isNaN(y)) { return -1; }
        return (x - y) * dir;
      }
      return x.localeCompare(y, undefined, {numeric: true}) * dir;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.querySelectorAll("table.sortable th").forEach(function (th) {
    th.tabIndex = 0;
    th.addEventListener("click", function () { sort(th); });
    th.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(th); }
    });
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
