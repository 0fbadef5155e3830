/// How much a case note's free text says, judged without printing it: its words, and
/// whether it is nothing but stock phrases ("seen and well", "no concerns").
///
/// Case notes are the bulk of a data drop's text, so words are read from the UTF-8 bytes
/// and kept as hashes (FNV-1a of the lower-cased bytes), not as strings.
public enum CaseNoteText {
    public struct Judgement: Equatable, Sendable {
        /// Words: runs of letters and digits (an apostrophe inside a word keeps it whole).
        public let words: Int
        /// True when the words, in order, are one or more stock phrases and nothing else.
        public let onlyStockPhrases: Bool

        public init(words: Int, onlyStockPhrases: Bool) {
            self.words = words
            self.onlyStockPhrases = onlyStockPhrases
        }
    }

    /// The words of `text`, hashed: ASCII letters lower-cased, apostrophes dropped, other
    /// ASCII bytes and typographic punctuation (curly quotes, dashes, ellipsis, no-break
    /// space) separate words; any other non-ASCII byte belongs to a word (é, ü).
    public static func words(of text: String) -> [UInt64] {
        var out: [UInt64] = []
        var text = text
        text.withUTF8 { b in
            var hash: UInt64 = 0
            var inWord = false
            var i = 0
            func end() {
                if inWord { out.append(hash) }
                inWord = false
            }
            while i < b.count {
                var c = b[i]
                // Typographic punctuation: U+2018/2019 (apostrophes) join, U+201C/201D,
                // U+2013/2014, U+2026 and U+00A0 separate.
                if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80 {
                    let third = b[i + 2]
                    i += 3
                    if third == 0x98 || third == 0x99 { continue }
                    end()
                    continue
                }
                if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xA0 {
                    i += 2
                    end()
                    continue
                }
                i += 1
                if c == UInt8(ascii: "'") { continue }
                let letter = (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c >= 0x80
                if c >= 0x41 && c <= 0x5A {
                    c += 0x20
                } else if !letter {
                    end()
                    continue
                }
                if !inWord {
                    hash = 0xCBF2_9CE4_8422_2325
                    inWord = true
                }
                hash = (hash ^ UInt64(c)) &* 0x0000_0100_0000_01B3
            }
            end()
        }
        return out
    }

    /// Counts the words and tests whether the text splits wholly into stock phrases (each
    /// given as its words), by a left-to-right reachability pass over the words.
    public static func judge(_ text: String, stockPhrases: [[UInt64]]) -> Judgement {
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
