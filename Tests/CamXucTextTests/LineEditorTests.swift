import Testing
import Foundation
@testable import CamXucText

@Suite struct LineEditorTests {
    static func typing(_ text: String, method: InputMethod? = InputMethod(.telex)) -> LineEditor {
        var editor = LineEditor(inputMethod: method)
        for character in text { editor.handle(.character(character)) }
        return editor
    }

    /// A terminal sends typed text a code point at a time: an emoji of several (a family joined by ZWJ, a skin tone, a
    /// flag, a keycap) was kept in pieces — Backspace left half a flag, and the cursor drifted right of the text.
    @Test func anEmojiTypedACodePointAtATimeIsOneCharacter() {
        var editor = LineEditor(inputMethod: InputMethod(.telex))
        for scalar in "a👍🏽b👨‍👩‍👧c🇻🇳d1️⃣".unicodeScalars { editor.handle(.character(Character(scalar))) }
        #expect(editor.characters == Array("a👍🏽b👨‍👩‍👧c🇻🇳d1️⃣"))
        editor.handle(.backspace)
        editor.handle(.left)
        editor.handle(.backspace)
        #expect(editor.text == "a👍🏽b👨‍👩‍👧cd")
        // Put in beside a character it continues — a skin tone pasted after 👍, a flag's first letter typed before its
        // second — it is one character with it (kept as two, shown as one, the cursor counted both).
        var toned = LineEditor(text: "a👍b")
        toned.handle(.left)
        toned.handle(.paste("🏽"))
        #expect(toned.characters == Array("a👍🏽b") && toned.cursor == 2)
        var flag = LineEditor(text: "x🇳")
        flag.handle(.left)
        flag.handle(.character("🇻"))
        #expect(flag.characters == ["x", "🇻🇳"] && flag.cursor == 2)
        // Ctrl-→ stops where Ctrl-← would ("vui😀" is two words), and "$" is no word of its own: Ctrl-W on "giá
        // 100$" takes "100$", as before.
        var moving = LineEditor(text: "vui😀 x")
        moving.handle(.home)
        moving.handle(.wordRight)
        #expect(moving.cursor == 3)
        var price = LineEditor(text: "giá 100$")
        price.handle(.deleteWordBackward)
        #expect(price.text == "giá ")
        // Ctrl-W takes the emoji before the cursor, not the word before it too.
        var words = Self.typing("vui 😀 ")
        words.handle(.deleteWordBackward)
        #expect(words.text == "vui ")
        words.handle(.deleteWordBackward)
        #expect(words.text == "")
    }

    /// Pasted control characters were kept unseen (BEL, ESC in a take's name; a tab glued two words on screen).
    @Test func pastedControlCharactersAreLeftOutAndATabIsASpace() {
        var editor = LineEditor()
        editor.handle(.paste("vui\u{07}\u{1B}[31m quá\tđi\u{202E}x"))
        #expect(editor.text == "vui[31m quá đix")
        editor.handle(.character("\u{07}"))
        #expect(editor.text == "vui[31m quá đix")
    }

    @Test func telexTypesTheExampleSentence() {
        #expect(Self.typing("Hoom nay tooi raats vui").text == "Hôm nay tôi rất vui")
        #expect(Self.typing("Vieetj Nam").text == "Việt Nam")
    }

    /// Words that are no Vietnamese syllable once marked keep the keys typed for them, as UniKey's "restore keys for
    /// invalid words" (a probe's English words, names and model numbers lost letters and gained accents, and one
    /// accent took the whole text off the reading for text without diacritics).
    @Test(arguments: [
        ("ok thanks bro nha", "ok thanks bro nha"), ("Linux", "Linux"), ("xoxo toxic", "xỗ toxic"),
        ("toxic", "toxic"), ("google", "google"), ("facebook", "facebook"),
        // Vietnamese still composes, and a doubled key still gives its plain letter.
        ("tieengs vieetj", "tiếng việt"), ("nguwowif ddaauf", "người đầu"), ("khuyeenr quas", "khuyển quá"),
        ("thuowngf hoangf", "thường hoàng"), ("giaf uyeenr", "già uyển"), ("tesst", "test"), ("ass", "as"),
    ])
    func invalidWordsKeepTheirKeys(keys: String, text: String) {
        #expect(Self.typing(keys).text == text)
    }

