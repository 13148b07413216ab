import Foundation
import Testing
@testable import CamXucText

/// Text typed with the input method off is read as the words its keys type, and only then: the everyday dev set's
/// sentences typed key by key come back as written, and none of 15,806 real sentences (UIT-VSMEC's and the everyday
/// corpus's, with and without diacritics) was taken for keys when this was measured (`camxuc analyze --json`).
@Suite struct KeysLeftInTextTests {
    static func sentences() throws -> [String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Models/training/corpus/everyday/dev.tsv")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            return columns.count > 1 ? String(columns[1]).precomposedStringWithCanonicalMapping : nil
        }
    }

    /// `sentence` as typed with `kind`'s keys and nothing composing them.
    static func typedWithKeys(_ sentence: String, kind: InputMethod.Kind) -> String {
        let method = InputMethod(kind)
        var result = "", word = ""
        for character in sentence + " " {
            if character.isLetter { word.append(character); continue }
            result += word.isEmpty ? "" : method.decompose(word)
            word = ""
            result.append(character)
        }
        return String(result.dropLast())
    }

    @Test(arguments: [InputMethod.Kind.telex, .vni])
    func sentencesTypedWithTheMethodOffComeBack(kind: InputMethod.Kind) throws {
        let sentences = try Self.sentences().filter { $0.unicodeScalars.contains { !$0.isASCII } }
        var back = 0, wrong: [String] = []
        for sentence in sentences {
            let typed = Self.typedWithKeys(sentence, kind: kind)
            let composed = KeysLeftInText.composed(typed)
            if composed == sentence { back += 1 } else if composed != nil { wrong.append("\(typed) → \(composed!)") }
        }
        #expect(sentences.count > 500)
        #expect(Double(back) >= 0.9 * Double(sentences.count), "\(back) of \(sentences.count)")
        // Wrong: a loan word in a text of keys read as keys too ("seen" as sên, "test" as tét), shorthand ("ddc").
        #expect(wrong.count <= sentences.count / 50, "\(wrong.prefix(12).joined(separator: "\n"))")
    }

    @Test(arguments: [
        ("tooi buoonf quas", "tôi buồn quá"), ("Hoom nay tooi raats vui", "Hôm nay tôi rất vui"),
        ("to6i buo6n2 qua1", "tôi buồn quá"), ("minhf sowj lawms", "mình sợ lắm"),
    ])
    func keysAreComposed(typed: String, read: String) {
        #expect(KeysLeftInText.composed(typed) == read)
    }

    /// Loan words, English, codes and numbers among Vietnamese are left as they are.
    @Test(arguments: [
        "nhắn tin thì seen không rep", "nhan tin thi seen khong rep", "per per per tao cha thay bai nay hay",
        "xem di xem lai khong chan , best cua best", "doi tuyen U23 thang roi", "Tau SE1 khoi hanh 19 gio",
        "I was so sad", "yes yes", "ok see you", "it was good", "buoonf quá",
        // English that Telex would compose ("This is" → "Thí í", a probe's).
        "This is terrible, I hate it", "This is so bad", "Is this real?", "This is great",
    ])
    func otherWordsAreLeftAlone(text: String) {
        #expect(KeysLeftInText.composed(text) == nil)
    }
}
