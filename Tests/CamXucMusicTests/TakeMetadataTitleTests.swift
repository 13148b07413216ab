import Testing
@testable import CamXucMusic

/// Titles made from a take's text: whole words only, never more than 80 characters.
@Suite struct TakeMetadataTitleTests {
    @Test(arguments: [
        ("Hôm nay tôi rất vui", "Hôm nay tôi rất vui"),
        // 61 characters: `compose` used to cut this at 60, inside "vui".
        ("Hôm nay trời đẹp quá, cả nhà mình cùng nhau đi chơi thật là vui", "Hôm nay trời đẹp quá, cả nhà mình cùng nhau đi chơi thật là vui"),
        ("  hai   dòng\nvăn bản  ", "hai dòng văn bản"),
        ("Hôm nay trời mưa to quá nên tôi ở nhà nghe nhạc buồn và nhớ về những ngày xưa cũ bên gia đình",
         "Hôm nay trời mưa to quá nên tôi ở nhà nghe nhạc buồn và nhớ về những ngày xưa…"),
        ("", ""),
    ])
    func titleKeepsWholeWords(text: String, title: String) {
        #expect(TakeMetadata.title(from: text) == title)
    }

    @Test func aTitleOfExactlyTheLimitIsKeptWholeAndOneMoreIsCut() {
        let eighty = String(String(repeating: "abcd ", count: 16).dropLast()) + "e"  // 80 characters
        #expect(eighty.count == 80)
        #expect(TakeMetadata.title(from: eighty) == eighty)
        let cut = TakeMetadata.title(from: eighty + "f")
        #expect(cut == String(String(repeating: "abcd ", count: 15).dropLast()) + "…")
        #expect(cut.count <= 80)
    }

    @Test func aSingleWordLongerThanTheLimitIsCutInside() {
        let title = TakeMetadata.title(from: String(repeating: "ư", count: 100))
        #expect(title == String(repeating: "ư", count: 79) + "…")
    }
}
