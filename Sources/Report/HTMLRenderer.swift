import Check
import Model

/// One self-contained HTML file for people who do not read logs: totals by severity,
/// category, rule, agency and file; a findings table that sorts and filters in the browser;
/// and the explanation of every rule that found something. No external assets (styles and
/// script are inline), no timestamps (same input, same bytes), and the rows are written
/// out in the page, so it reads even with scripts disabled.
public struct HTMLRenderer: Sendable {
    public var showValues: Bool

    public init(showValues: Bool) {
        self.showValues = showValues
    }

    public func render(_ result: LintResult) -> String {
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>caselint report</title>\n<style>\n\(HTMLAssets.style)</style>\n</head>\n<body>\n"
        h += header(result)
        h += totals(result)
        h += findings(result)
        h += rules(result)
        h += "<footer>Written by \(Tool.name) \(Tool.version). "
        h += showValues ? "This report shows personal values: handle it as personal data.</footer>\n"
                        : "Personal values are withheld; rerun with --show-values to see them.</footer>\n"
        h += "<script>\n\(HTMLAssets.script)</script>\n</body>\n</html>\n"
        return h
    }

    // MARK: Sections

    private func header(_ r: LintResult) -> String {
        var h = "<header>\n<h1>caselint report</h1>\n"
        var meta = ["\(Tool.name) \(Tool.version)"]
        let rulesets = r.requestedRuleset.map { [$0] } ?? r.rulesetsUsed
        if !rulesets.isEmpty { meta.append("ruleset " + rulesets.joined(separator: ", ")) }
        meta.append(TextRenderer(color: false, showValues: false).summary(r))
        h += "<p class=\"meta\">\(esc(meta.joined(separator: " · ")))</p>\n"
        h += "<div class=\"cards\">\n"
        h += card("Errors", r.count(.error), "error")
        h += card("Warnings", r.count(.warning), "warning")
        h += card("Notes", r.count(.note), "note")
        h += card("Files checked", r.filesChecked, "plain")
        h += card("Children", r.children, "plain")
        if r.hidden.baselined > 0 { h += card("In the baseline", r.hidden.baselined, "plain") }
        if r.hidden.suppressed > 0 { h += card("Suppressed", r.hidden.suppressed, "plain") }
        h += "</div>\n</header>\n"
        return h
    }

    private func card(_ label: String, _ n: Int, _ kind: String) -> String {
        "<div class=\"card \(kind)\"><span class=\"n\">\(n)</span><span class=\"label\">\(esc(label))</span></div>\n"
    }

    private func totals(_ r: LintResult) -> String {
        var h = "<section class=\"totals\">\n"
        func table(_ title: String, _ filter: String, _ rows: [(key: String, label: String, count: Int)], wide: Bool = false) {
            h += "<div class=\"total\(wide ? " wide" : "")\">\n<h2>\(esc(title))</h2>\n"
            if rows.isEmpty {
                h += "<p class=\"empty\">No findings.</p>\n</div>\n"
                return
            }
            let most = rows.map(\.count).max() ?? 1
            h += "<table>\n"
            for row in rows {
                let width = Int((Double(row.count) / Double(max(most, 1)) * 100).rounded())
                h += "<tr data-filter=\"\(filter)\" data-value=\"\(esc(row.key))\" title=\"Show only these findings\">"
                h += "<td class=\"k\">\(row.label)</td><td class=\"c\">\(row.count)</td>"
                h += "<td class=\"bar\"><span style=\"width:\(width)%\"></span></td></tr>\n"
            }
            h += "</table>\n</div>\n"
        }
        let ds = r.diagnostics
        table("By severity", "severity", [Severity.error, .warning, .note].compactMap { s in
            let n = ds.count { $0.severity == s }
            return n == 0 ? nil : (s.rawValue, "<span class=\"sev \(s.rawValue)\">\(s.rawValue)</span>", n)
        })
        table("By category", "category", counted(ds.map { r.rule($0.ruleID)?.category.rawValue ?? "other" }).map { ($0.key, esc($0.key), $0.count) })
        table("By rule", "rule", counted(ds.map(\.ruleID)).map { c in
            let name = r.rule(c.key)?.name ?? ""
            return (c.key, "<a href=\"#rule-\(esc(c.key))\">\(esc(c.key))</a> <span class=\"dim\">\(esc(name))</span>", c.count)
        }, wide: true)
        table("By agency", "agency", counted(ds.map { $0.agency ?? "not known" }).map { ($0.key, esc($0.key), $0.count) })
        table("By file", "file", counted(ds.map { r.path(of: $0.location.file) }).map { ($0.key, "<span class=\"path\">\(esc($0.key))</span>", $0.count) }, wide: true)
        h += "</section>\n"
        return h
    }

