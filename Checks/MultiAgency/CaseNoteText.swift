/// How much a case note's free text says, judged without printing it: its words, and
/// whether it is nothing but stock phrases ("seen and well", "no concerns").
enum CaseNoteText {
    struct Judgement: Equatable {
        /// Words: runs of letters and digits (an apostrophe inside a word keeps it whole).
        let words: Int
        /// True when the words, in order, are one or more stock phrases and nothing else.
        let onlyStockPhrases: Bool
    }

    /// The words of `text`, lower-cased, punctuation dropped.
    static func words(of text: String) -> [Substring] {
        let lower = text.lowercased()
        var out: [Substring] = []
        var start: String.Index?
        var i = lower.startIndex
        while i < lower.endIndex {
            let c = lower[i]
            let inWord = c.isLetter || c.isNumber || ((c == "'" || c == "’") && start != nil)
            if inWord {
                if start == nil { start = i }
            } else if let s = start {
                out.append(trimApostrophes(lower[s..<i]))
                start = nil
            }
            i = lower.index(after: i)
        }
        if let s = start { out.append(trimApostrophes(lower[s...])) }
        return out.filter { !$0.isEmpty }
    }

    private static func trimApostrophes(_ s: Substring) -> Substring {
        var s = s
        while let last = s.last, last == "'" || last == "’" { s = s.dropLast() }
        return s
    }

    /// Counts the words and tests whether the text splits wholly into stock phrases (each
    /// given as its words), by a left-to-right reachability pass over the words.
    static func judge(_ text: String, stockPhrases: [[Substring]]) -> Judgement {
        let w = words(of: text)
        guard !w.isEmpty, !stockPhrases.isEmpty else { return Judgement(words: w.count, onlyStockPhrases: false) }
        var reachable = [Bool](repeating: false, count: w.count + 1)
        reachable[0] = true
        for i in 0..<w.count where reachable[i] {
            for phrase in stockPhrases where i + phrase.count <= w.count && !reachable[i + phrase.count] {
                var match = true
                for (k, word) in phrase.enumerated() where w[i + k] != word {
                    match = false
                    break
                }
                if match { reachable[i + phrase.count] = true }
            }
        }
        return Judgement(words: w.count, onlyStockPhrases: reachable[w.count])
    }
}
