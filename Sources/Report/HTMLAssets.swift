/// The HTML report's inline style sheet and script, kept apart from the markup so each reads
/// on its own. Plain CSS and ES2017, no libraries: the report must open anywhere, offline.
enum HTMLAssets {
    static let style = """
        :root { --error: #b42318; --warning: #b54708; --note: #475467; --line: #e4e7ec; --dim: #667085; --bg: #f8f9fb; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif; color: #101828; background: var(--bg); }
        header, section, footer { max-width: 1320px; margin: 0 auto; padding: 0 24px; }
        header { padding-top: 20px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 16px; margin: 0 0 8px; }
        .meta, .dim, footer { color: var(--dim); }
        footer { padding: 16px 24px 32px; font-size: 12px; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
        .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 130px; border-top: 4px solid #98a2b3; }
        .card.error { border-top-color: var(--error); } .card.warning { border-top-color: var(--warning); } .card.note { border-top-color: var(--note); }
        .card .n { display: block; font-size: 26px; font-weight: 600; }
        .card .label { color: var(--dim); }
        .totals { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 12px; margin-bottom: 20px; align-items: start; }
        .total.wide { grid-column: span 2; }
        @media (max-width: 700px) { .total.wide { grid-column: auto; } }
        .total { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; overflow: hidden; }
        .total table { width: 100%; border-collapse: collapse; table-layout: fixed; }
        .total td { padding: 3px 4px; vertical-align: middle; }
        .total td.k { width: 62%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        .total td.c { width: 12%; text-align: right; font-variant-numeric: tabular-nums; }
        .total td.bar span { display: block; height: 8px; border-radius: 4px; background: #84adff; min-width: 2px; }
        .total tr { cursor: pointer; } .total tr:hover { background: #f2f4f7; }
        .findings { margin-bottom: 20px; }
        .filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 8px; }
        .filters input, .filters select, .filters button { font: inherit; padding: 5px 8px; border: 1px solid #d0d5dd; border-radius: 6px; background: #fff; }
        .filters input { flex: 1 1 260px; }
        .filters select { max-width: 240px; }
        #findings { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); }
        #findings th { text-align: left; background: #f2f4f7; position: sticky; top: 0; border-bottom: 1px solid var(--line); padding: 0; }
        #findings th button { all: unset; display: block; padding: 7px 8px; cursor: pointer; font-weight: 600; width: 100%; box-sizing: border-box; }
        #findings th[aria-sort=ascending] button::after { content: " \\25B2"; font-size: 10px; }
        #findings th[aria-sort=descending] button::after { content: " \\25BC"; font-size: 10px; }
        #findings td { padding: 6px 8px; border-top: 1px solid var(--line); vertical-align: top; }
        #findings td.msg { min-width: 380px; overflow-wrap: anywhere; }
        #findings td.msg .path, .lp { overflow-wrap: anywhere; word-break: break-all; }
        #findings tr.hidden { display: none; }
        .num, .nowrap { white-space: nowrap; font-variant-numeric: tabular-nums; }
        #findings td.path { min-width: 150px; word-break: normal; }
        .path { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: 12px; word-break: break-all; }
        .lp { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: 11px; color: var(--dim); }
        .rel { font-size: 12px; color: var(--note); margin-top: 2px; }
        .sev { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; font-weight: 600; color: #fff; background: var(--note); }
        .sev.error { background: var(--error); } .sev.warning { background: var(--warning); }
        a { color: #1849a9; text-decoration: none; } a:hover { text-decoration: underline; }
        .rules details { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; margin-bottom: 8px; }
        .rules summary { cursor: pointer; }
        .rules details:target { outline: 2px solid #84adff; }
        .rule-msg { font-weight: 600; }
        .params { border-collapse: collapse; margin: 6px 0; } .params td, .params th { border: 1px solid var(--line); padding: 3px 8px; text-align: left; }
        .empty { color: var(--dim); }
        @media print { .filters { display: none; } #findings tr.hidden { display: table-row; } }

        """

    static let script = """
        (function () {
          "use strict";
          var table = document.getElementById("findings");
          var rows = table ? Array.prototype.slice.call(table.tBodies[0].rows) : [];
          var q = document.getElementById("q");
          var keys = ["severity", "category", "rule", "agency", "file"];
          var selects = {};
          keys.forEach(function (k) { selects[k] = document.getElementById("f-" + k); });
          var shown = document.getElementById("shown");

          function apply() {
            var text = q.value.trim().toLowerCase();
            var n = 0;
            rows.forEach(function (row) {
              var ok = keys.every(function (k) { return !selects[k].value || row.dataset[k] === selects[k].value; });
              if (ok && text) ok = row.textContent.toLowerCase().indexOf(text) >= 0;
              row.classList.toggle("hidden", !ok);
              if (ok) n++;
            });
            shown.textContent = n + " of " + rows.length + " findings";
          }
          q.addEventListener("input", apply);
          keys.forEach(function (k) { selects[k].addEventListener("change", apply); });
          document.getElementById("reset").addEventListener("click", function () {
            q.value = "";
            keys.forEach(function (k) { selects[k].value = ""; });
            apply();
          });

          // A click on a total shows only those findings.
          Array.prototype.forEach.call(document.querySelectorAll(".totals tr[data-filter]"), function (tr) {
            tr.addEventListener("click", function (e) {
              if (e.target.tagName === "A") return;
              keys.forEach(function (k) { selects[k].value = ""; });
              selects[tr.dataset.filter].value = tr.dataset.value;
              apply();
              if (table) table.scrollIntoView({ behavior: "smooth", block: "start" });
            });
          });

          // A link to a rule opens its explanation.
          function openTarget() {
            var id = decodeURIComponent(location.hash.slice(1));
            var el = id && document.getElementById(id);
            if (el && el.tagName === "DETAILS") el.open = true;
          }
          window.addEventListener("hashchange", openTarget);
          openTarget();

          // Sorting: severity by rank, line by number, the rest as text; ties keep report order.
          function value(row, key) {
            switch (key) {
              case "severity": return Number(row.dataset.rank);
              case "line": return Number(row.dataset.line);
              case "rule": return row.dataset.rule;
              case "file": return row.dataset.file;
              case "agency": return row.dataset.agency;
              case "child": return row.cells[5].textContent;
              default: return row.cells[2].textContent;
            }
          }
          if (table) Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
            th.querySelector("button").addEventListener("click", function () {
              var key = th.dataset.sort;
              var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
              Array.prototype.forEach.call(table.tHead.rows[0].cells, function (o) { o.setAttribute("aria-sort", "none"); });
              th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
              var body = table.tBodies[0];
              rows.slice().sort(function (a, b) {
                var x = value(a, key), y = value(b, key);
                var c = typeof x === "number" ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
                return c !== 0 ? dir * c : Number(a.dataset.i) - Number(b.dataset.i);
              }).forEach(function (row) { body.appendChild(row); });
            });
          });
        })();

        """
}