    /// Counts, most frequent first, ties by key.
    private func counted(_ keys: [String]) -> [(key: String, count: Int)] {
        var counts: [String: Int] = [:]
        for k in keys { counts[k, default: 0] += 1 }
        return counts.map { ($0.key, $0.value) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }

    private func findings(_ r: LintResult) -> String {
        let ds = r.diagnostics
        var h = "<section class=\"findings\">\n<h2>Findings</h2>\n"
        h += "<div class=\"filters\">\n"
        h += "<input type=\"search\" id=\"q\" placeholder=\"Filter: message, child id, path…\" aria-label=\"Filter findings\">\n"
        func select(_ id: String, _ label: String, _ values: [String]) {
            h += "<select id=\"f-\(id)\" aria-label=\"\(label)\"><option value=\"\">\(label): all</option>"
            for v in values { h += "<option value=\"\(esc(v))\">\(esc(v))</option>" }
            h += "</select>\n"
        }
        select("severity", "Severity", [Severity.error, .warning, .note].map(\.rawValue).filter { s in ds.contains { $0.severity.rawValue == s } })
        select("category", "Category", Set(ds.map { r.rule($0.ruleID)?.category.rawValue ?? "other" }).sorted())
        select("rule", "Rule", Set(ds.map(\.ruleID)).sorted())
        select("agency", "Agency", Set(ds.map { $0.agency ?? "not known" }).sorted())
        select("file", "File", Set(ds.map { r.path(of: $0.location.file) }).sorted())
        h += "<button type=\"button\" id=\"reset\">Clear filters</button>\n"
        h += "<span id=\"shown\" class=\"dim\">\(ds.count) of \(ds.count) findings</span>\n</div>\n"
        if ds.isEmpty {
            h += "<p class=\"empty\">No findings.</p>\n</section>\n"
            return h
        }
        h += "<table id=\"findings\">\n<thead><tr>"
        for (key, label) in [("severity", "Severity"), ("rule", "Rule"), ("message", "Message"), ("file", "File"),
                             ("line", "Line"), ("child", "Child"), ("agency", "Agency")] {
            h += "<th data-sort=\"\(key)\" aria-sort=\"none\"><button type=\"button\">\(label)</button></th>"
        }
        h += "</tr></thead>\n<tbody>\n"
        for (i, d) in ds.enumerated() {
            let file = r.path(of: d.location.file)
            let category = r.rule(d.ruleID)?.category.rawValue ?? "other"
            let rank = d.severity == .error ? 0 : d.severity == .warning ? 1 : 2
            h += "<tr data-i=\"\(i)\" data-severity=\"\(d.severity.rawValue)\" data-rank=\"\(rank)\" data-category=\"\(esc(category))\""
            h += " data-rule=\"\(esc(d.ruleID))\" data-agency=\"\(esc(d.agency ?? "not known"))\" data-file=\"\(esc(file))\""
            h += " data-line=\"\(d.location.line)\">"
            h += "<td><span class=\"sev \(d.severity.rawValue)\">\(d.severity.rawValue)</span></td>"
            h += "<td><a href=\"#rule-\(esc(d.ruleID))\">\(esc(d.ruleID))</a></td>"
            h += "<td class=\"msg\">\(esc(d.message.text(showValues: showValues)))"
            if let path = d.path { h += "<div class=\"lp\">\(esc(path))</div>" }
            for n in d.notes {
                let at = n.location.line == 0 ? r.path(of: n.location.file) : "\(r.path(of: n.location.file)):\(n.location.line):\(n.location.column)"
                h += "<div class=\"rel\">note: \(esc(n.message.text(showValues: showValues))) <span class=\"path\">\(esc(at))</span></div>"
            }
            h += "</td><td class=\"path\">\(breakable(file))</td>"
            h += "<td class=\"num\">\(d.location.line == 0 ? "" : "\(d.location.line):\(d.location.column)")</td>"
            h += "<td class=\"nowrap\">\(esc(d.childID ?? ""))</td><td class=\"nowrap\">\(esc(d.agency ?? ""))</td></tr>\n"
        }
        h += "</tbody>\n</table>\n</section>\n"
        return h
    }

    private func rules(_ r: LintResult) -> String {
        let ids = Set(r.diagnostics.map(\.ruleID)).sorted()
        guard !ids.isEmpty else { return "" }
        var h = "<section class=\"rules\">\n<h2>The rules that found something</h2>\n"
        for id in ids {
            let n = r.diagnostics.count { $0.ruleID == id }
            guard let rule = r.rule(id) else {
                h += "<details id=\"rule-\(esc(id))\"><summary><b>\(esc(id))</b> (\(n))</summary></details>\n"
                continue
            }
            h += "<details id=\"rule-\(esc(id))\"><summary><b>\(esc(id))</b> \(esc(rule.name)) "
            h += "<span class=\"sev \(rule.severity.rawValue)\">\(rule.severity.rawValue)</span> "
            h += "<span class=\"dim\">\(esc(rule.category.rawValue)) · \(n) finding\(n == 1 ? "" : "s")</span></summary>\n"
            h += "<p class=\"rule-msg\">\(esc(rule.message))</p>\n<p>\(esc(rule.rationale))</p>\n"
            h += "<p class=\"dim\">Source: \(esc(rule.source))</p>\n"
            if !rule.parameters.isEmpty {
                h += "<table class=\"params\"><tr><th>Parameter</th><th>Default</th><th>Meaning</th></tr>\n"
                for p in rule.parameters {
                    h += "<tr><td><code>\(esc(p.name))</code></td><td>\(esc(p.defaultValue))</td><td>\(esc(p.summary))</td></tr>\n"
                }
                h += "</table>\n"
            }
            h += "</details>\n"
        }
        h += "</section>\n"
        return h
    }

    private func esc(_ s: String) -> String { XMLText.escape(s) }

    /// A path that may wrap after each `/` (and nowhere else), for narrow columns.
    private func breakable(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { esc(String($0)) }.joined(separator: "/<wbr>")
    }
}
