@testable import CamXucStudio
import CamXucText
import Foundation
import Testing

/// Every error and notice of the session can be read whole with m: one cut on the status line (an opened file's
/// left-out counts at 80 columns), gone at the next key, or hidden under the help was lost.
@Suite struct MessageLogTests {
    static let longError = "cannot read /tmp/probe/thu-muc-rat-dai-cua-toi-o-day-va-con-dai-hon-nua/khong-co-that/bai-hat-cua-toi-that-su-rat-dai-ten-va-con-dai-hon-the-nua-o-day.mid: no such file or directory, and the rest of a reason long enough that two status lines cannot hold it"

    @Test func aMessageTooLongForTwoLinesSaysWhichKeyShowsItWhole() {
        var model = PrimerStudioTests.ready()
        _ = model.update(.failed(Self.longError))
        let rows = model.view(width: 80, height: 24).rendered().split(separator: "\n").suffix(2).map(String.init)
        #expect(rows[1].trimmingCharacters(in: .whitespaces).hasSuffix("m xem hết"), "\(rows)")
        // One that two lines hold has no such ending.
        var short = PrimerStudioTests.ready()
        _ = short.update(.failed("cannot read /tmp/x.mid: no such file or directory"))
        #expect(!short.view(width: 80, height: 24).rendered().contains("xem hết"))
    }

    /// One S added twenty "đang xuất WAV… 5%" … "100%" entries to the 200-line log: a job's progress is one entry
    /// that moves on; another message between two progress lines keeps both.
    @Test func aJobsProgressIsOneEntry() {
        var model = PrimerStudioTests.ready()
        let before = model.messageLog.count
        for percent in stride(from: 5, through: 100, by: 5) { model.notice = "đang xuất WAV… \(percent)%" }
        #expect(model.messageLog.count == before + 1 && model.messageLog.last?.text == "đang xuất WAV… 100%")
        model.notice = "đã lưu take 1"
        model.notice = "đang xuất WAV… 5%"
        #expect(model.messageLog.count == before + 3)
    }

