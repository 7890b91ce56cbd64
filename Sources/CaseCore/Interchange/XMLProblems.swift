import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// XML faults in words: the parser's error numbers (libxml2's) become a sentence, and what
/// the parser stops reading at — anything after the root element — is checked here.
enum XMLProblems {
    /// The parser's error as a sentence, with where it is.
    static func describe(_ error: Error?, line: Int, column: Int) -> String {
        let code = (error as NSError?)?.code ?? 0
        let what: String
        switch code {
        case 4: what = "no element where the file starts; is it an XML file at all?"
        case 5, 86: what = "there is more after the end of the root element (a codebook has one root element)"
        case 6, 7, 8, 9, 10: what = "a character that XML does not allow (or a bad &#…; reference)"
        case 22, 23, 24, 26, 27: what = "an \"&\" that does not start an entity such as &amp; (write & as &amp;)"
        case 38: what = "a \"<\" inside an attribute value (write it as &lt;)"
        case 39, 41, 43: what = "an attribute without a quoted value (write name=\"…\")"
        case 40, 44: what = "an attribute value whose closing quote is missing"
        case 42: what = "the same attribute twice in one element"
        case 45: what = "a comment that is not closed with -->"
        case 46, 47: what = "a processing instruction that is not closed with ?>"
        case 64, 65: what = "a space or separator is missing between attributes"
        case 68: what = "a \"<\" or \"&\" that does not start a name (write < as &lt; and & as &amp;)"
        case 73, 77: what = "a tag that is not closed with >"
        case 74, 76: what = "an end tag that does not match the element it closes"
        case 85: what = "the elements are not properly nested"
        default: what = "the parser stopped here"
        }
        return "line \(line), column \(column): not a well-formed XML file (\(what)); nothing was imported."
    }

    /// What comes after the root element, in words, if it is more than white space, comments
    /// and processing instructions (the parser stops reading there and would drop it silently).
    static func afterRoot(_ b: [UInt8]) -> String? {
        var i = 0, depth = 0
        func skip(past end: [UInt8]) {
            while i < b.count && !b[i...].starts(with: end) { i += 1 }
            i = min(b.count, i + end.count)
        }
        func starts(_ s: String) -> Bool { b[i...].starts(with: Array(s.utf8)) }
        // Find the end of the root element (the parser has read it, so its tags are well formed).
        scan: while i < b.count {
            guard b[i] == 0x3C else { i += 1; continue }
            if starts("<?") { skip(past: Array("?>".utf8)) } else if starts("<!--") { skip(past: Array("-->".utf8)) }
            else if starts("<![CDATA[") { skip(past: Array("]]>".utf8)) } else if starts("<!") { skip(past: [0x3E]) }
            else if starts("</") {
                skip(past: [0x3E]); depth -= 1
                if depth == 0 { break scan }
            } else {
                var quote: UInt8 = 0
                while i < b.count {
                    let c = b[i]
                    if quote != 0 { if c == quote { quote = 0 } } else if c == 0x22 || c == 0x27 { quote = c } else if c == 0x3E { break }
                    i += 1
                }
                let selfClosing = i > 0 && b[i - 1] == 0x2F
                i += 1
                if !selfClosing { depth += 1 } else if depth == 0 { break scan }
            }
        }
        // After it: only white space, comments and processing instructions.
        while i < b.count {
            if [0x20, 0x09, 0x0A, 0x0D].contains(b[i]) { i += 1 } else if starts("<!--") { skip(past: Array("-->".utf8)) }
            else if starts("<?") { skip(past: Array("?>".utf8)) } else { break }
        }
        guard i < b.count else { return nil }
        let line = b[..<i].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        if b[i] == 0x3C {
            let name = b[(i + 1)...].prefix { !([0x20, 0x09, 0x0A, 0x0D, 0x2F, 0x3E] as [UInt8]).contains($0) }.prefix(40)
            return "line \(line): a second root element <\(String(decoding: name, as: UTF8.self))> after the end of the first; a codebook has one root element, so nothing was imported."
        }
        return "line \(line): text after the end of the root element; a codebook ends with its root element, so nothing was imported."
    }
}
