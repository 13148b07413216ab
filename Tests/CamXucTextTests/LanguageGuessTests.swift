import Testing
@testable import CamXucText

@Suite struct LanguageGuessTests {
    static func guess(_ text: String) -> Bool {
        LanguageGuess.isMostlyNotVietnamese(TextNormalizer().normalize(text).tokens)
    }

    @Test func vietnameseWithOrWithoutDiacriticsIsVietnamese() {
        #expect(!Self.guess("Hôm nay tôi rất vui"))
        #expect(!Self.guess("hom nay toi rat vui"))
        #expect(!Self.guess("Tôi thích ăn 饺子 lắm"))  // a foreign word or two
    }

    @Test func otherLanguagesAreFlagged() {
        #expect(Self.guess("The quick brown fox jumps over the lazy dog"))
        #expect(Self.guess("Я очень рад тебя видеть"))
        // Written without spaces: one token, every letter a word (this read as Vietnamese without diacritics).
        #expect(Self.guess("我今天很高兴"))
        #expect(Self.guess("今日はとても嬉しい"))
        #expect(Self.guess("วันนี้ฉันมีความสุขมาก"))
    }

    /// Typed with the VNI input method off, as with Telex off: the model cannot read it, and says so (it was left out
    /// of the count, holding digits, and a text of it read as Vietnamese).
    @Test func vniKeysLeftInTheTextAreFlagged() {
        #expect(Self.guess("to6i ra6t1 buo6n2 vi2 bi5 ma6t1 vie6c5"))
        #expect(!Self.guess("nghe mp3 cả ngày, đội u23 thắng rồi vui quá"))
    }
}