    /// From a probe of the field against UniKey's Telex: a second w marks the letters before it instead of taking
    /// the first ư away ("wow" was "ow"; a closing ươ is written uơ, as thuở); an open ua takes the horn on its u ("chuaw" was "chuă"); a word whose
    /// marks Vietnamese never writes keeps its keys ("new" was "neư", "wifi" "ừii"); a word shown as its keys takes
    /// what follows as typed ("address" lost its r: "addes"; VNI "win10" became "win").
    @Test(arguments: [
        ("wow", "uơ"), ("Wow", "Uơ"), ("ww", "w"), ("www", "ww"), ("windowss", "windowss"), ("wanw", "wanw"),
        ("chuaw", "chưa"), ("cuawr", "cửa"), ("muaw vuawf", "mưa vừa"), ("dduaw", "đưa"), ("giuawx", "giữa"),
        ("quawn", "quăn"), ("chuaww", "chuaw"), ("ddc ddt DDT", "đc đt ĐT"), ("zoom zoo zero", "zoom zoo zero"),
        // A second probe: ư then o before a consonant is ươ; a tone on a vowel pair Vietnamese never writes restores.
        ("dduwocj huwong tuwoi", "được hương tươi"), ("cafe tour leaf", "cafe tour leaf"),
        ("new news view power sweet tweet wifi", "new news view power sweet tweet wifi"),
        ("address", "address"), ("thanksz", "thanksz"), ("Linuxz", "Linuxz"), ("toxicz", "toxicz"),
        // Vietnamese through the same states still composes.
        ("nguwowif huwowngf ruwowuj tuwowi", "người hường rượu tươi"), ("dduowcj nuwowcs", "được nước"),
        ("khuaays ngoawcj thuaanf", "khuấy ngoặc thuần"), ("gif giuwowngf quyeenf", "gì giường quyền"),
    ])
    func telexAsUniKeyTypesIt(keys: String, text: String) {
        #expect(Self.typing(keys).text == text)
    }

    @Test func vniKeepsDigitsAfterAWordShownAsItsKeys() {
        #expect(Self.typing("win10 a11", method: InputMethod(.vni)).text == "win10 a1")
    }

    /// Inside a word the cursor moved back into, a key that marks the word marks all of it (it was composed with the
    /// part before the cursor: "buo|n" + f gave "bùon"), and a letter goes in as a letter; a word typed before
    /// another one (Home, then typing) composes as ever.
    @Test func aKeyInsideAWordMarksTheWholeWord() {
        var editor = Self.typing("tooi buon quas")
        for _ in 0..<5 { editor.handle(.left) }
        editor.handle(.character("f"))
        #expect(editor.text == "tôi buòn quá")
        var fixed = Self.typing("tieengs")
        fixed.handle(.left)
        fixed.handle(.left)
        fixed.handle(.backspace)
        fixed.handle(.character("e"))
        fixed.handle(.character("e"))
        fixed.handle(.end)
        fixed.handle(.character("s"))
        #expect(fixed.text == "tiếng")
        var before = Self.typing("vui")
        before.handle(.home)
        for key in "raats " { before.handle(.character(key)) }
        #expect(before.text == "rất vui")
    }

    @Test func vniKeepsNumbersInWords() {
        #expect(Self.typing("iphone15 covid19 Tuan98 phong 301", method: InputMethod(.vni)).text == "iphone15 covid19 Tuan98 phong 301")
        #expect(Self.typing("ngu7o72i", method: InputMethod(.vni)).text == "người")
    }

    @Test func vniTypesToo() {
        #expect(Self.typing("To6i ye6u Vie65t Nam", method: InputMethod(.vni)).text == "Tôi yêu Việt Nam")
    }

    @Test func withoutAnInputMethodKeysAreLiteral() {
        #expect(Self.typing("Hoom nay", method: nil).text == "Hoom nay")
    }

    @Test func aToneCanBeAddedAfterMovingBackToAWord() {
        var editor = Self.typing("toi vui")
        for _ in 0..<4 { editor.handle(.left) }   // after "toi"
        editor.handle(.character("o"))
        editor.handle(.character("f"))
        #expect(editor.text == "tồi vui")
        #expect(editor.cursor == 3)
    }

