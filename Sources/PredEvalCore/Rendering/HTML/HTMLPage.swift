/// The frame of every HTML report: doctype, head, one inline style sheet (light and dark
/// schemes, A4 print) and one small inline script that sorts tables when a heading is clicked.
/// Nothing is fetched: no external font, script, style sheet or image, and no URL at all.
enum HTMLPage {
    /// A whole page.
    ///
    /// - Parameters:
    ///   - title: the page's title (text, escaped here).
    ///   - body: the body's markup.
    /// - Returns: the document, ending in a newline.
    static func document(title: String, body: String) -> String {
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<meta name=\"generator\" content=\"predeval\">\n"
            + "<title>\(HTMLText.escaped(title))</title>\n<style>\n\(styleSheet)</style>\n</head>\n<body>\n"
            + body + "<script>\n\(sortingScript)</script>\n</body>\n</html>\n"
    }

    /// Colours: a sequential single-hue (blue) scale for shares, orange as the one accent, the
    /// Okabe–Ito palette for lines; all readable with the common colour-vision deficiencies.
    static let styleSheet = """
        :root{color-scheme:light dark;--fg:#1b1f24;--muted:#57606a;--bg:#fff;--panel:#f6f8fa;--rule:#d0d7de;
        --q0:#f7fbff;--q1:#deebf7;--q2:#c6dbef;--q3:#9ecae1;--q4:#6baed6;--q5:#4292c6;--q6:#2171b5;--q7:#08519c;--q8:#08306b;
        --accent:#d55e00;--tp:#2171b5;--fn:#9ecae1;--fp:#d55e00}
        @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9da7b3;--bg:#0d1117;--panel:#161b22;--rule:#30363d;
        --accent:#ff9a4d;--fp:#ff9a4d}}
        *{box-sizing:border-box}
        body{margin:0 auto;max-width:1200px;padding:16px 24px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",
        "Noto Sans","Noto Sans CJK SC","Noto Sans Arabic",sans-serif;color:var(--fg);background:var(--bg)}
        h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--rule)}
        h3{font-size:15px;margin:18px 0 6px}
        .muted,.note{color:var(--muted)}
        dl.facts{display:grid;grid-template-columns:max-content auto;gap:2px 16px;margin:8px 0}
        dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;overflow-wrap:anywhere}
        ul.warnings li{color:var(--accent)}
        table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums}
        th,td{padding:3px 8px;border-bottom:1px solid var(--rule);text-align:right;white-space:nowrap}
        th{background:var(--panel);position:sticky;top:0}
        th.text,td.text{text-align:left;white-space:normal;overflow-wrap:anywhere;max-width:32em}
        table.sortable th{cursor:pointer}table.sortable th[aria-sort]::after{content:" \\2195";color:var(--muted)}
        tr.marked td{color:var(--accent);font-weight:600}
        td.meter{position:relative;min-width:9em;padding-left:6.5em}
        td.meter .fill{position:absolute;left:8px;top:6px;height:calc(100% - 12px);max-width:5.5em;background:var(--q4);opacity:.85}
        td.meter .ci{position:absolute;top:50%;height:0;border-top:2px solid var(--fg)}
        .scroll{overflow:auto;max-width:100%;max-height:90vh}
        svg{font:11px system-ui,"Noto Sans","Noto Sans CJK SC",sans-serif;fill:var(--fg);display:block}
        svg .frame{fill:none;stroke:var(--rule)}svg .grid{stroke:var(--rule);stroke-width:.5}
        svg .axis-title{font-weight:600}svg .tick,svg .value{fill:var(--muted)}
        .heatmap .cell{stroke:var(--bg);stroke-width:.5}.heatmap .cell.diag{stroke:var(--accent);stroke-width:2}
        .heatmap .diagonal-guide{stroke:var(--accent);stroke-width:1;opacity:.35}
        .heatmap text.count,.heatmap text.share{text-anchor:middle;fill:#08306b;pointer-events:none}
        .heatmap text.count{font-weight:600;font-size:12px}.heatmap text.share{font-size:9px}
        .heatmap text.light{fill:#fff}
        .q0{fill:var(--q0)}.q1{fill:var(--q1)}.q2{fill:var(--q2)}.q3{fill:var(--q3)}.q4{fill:var(--q4)}
        .q5{fill:var(--q5)}.q6{fill:var(--q6)}.q7{fill:var(--q7)}.q8{fill:var(--q8)}
        .scale span{display:inline-block;width:22px;height:12px;vertical-align:middle}
        svg .bar{fill:var(--q5)}svg .bar.marked{fill:var(--accent)}svg .tp{fill:var(--tp)}svg .fn{fill:var(--fn)}svg .fp{fill:var(--fp)}
        svg .whisker{stroke:var(--fg);stroke-width:1.5;fill:none}svg .zero,svg .diagonal{stroke:var(--muted);stroke-dasharray:4 3}
        svg .line{fill:none;stroke-width:2}svg .dashed{stroke-dasharray:6 3}
        .s0{stroke:#0072b2;fill:#0072b2}.s1{stroke:#e69f00;fill:#e69f00}.s2{stroke:#009e73;fill:#009e73}.s3{stroke:#cc79a7;fill:#cc79a7}
        .s4{stroke:#56b4e9;fill:#56b4e9}.s5{stroke:#d55e00;fill:#d55e00}.s6{stroke:#f0e442;fill:#f0e442}.s7{stroke:#999;fill:#999}
        svg polyline.line,svg line.line{fill:none}
        .charts{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
        section.file{border-top:3px solid var(--rule);margin-top:32px}
        footer{margin-top:32px;color:var(--muted);font-size:12px}
        @page{size:A4;margin:12mm}
        @media print{body{max-width:none;padding:0;font-size:10px;background:#fff;color:#000}
        .scroll{overflow:visible;max-height:none}th{position:static}
        svg{max-width:100%;height:auto}section,table,svg{break-inside:avoid}h2{break-after:avoid}}

        """

    /// Sorts a `table.sortable` by the clicked column: numbers as numbers, text by code point;
    /// a second click reverses. The page is whole without it.
    static let sortingScript = """
        document.querySelectorAll("table.sortable").forEach(function (table) {
          var body = table.tBodies[0];
          table.querySelectorAll("thead th").forEach(function (heading, column) {
            heading.setAttribute("aria-sort", "none");
            heading.addEventListener("click", function () {
              var ascending = heading.getAttribute("aria-sort") !== "ascending";
              table.querySelectorAll("thead th").forEach(function (other) { other.setAttribute("aria-sort", "none"); });
              heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
              var rows = Array.prototype.slice.call(body.rows);
              function key(row) {
                var cell = row.cells[column];
                var text = cell ? (cell.getAttribute("data-sort") || cell.textContent) : "";
                var number = parseFloat(text);
                return isNaN(number) ? text : number;
              }
              rows.sort(function (a, b) {
                var x = key(a), y = key(b);
                var order = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === "number" ? -1 : 1);
                return ascending ? order : -order;
              });
              rows.forEach(function (row) { body.appendChild(row); });
            });
          });
        });

        """
}
