import Foundation
import Testing
@testable import CamXucText

@Suite struct TextNormalizerTests {
    let normalizer = TextNormalizer()

    /// Every sentence of the shared fixture normalises to exactly the tokens the Python pipeline produced.
    @Test func matchesThePythonPipelineOnTheSharedFixture() {
        let cases = TextFixtures.normalization.cases
        #expect(cases.count >= 200)
        var mismatches = 0
        for item in cases {
            let result = normalizer.normalize(item.raw)
            if result.tokens != item.tokens || result.elongated != item.elongated {
                mismatches += 1
                Issue.record("\(item.raw.debugDescription)\n swift:  \(result.tokens) \(result.elongated)\n python: \(item.tokens) \(item.elongated)")
            }
        }
        #expect(mismatches == 0)
    }

    @Test(arguments: [
        ("Hôm nay tôi rất vui", ["hôm", "nay", "tôi", "rất", "vui"]),
        ("vuiiiii quá", ["vui", "quá"]),
        ("k bít j", ["không", "biết", "gì"]),
        ("đẹp :)))", ["đẹp", "😆"]),
        ("ghét <3", ["ghét", "❤"]),
        ("xem http://a.vn nha @bạn", ["xem", "nha"]),
        ("chán!!!!", ["chán", "!"]),
        ("😡😡😡 tức", ["😡", "tức"]),
    ])
    func normalises(raw: String, tokens: [String]) {
        #expect(normalizer.normalize(raw).tokens == tokens)
    }

    @Test func decomposedInputIsComposedFirst() {
        let decomposed = "Ho\u{0302}\u{0300}m nay" // "Hồm" with combining marks
        #expect(normalizer.normalize(decomposed).tokens == ["hồm", "nay"])
    }

    /// `--explain` names the words a user typed, so each token remembers the piece it was read from.
    @Test func tokensRememberWhatWasTyped() {
        let read = normalizer.normalize("K vui, kb nữa")
        #expect(read.tokens == ["không", "vui", ",", "không", "biết", "nữa"])
        #expect(read.typed == ["k", "vui", ",", "kb", "kb", "nữa"])
        #expect(read.typed(0..<2) == "k vui")
        #expect(read.typed(3..<5) == "kb")       // one piece, though it became two tokens
        #expect(read.typed(4..<6) == "kb nữa")
        let twice = normalizer.normalize("k k")
        #expect(twice.typed(0..<2) == "k k")     // two pieces typed alike stay two
    }

    @Test func elongationIsFlagged() {
        #expect(normalizer.normalize("vuiii").elongated)
        #expect(!normalizer.normalize("vui").elongated)
        #expect(!normalizer.normalize("xoong").elongated)  // a legitimate double letter stays
        #expect(normalizer.normalize("xoong").tokens == ["xoong"])
    }

    @Test func foldingRemovesEveryVietnameseDiacritic() {
        #expect(VietnameseFolding.fold("Đường phố ở Hà Nội rất đẹp") == "Duong pho o Ha Noi rat dep")
        #expect(VietnameseFolding.fold("ỵ ữ ợ ậ ề") == "y u o a e")
    }

    @Test func shippedTeencodeTableHasAtLeast150Entries() {
        #expect(TeencodeTable.shipped.count >= 150)
        #expect(TeencodeTable.shipped["k"] == ["không"])
        #expect(TeencodeTable.shipped["vcl"] == ["vãi"])
    }

    @Test func userEntriesExtendAndOverrideTheTable() {
        let user = TeencodeTable(tsv: "# mine\nk\tkhông hề\nxin\txin chào\nbad line\n")
        let merged = TeencodeTable.shipped.merging(user)
        #expect(merged["k"] == ["không", "hề"])
        #expect(merged["xin"] == ["xin", "chào"])
        #expect(merged.count == TeencodeTable.shipped.count + 1)
        #expect(TextNormalizer(teencode: merged).normalize("k xin").tokens == ["không", "hề", "xin", "chào"])
    }

    /// A user's file with Windows' line ends was read as one line (every entry after the first lost, the first's
    /// expansion full of the rest), one byte that was not UTF-8 dropped the whole file, and a shorthand written in
    /// capitals never matched the text, which is read in lower case.
    @Test func aUsersFileIsReadLineByLineWhateverItsLineEndsAndCase() throws {
        let path = NSTemporaryDirectory() + "teencode-\(getpid())-\(Int.random(in: 0..<1_000_000)).tsv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        // With the byte-order mark Notepad writes, which cost the first entry.
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("bcq\tbuồn chán quá\r\nZZV\tvui\r\n".utf8)
        bytes += [0xFF, 0x0A] + Array("xyzw\tthích\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let table = TeencodeTable.shippedWithUserEntries(path: path)
        #expect(table["bcq"] == ["buồn", "chán", "quá"] && table["zzv"] == ["vui"] && table["xyzw"] == ["thích"])
        #expect(TextNormalizer(teencode: table).normalize("tôi ZZV").tokens == ["tôi", "vui"])
    }
}