    @Test func backspaceThenRetypingKeepsComposing() {
        var editor = Self.typing("tieengs")
        #expect(editor.text == "tiếng")
        editor.handle(.backspace)       // "tiến"
        editor.handle(.character("g"))  // "tiếng"
        #expect(editor.text == "tiếng")
        editor.handle(.character("z"))  // tone removed
        #expect(editor.text == "tiêng")
    }

    @Test func cursorMovesByGraphemeAndReportsDisplayColumns() {
        var editor = LineEditor(text: "vui 😂 nhé")
        #expect(editor.cursor == 9 && editor.cursorColumn == 10)  // the emoji is two columns wide
        editor.handle(.home)
        #expect(editor.cursorColumn == 0)
        editor.handle(.wordRight)
        #expect(editor.cursor == 3)
        editor.handle(.end)
        editor.handle(.wordLeft)
        #expect(editor.cursor == 6)
        // Ctrl-W: the spaces before the cursor go with the word before them, an emoji being a word of its own (it took
        // the word before it too: "vui 😀 " went whole).
        editor.handle(.deleteWordBackward)
        #expect(editor.text == "vui nhé" && editor.cursor == 4)
        editor.handle(.end)
        editor.handle(.deleteWordBackward)
        editor.handle(.deleteWordBackward)
        #expect(editor.text.isEmpty)
    }

    @Test func decomposedInputIsStoredComposed() {
        let editor = LineEditor(text: "Ho\u{0302}\u{0300}m")
        #expect(editor.characters.count == 3)
        #expect(editor.text.unicodeScalars.count == 3)
    }

    /// Keys typed decomposed (a terminal or an input method sending "a" then U+0309) were kept decomposed: the take's
    /// text and its file name differed from the same words typed precomposed.
    @Test(arguments: [false, true])
    func combiningMarksTypedAsKeysJoinTheLetterBeforeThem(telex: Bool) {
        var editor = LineEditor(inputMethod: telex ? InputMethod(.telex) : nil)
        for scalar in "Ba\u{0309}n nha\u{0323}c buo\u{0302}\u{0300}n".unicodeScalars {
            editor.handle(.character(Character(scalar)))
        }
        #expect(editor.text == "Bản nhạc buồn")
        #expect(editor.text.unicodeScalars.count == 13)
        #expect(editor.characters.count == 13)
        #expect(editor.cursor == 13)
        // A mark with nothing before it stays as typed.
        var empty = LineEditor()
        empty.handle(.character("\u{0301}"))
        #expect(empty.text == "\u{0301}")
    }

    @Test func historyWalksBackAndForwardAndKeepsTheDraft() {
        var editor = LineEditor()
        editor.handle(.paste("buồn quá"))
        _ = editor.commit()
        editor.handle(.home)
        for _ in 0..<8 { editor.handle(.delete) }
        editor.handle(.paste("vui quá"))
        _ = editor.commit()
        editor.handle(.end)
        editor.handle(.paste(" nữa"))
        editor.handle(.historyUp)
        #expect(editor.text == "vui quá")
        editor.handle(.historyUp)
        #expect(editor.text == "buồn quá")
        editor.handle(.historyUp)
        #expect(editor.text == "buồn quá")
        editor.handle(.historyDown)
        editor.handle(.historyDown)
        #expect(editor.text == "vui quá nữa")
        #expect(editor.history == ["buồn quá", "vui quá"])
    }

    /// A text composed again was listed twice: it moves to the newest place instead.
    @Test func aTextCommittedAgainIsTheNewestOnce() {
        var editor = LineEditor()
        for text in ["một", "hai", "một"] {
            editor.handle(.paste(text))
            _ = editor.commit()
            for _ in 0..<text.count { editor.handle(.backspace) }
        }
        #expect(editor.history == ["hai", "một"])
    }

    @Test func pastedTextIsLiteralAndBounded() {
        var editor = LineEditor(inputMethod: InputMethod(.telex))
        editor.limit = 20
        editor.handle(.paste("tooi\nraats vui " + String(repeating: "x", count: 100)))
        #expect(editor.text.hasPrefix("tooi raats vui "))
        #expect(editor.characters.count == 20)
    }

