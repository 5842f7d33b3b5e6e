// otpc HTML report: filter and sort the device table. No network, no storage, no eval;
// the report reads fine without it (the filter form stays hidden).
(function () {
  'use strict';
  var table = document.getElementById('devices-table');
  var form = document.getElementById('devices-filters');
  if (!table || !form) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var count = document.getElementById('filter-count');
  var field = function (id) { return document.getElementById(id); };

  function matches(row, status, zone, type, text) {
    return (!status || row.getAttribute('data-status') === status)
      && (!zone || row.getAttribute('data-zone') === zone)
      && (!type || row.getAttribute('data-type') === type)
      && (!text || row.getAttribute('data-search').indexOf(text) !== -1);
  }

  function applyFilters() {
    var status = field('filter-status').value;
    var zone = field('filter-zone').value;
    var type = field('filter-type').value;
    var text = field('filter-text').value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var ok = matches(row, status, zone, type, text);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = shown + ' of ' + rows.length + ' devices shown';
  }

  function sortKey(row, col, numeric) {
    var cell = row.cells[col];
    var key = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim();
    return numeric ? Number(key) : key;
  }

  // Code-unit order, like the report itself: the same result in every browser and locale.
  function sortBy(th) {
    var col = headers.indexOf(th);
    var numeric = th.getAttribute('data-sort-type') === 'number';
    // A new column starts with what matters most: names A-Z, counts and statuses worst first.
    var current = th.getAttribute('aria-sort');
    var dir = current ? (current === 'ascending' ? 'descending' : 'ascending') : (numeric ? 'descending' : 'ascending');
    var sign = dir === 'ascending' ? 1 : -1;
    var keyed = rows.map(function (row) {
      return { row: row, key: sortKey(row, col, numeric), index: Number(row.getAttribute('data-index')) };
    });
    keyed.sort(function (a, b) {
      var d = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      return d * sign || a.index - b.index;
    });
    keyed.forEach(function (k) { tbody.appendChild(k.row); });
    headers.forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', dir);
  }

  headers.forEach(function (th) {
    var button = th.querySelector('button');
    if (button) button.addEventListener('click', function () { sortBy(th); });
  });
  form.addEventListener('input', applyFilters);
  form.addEventListener('change', applyFilters);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.addEventListener('reset', function () { setTimeout(applyFilters, 0); });
  form.hidden = false;
  applyFilters();
})();