    @Test func mShowsEveryMessageWholeAfterTheStatusLineLostThem() {
        var model = PrimerStudioTests.ready()
        _ = model.update(.failed(Self.longError))
        _ = model.update(.key("↓"))  // the next key clears the status line
        var file = PrimerStudioTests.file()
        file.name = "band-3tracks.mid"
        file.notices = ["band-3tracks.mid: 64 drum notes on channel 10 left out (the model plays piano)",
                        "band-3tracks.mid: 32 notes of other instruments (Flute) played as String Ensemble 1 (the model plays one instrument)",
                        "band-3tracks.mid: 3 notes outside A0–C8 left out",
                        "band-3tracks.mid: 12 doubled notes left out"]
        _ = model.update(.opened(take: 1, file))
        _ = model.update(.key("m"))
        #expect(model.showMessages)
        let inside = Self.inside(model, width: 80, height: 24)
        #expect(inside.contains("✗ cannot read") && inside.contains("two status lines cannot hold it"), "\(inside)")
        #expect(inside.contains("· đã mở band-3tracks.mid: 8 nốt, 0:03 — Enter để viết tiếp · bỏ 64 nốt trống ở kênh 10")
                && inside.contains("12 nốt"), "\(inside)")
        // Any other key closes it and does nothing else.
        let take = model.selectedTake
        _ = model.update(.key("d"))
        #expect(!model.showMessages && model.selectedTake == take && model.takes.count == 1)
    }

    @Test func theMessagesScrollAndStayWhereTheyWereWhenOneArrives() {
        var model = PrimerStudioTests.ready()
        _ = model.update(.resized(width: 80, height: 24))
        for index in 1...40 { _ = model.update(.failed("error number \(index)")) }
        _ = model.update(.key("m"))
        var screen = model.view(width: 80, height: 24).rendered()
        #expect(screen.contains("error number 40") && !screen.contains("error number 1 ") && screen.contains("/40"), "\(screen)")
        _ = model.update(.key("Home"))
        screen = model.view(width: 80, height: 24).rendered()
        #expect(screen.contains("error number 1 ") && !screen.contains("error number 40"), "\(screen)")
        _ = model.update(.failed("error number 41"))
        let inside = Self.inside(model, width: 80, height: 24)
        #expect(inside.contains("error number 1 ") && !inside.contains("error number 41"), "\(inside)")
        _ = model.update(.key("End"))
        #expect(Self.inside(model, width: 80, height: 24).contains("error number 41"))
        _ = model.update(.key("Esc"))
        #expect(!model.showMessages)
    }

    /// From a review: in the text field m types, and the hint said "m xem hết" there (an "m" was typed, the text read
    /// again and the message gone); Esc then Enter typed fast (Alt-Enter) closed the list and composed a take; ↓
    /// did nothing for hundreds of presses after the window grew; a notice built in two steps was logged twice.
    @Test func theReviewsFourFindings() {
        var model = PrimerStudioTests.ready()
        model.focus = .text
        _ = model.update(.failed(Self.longError))
        let status = model.view(width: 80, height: 24).rendered().split(separator: "\n").last.map(String.init) ?? ""
        #expect(status.trimmingCharacters(in: .whitespaces).hasSuffix("Esc m xem hết"), "\(status)")
        model.focus = .roll
        _ = model.update(.key("m"))
        #expect(model.update(.key("Alt-Enter")).isEmpty && !model.showMessages && model.generatingTake == nil)
        // Scrolled to the top at 80×24, then the window grows: ↓ moves at once.
        for index in 1...60 { _ = model.update(.failed("error number \(index)")) }
        _ = model.update(.resized(width: 80, height: 24))
        _ = model.update(.key("m"))
        _ = model.update(.key("Home"))
        _ = model.update(.resized(width: 200, height: 60))
        let before = Self.inside(model, width: 200, height: 60)
        _ = model.update(.key("↓"))
        #expect(Self.inside(model, width: 200, height: 60) != before)
        // One notice, then the same with more: one entry.
        _ = model.update(.key("Esc"))
        let count = model.messageLog.count
        model.notice = "A: take 2"
        model.notice = "A: take 2  (take 2 is 0:03 long: from its start)"
        #expect(model.messageLog.count == count + 1 && model.messageLog.last?.text.hasSuffix("from its start)") == true)
    }

    /// Lines are broken at spaces, long words after "/", "-" or "_", and only then where the line is full; nothing is
    /// lost and no line is wider than asked, whatever the text (emoji and wide letters too).
    @Test func messageLinesBreakAtSpacesThenInsidePathsAndLoseNothing() {
        #expect(StudioModel.messageLines("không ghi được /proc/camxuc-khong-ghi-duoc/thu-muc-luu-nhac-rat-dai-de-thu-thong-bao-loi: không tạo được thư mục", columns: 78)
                == ["không ghi được /proc/camxuc-khong-ghi-duoc/thu-muc-luu-nhac-rat-dai-de-thu-", "thong-bao-loi: không tạo được thư mục"])
        let pieces = ["a", "bb", "thư", "/x/y-z_w", "🎹", "漢字", "rat-rat-rat-dai-dai-dai", "", "…"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 1...14, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined(separator: " ")
            let columns = Int.random(in: 2...30, using: &generator)
            let lines = StudioModel.messageLines(text, columns: columns)
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= columns }, "\(text) at \(columns): \(lines)")
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " }, "\(text) at \(columns): \(lines)")
        }
    }

    /// The text inside the messages box, its lines joined with spaces.
    static func inside(_ model: StudioModel, width: Int, height: Int) -> String {
        let rect = model.messagesRect(width: width, height: height)
        let rows = model.view(width: width, height: height).rendered().split(separator: "\n", omittingEmptySubsequences: false)
        return rows[(rect.y + 1)..<(rect.y + rect.height - 1)].map { row in
            String(Array(row)[(rect.x + 1)..<(rect.x + rect.width - 1)]).trimmingCharacters(in: .whitespaces)
        }.joined(separator: " ")
    }

    @Test func theLogKeepsTheLast200AndOneMessageRepeatedOnce() {
        var model = PrimerStudioTests.ready()
        _ = model.update(.failed("same"))
        _ = model.update(.failed("same"))
        #expect(model.messageLog.filter { $0.text == "same" }.count == 1)
        for index in 1...250 { _ = model.update(.failed("error \(index)")) }
        #expect(model.messageLog.count == 200 && model.messageLog.last?.text == "error 250")
        var empty = PrimerStudioTests.ready()
        empty.messageLog = []
        _ = empty.update(.key("m"))
        #expect(empty.view(width: 80, height: 24).rendered().contains("phiên này chưa có thông báo nào"))
    }
}