    @Test func displayWidths() {
        #expect(DisplayWidth.of("Hôm nay tôi rất vui") == 19)
        #expect(DisplayWidth.of("😂") == 2 && DisplayWidth.of("中文") == 4)
        // Sequences are measured as they are drawn: the first emoji of a ZWJ sequence, no variation selector or
        // skin tone (ncurses counts each code point, so a sequence drawn whole shifted the row).
        #expect(DisplayWidth.of("❤️") == 1 && DisplayWidth.drawable("❤️") == "❤")
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2 && DisplayWidth.drawable("👨‍👩‍👧") == "👨")
        #expect(DisplayWidth.of("👍🏽") == 2 && DisplayWidth.drawable("👍🏽") == "👍")
        #expect(DisplayWidth.of("🇻🇳") == 2)
        #expect(DisplayWidth.of("o\u{0302}") == 1)
    }
}

@Suite struct LineEditorColumnTests {
    @Test func aColumnPutsTheCursorBeforeTheCharacterThatCoversIt() {
        var editor = LineEditor(text: "a文b")  // 文 is two columns wide
        editor.handle(.column(0)); #expect(editor.cursor == 0)
        editor.handle(.column(1)); #expect(editor.cursor == 1)
        editor.handle(.column(2)); #expect(editor.cursor == 1)  // the right half of 文
        editor.handle(.column(3)); #expect(editor.cursor == 2)
        editor.handle(.column(50)); #expect(editor.cursor == 3)
    }
}

@Suite struct LineEditorLineBreakTests {
    @Test func aMultilineEditorHoldsLineBreaksAndAOneLineEditorIgnoresThem() {
        var poem = LineEditor(inputMethod: InputMethod(.telex))
        poem.multiline = true
        for character in "vui" { poem.handle(.character(character)) }
        poem.handle(.newline)
        for character in "buoonf" { poem.handle(.character(character)) }
        #expect(poem.text == "vui\nbuồn")
        var name = LineEditor(text: "take")
        name.handle(.newline)
        #expect(name.text == "take")
    }

    @Test func pasteKeepsLineBreaksOnlyInAMultilineEditor() {
        var poem = LineEditor()
        poem.multiline = true
        poem.handle(.paste("một\r\nhai\rba\u{2028}bốn"))
        #expect(poem.text == "một\nhai\nba\nbốn")
        var name = LineEditor()
        name.handle(.paste("một\r\nhai"))
        #expect(name.text == "một hai")
    }

    @Test func aLineBreakTakesThreeColumnsOnTheOneRowDisplay() {
        var editor = LineEditor(text: "ab\ncd")
        editor.multiline = true
        #expect(editor.cursorColumn == 2 + LineEditor.lineBreakColumns + 2)
        editor.handle(.column(3)); #expect(editor.cursor == 2)  // on the " ⏎ ": before the break
        editor.handle(.column(5)); #expect(editor.cursor == 3)  // just after it
    }
}

/// Every word with a diacritic in CamXuc's everyday training corpus, typed key by key in the field (marks after
/// their letters, the tone last, as `decompose` writes the keys; Telex and VNI), comes out as written: the checks
/// that leave English words as typed must never stop a Vietnamese one on the way.
@Suite struct EveryCorpusWordTypesTests {
    static func words() throws -> [String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Models/training/corpus/everyday/train.tsv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var seen = Set<String>()
        for line in text.split(separator: "\n").dropFirst() {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count > 1 else { continue }
            for word in columns[1].split(whereSeparator: { !$0.isLetter }) where word.unicodeScalars.contains(where: { !$0.isASCII }) {
                seen.insert(String(word).precomposedStringWithCanonicalMapping)
            }
        }
        return seen.sorted()
    }

    @Test(arguments: [InputMethod.Kind.telex, .vni])
    func typesEveryWord(kind: InputMethod.Kind) throws {
        let method = InputMethod(kind)
        let words = try Self.words()
        #expect(words.count > 2_000)
        // Words whose letters Vietnamese does not spell (foreign names written with marks, "ngườiiii") are not
        // this test's.
        let vietnamese = words.filter {
            method.compose(method.decompose($0)) == $0 && VietnameseSpelling.isSyllable(VietnameseFolding.fold($0.lowercased()))
        }
        var wrong: [String] = []
        for word in vietnamese {
            var editor = LineEditor(inputMethod: method)
            for key in method.decompose(word) { editor.handle(.character(key)) }
            if editor.text != word { wrong.append("\(word) → \(editor.text)") }
        }
        #expect(wrong.isEmpty, "\(wrong.count) of \(vietnamese.count): \(wrong.prefix(20))")
    }
}
