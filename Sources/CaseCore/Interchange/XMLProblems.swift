import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif

/// XML faults in words: the parser's error numbers (libxml2's) become a sentence. The errors
/// come through the delegate: `parse()` reports success for some of them (content after the
/// root element, an unquoted attribute), which were then silently ignored.
enum XMLProblems {
    /// The parser's error as a sentence, with where it is.
    static func describe(_ error: Error?, line: Int, column: Int) -> String {
        let code = (error as NSError?)?.code ?? 0
        let what: String
        switch code {
        case 4: what = "no element where the file starts (is it XML at all?)"
        case 5, 86: what = "something follows the end of the root element, and a codebook has only one"
        case 6, 7, 8, 9, 10: what = "a character that XML does not allow, or a bad &#…; reference"
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
        return "line \(line), column \(column): not a well-formed XML file, so nothing was imported: \(what)."
    }
}
