import CamXucAudio
import CamXucEmotion
import CamXucMusic
import Foundation

extension Message {
    /// A failure as the one line the status bar shows, in the UI's language: CamXuc's own errors say themselves;
    /// Foundation's file errors become "cannot write PATH: REASON" instead of an `NSCocoaErrorDomain` dump.
    public static func failed(english: Bool, _ error: Error) -> Message {
        .failed(describe(error, english: english))
    }

    /// The reasons the C library and CamXuc give most often, in Vietnamese; others as they are.
    static func vietnamese(_ reason: String) -> String {
        let known = ["no space left on device": "đĩa đầy", "the disk is full": "đĩa đầy",
                     "operation not permitted": "không có quyền", "permission denied": "không có quyền",
                     "it is a directory": "đó là thư mục", "it is a folder": "đó là thư mục",
                     "is a directory": "đó là thư mục", "no such file or directory": "không có tệp hay thư mục đó",
                     "read-only file system": "đĩa chỉ đọc", "it is read-only": "tệp chỉ đọc",
                     "the folder cannot be made": "không tạo được thư mục"]
        if let translated = known[reason] { return translated }
        if reason.hasPrefix("the folder "), reason.hasSuffix(" does not exist") {
            return "thư mục " + reason.dropFirst("the folder ".count).dropLast(" does not exist".count) + " không tồn tại"
        }
        return rewritten(reason, [
            (#"^the folder (.*) is not writable$"#, "không ghi được vào thư mục $1"),
            (#"^another CamXuc studio or another program changed it since this one read it; start the studio again to see its change$"#,
             "một studio CamXuc khác hay một chương trình khác đã sửa nó từ lúc studio này đọc; mở lại studio để thấy thay đổi đó"),
            (#"^another CamXuc studio or another program deleted it since this one read it; nothing was written$"#,
             "một studio CamXuc khác hay một chương trình khác đã xoá nó từ lúc studio này đọc; không ghi gì cả"),
            (#"^it is not a regular file$"#, "đó không phải tệp thường"),
            (#"^it is a folder; give a SoundFont 2 file \(\.sf2\) inside it \(from (.*)\)$"#, "đó là thư mục; hãy chỉ một tệp SoundFont 2 (.sf2) trong đó (từ $1)"),
            (#"^not a SoundFont 2 file \(no RIFF 'sfbk' header\)$"#, "không phải tệp SoundFont 2 (thiếu phần đầu RIFF 'sfbk')"),
            (#"^FluidSynth could not load it"#, "FluidSynth không nạp được"),
        ])
    }

    /// CamXuc's sound errors in Vietnamese (they reached the Vietnamese screen in English).
    static func vietnamese(_ error: AudioError) -> String {
        switch error {
        case let .soundfontNotFound(path, source):
            return "không tìm thấy soundfont \(path) (từ \(vietnameseSource(source)))"
        case let .noSoundfont(tried):
            return "không có soundfont nào (đã thử \(tried.joined(separator: ", "))); hãy cài timgm6mb-soundfont hoặc dùng --soundfont TỆP"
        case let .badSoundfont(path, reason):
            return "không dùng được soundfont \(path): \(vietnamese(reason))"
        case let .noAudioDevice(reason):
            return "không có thiết bị âm thanh: \(reason); vẫn xuất WAV và lưu được"
        case let .deviceStopped(reason):
            return "thiết bị âm thanh ngừng hoạt động khi đang phát" + (reason.map { " (\($0))" } ?? "") + "; vẫn xuất WAV và lưu được"
        case let .cannotWrite(file, reason):
            return "không ghi được \(file): \(vietnamese(reason))"
        case let .synthesizerFailed(message):
            return "bộ tổng hợp âm thanh lỗi: \(message)"
        case let .takeTooLong(seconds, limit):
            return tooLongForWAV(seconds: seconds, limit: limit, english: false)
        }
    }

    /// A take past the render limit, as the studio says it (without the command line's --max-length advice).
    static func tooLongForWAV(seconds: Double, limit: Double, english: Bool) -> String {
        english ? "the take lasts \(StudioModel.clock(seconds)), longer than the \(Int(limit / 60)) minutes a WAV is rendered for"
            : "take dài \(StudioModel.clock(seconds)), quá \(Int(limit / 60)) phút, giới hạn xuất WAV"
    }

    static func vietnameseSource(_ source: String) -> String {
        ["the config file": "tệp cấu hình", "the system soundfonts": "soundfont của hệ thống"][source] ?? source
    }

    /// What CamXuc's MIDI reader and primer say about a file (a broken header, what a primer leaves out), in
    /// Vietnamese where the words are known; numbers, names and other details as they are.
    static func vietnameseDetail(_ text: String) -> String {
        let patterns: [(String, String)] = [
            (#"not a Standard MIDI File: it does not start with 'MThd'"#, "không phải tệp MIDI chuẩn (không bắt đầu bằng 'MThd')"),
            (#"no notes left to continue"#, "không còn nốt nào để viết tiếp"),
            (#"^it holds no notes$"#, "tệp không có nốt nào"),
            (#"(\d+) drum notes? on channel 10 left out"#, "bỏ $1 nốt trống ở kênh 10"),
            (#"(\d+) sustain pedal changes? left out"#, "bỏ $1 lần đổi pedal"),
            (#"(\d+) notes? of other instruments \((.+)\) played as (.+) \(the model plays one instrument\)"#,
             "$1 nốt của nhạc cụ khác ($2) chơi bằng $3 (mô hình chơi một nhạc cụ)"),
            (#"(\d+) instrument changes? left out \(the take plays one instrument\)"#, "bỏ $1 lần đổi nhạc cụ (take chơi một nhạc cụ)"),
            (#"(\d+) notes? below or above (\S+) left out"#, "bỏ $1 nốt ngoài $2"),
            (#"(\d+) later notes? after ([0-9.]+) s left out"#, "bỏ $1 nốt sau $2 s"),
            (#"(\d+) notes crowded into one moment left out"#, "bỏ $1 nốt dồn vào cùng một lúc"),
            (#"(\d+) pitch bends? left out \(CamXuc plays notes at their pitch\)"#, "bỏ $1 lần uốn cao độ (CamXuc chơi nốt đúng cao độ)"),
            (#"(\d+) aftertouch messages? left out"#, "bỏ $1 thông điệp aftertouch"),
            (#"goes on at (\d+) a minute, the usual beat of its last (\d+) s \(it ends at (\d+) a minute\)"#,
             "viết tiếp ở $1 nhịp một phút, nhịp thường gặp trong $2 s cuối (tệp kết thúc ở $3 nhịp một phút)"),
            (#"a RIFF MIDI file \(RMID\) without its 'data' chunk"#, "tệp MIDI RIFF (RMID) thiếu khối 'data'"),
            (#"a RIFF MIDI file inside another"#, "tệp MIDI RIFF lồng trong một tệp RIFF khác"),
            (#"(\d+) lyric or text events? left out \(a take keeps the notes\)"#, "bỏ $1 lời bài hát hay dòng chữ (take chỉ giữ nốt)"),
            (#"\(the model plays piano\)"#, "(mô hình chơi piano)"),
            (#"([0-9.]+) s used; the network reads its last (\d+) notes? \(([0-9.]+) s to ([0-9.]+) s, (\d+) events\), the earlier ones are kept as they are"#,
             "dùng $1 s; mô hình chỉ đọc $2 nốt cuối ($3 s tới $4 s, $5 sự kiện), các nốt trước giữ nguyên"),
            (#"\(the model's range is MIDI ([0-9–]+)\)"#, "(tầm của mô hình là MIDI $1)"),
            (#"\(the take's notes carry their own lengths; pedalled notes end where their keys were let go\)"#,
             "(nốt của take tự mang độ dài; nốt giữ pedal dừng khi nhả phím)"),
            (#"(\d+) doubled notes? left out"#, "bỏ $1 nốt lặp"),
            (#"\(one key struck twice at one tick sounds once\)"#, "(một phím gõ hai lần cùng lúc chỉ kêu một lần)"),
            (#"chunk length (\d+) runs past the end of the file \((\d+) bytes\)"#, "khối dài $1 byte vượt quá cuối tệp ($2 byte)"),
            // The reader's other faults (a late one was said half in English inside a Vietnamese line).
            (#"the header length is (\d+), at least 6 expected"#, "phần đầu dài $1 byte, cần ít nhất 6"),
            (#"the header length (\d+) runs past the end of the file \((\d+) bytes\)"#, "phần đầu dài $1 byte vượt quá cuối tệp ($2 byte)"),
            (#"unknown MIDI file format (\d+) \(0, 1 or 2 expected\)"#, "định dạng MIDI lạ $1 (cần 0, 1 hoặc 2)"),
            (#"SMPTE time division (\d+) frames × (\d+) ticks is invalid"#, "chia thời gian SMPTE $1 khung × $2 tick không hợp lệ"),
            (#"the time division is 0 ticks per quarter note"#, "chia thời gian là 0 tick mỗi nốt đen"),
            (#"the header promises (\d+) tracks? but the file ends after (\d+)"#, "phần đầu hứa $1 track nhưng tệp hết sau $2"),
            (#"an event is missing after its delta time: the track chunk ends"#, "thiếu sự kiện sau khoảng thời gian: khối track hết"),
            (#"data byte (0x[0-9A-F]{2}) where a status byte was expected \(no running status\)"#,
             "byte dữ liệu $1 ở chỗ cần byte trạng thái (không có trạng thái chạy tiếp)"),
            (#"status byte (0x[0-9A-F]{2}) is not allowed in a MIDI file"#, "byte trạng thái $1 không được có trong tệp MIDI"),
            (#"status byte (0x[0-9A-F]{2}) where a data byte of event (0x[0-9A-F]{2}) was expected"#,
             "byte trạng thái $1 ở chỗ cần byte dữ liệu của sự kiện $2"),
        ]
        return rewritten(text, patterns)
    }

    /// A config or theme warning ("FILE: unknown key 'x' ignored") in Vietnamese where its words are known.
    public static func vietnameseWarning(_ warning: String) -> String {
        let patterns: [(String, String)] = [
            (#"unknown key '([^']*)' ignored"#, "bỏ qua khoá lạ '$1'"),
            (#"unreadable, kept as (\S+); starting from the defaults"#, "không đọc được, cất thành $1; bắt đầu từ mặc định"),
            (#"larger than 64 MB, not read, kept as (\S+); starting from the defaults"#, "lớn hơn 64 MB nên không đọc, cất thành $1; bắt đầu từ mặc định"),
            (#"unknown role '([^']*)' ignored"#, "bỏ qua vai lạ '$1'"),
            (#"\[keys\] has no action '([^']*)'; the actions are"#, "[keys] không có hành động '$1'; các hành động là"),
            (#"\[keys\] Ctrl-C always quits and cannot be bound"#, "[keys] Ctrl-C luôn thoát, không gán lại được"),
            (#"is not a key this terminal can send \(one character, or one of: ([^)]*)\)"#,
             "không phải phím mà terminal gửi được (một ký tự, hoặc một trong: $1)"),
            (#"is not a key this terminal can send"#, "không phải phím mà terminal gửi được"),
            (#"is sent by the terminal as (\S+); bind \S+ itself, or another key"#, "được terminal gửi thành $1; hãy gán chính $1, hoặc phím khác"),
            (#"deletes a word in the text field and cannot be bound"#, "xoá một từ trong ô văn bản, không gán được"),
            (#"switches Telex/VNI/off and can be bound only to toggleInputMethod"#, "chuyển Telex/VNI/tắt, chỉ gán được cho toggleInputMethod"),
            (#"is taken by many terminals for flow control and cannot be bound"#, "bị nhiều terminal dùng để dừng luồng chữ, không gán được"),
            (#"is not a key name; did you mean "([^"]*)"\?"#, "không phải tên phím; có phải là \"$1\"?"),
            (#"edits the text field; there (\S+) edits the text as always"#, "là phím sửa chữ; trong ô văn bản $1 vẫn sửa chữ như thường"),
            (#"is an emotion's number in the Emotion panel and on the plane; there (\S+) chooses the model's reading as always"#,
             "là số của cảm xúc ở ô Cảm xúc và mặt phẳng; ở đó $1 vẫn về cách mô hình đọc"),
            (#"is an emotion's number in the Emotion panel and on the plane; there (\S+) chooses that emotion as always"#,
             "là số của cảm xúc ở ô Cảm xúc và mặt phẳng; ở đó $1 vẫn chọn cảm xúc ấy"),
            (#"\[keys\] (\S+) = "([^"]*)" takes (\S+) from (\S+), which composes now only with Enter in the text field"#,
             "[keys] $1 = \"$2\" lấy $3 của $4; nay chỉ Enter trong ô văn bản còn tạo take"),
            (#"the palette has no 'background'; the terminal's own background is used"#, "bảng màu không có 'background'; dùng nền của terminal"),
            (#"role colour '([^']*)' is not in the palette"#, "màu '$1' không có trong bảng màu"),
            (#"\[keys\] (\S+) = "([^"]*)" takes (\S+) from (\S+), which has no key now"#,
             "[keys] $1 = \"$2\" lấy $3 của $4, nay $4 không còn phím nào"),
            (#"\[keys\] (\S+) must be a key name or a list of key names, such as "w" or \["q", "F10"\]; ignored"#,
             "[keys] $1 phải là tên phím hoặc danh sách tên phím, như \"w\" hay [\"q\", \"F10\"]; bỏ qua"),
            (#"the theme has no 'text' role; the roles it leaves out are the default theme's"#,
             "chủ đề không có vai 'text'; các vai thiếu lấy theo chủ đề mặc định"),
            (#"(\d+) roles hard to read, worst '([^']*)' ([0-9.]+:1) \(WCAG: 4.5:1 text, 3:1 marks\)"#,
             "$1 vai khó đọc, khó nhất '$2' $3 (WCAG: chữ 4.5:1, nét vẽ 3:1)"),
            (#"'([^']*)' hard to read: ([0-9.]+:1) \(WCAG: 4.5:1 text, 3:1 marks\)"#,
             "'$1' khó đọc: $2 (WCAG: chữ 4.5:1, nét vẽ 3:1)"),
        ]
        return rewritten(warning, patterns)
    }

    /// `text` with each (regular expression, template) pair applied in turn.
    static func rewritten(_ text: String, _ patterns: [(String, String)]) -> String {
        var result = text
        for (pattern, template) in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            result = regex.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: template)
        }
        return result
    }

    /// The first folder on `path`'s way that exists and is not a folder, if any.
    static func fileInTheWay(of path: String) -> String? {
        var current = ""
        for part in path.split(separator: "/").dropLast() {
            current += "/" + part
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: current, isDirectory: &isFolder) else { return nil }
            if !isFolder.boolValue { return current }
        }
        return nil
    }

    static func describe(_ error: Error, english: Bool) -> String {
        // CamXuc's own file errors in the UI's language (the Vietnamese screen mixed them in English with
        // Foundation's translated ones); other errors of ours say themselves.
        if !english, let error = error as? MusicError {
            switch error {
            case let .cannotWrite(file, reason): return "không ghi được \(file): \(vietnamese(reason))"
            case let .cannotRead(file, reason): return "không đọc được \(file): \(vietnamese(reason))"
            case let .malformedMIDI(file, offset, reason): return "không đọc được \(file): \(vietnameseDetail(reason)) (ở byte \(offset))"
            case let .unusablePrimer(file, reason): return "không viết tiếp được \(file): \(vietnameseDetail(reason))"
            default: break
            }
        }
        if !english, let error = error as? AudioError { return vietnamese(error) }
        if !english, case let .cannotSaveCorrection(file, reason)? = error as? EmotionError {
            return "không lưu được chỉnh sửa của bạn vào \(file): \(vietnamese(reason))"
        }
        if let error = error as? CocoaError {
            let path = error.filePath ?? error.url?.path ?? "?"
            let reason: (String, String)
            switch error.code {
            case .fileWriteNoPermission, .fileReadNoPermission: reason = ("permission denied", "không có quyền")
            case .fileWriteOutOfSpace: reason = ("the disk is full", "đĩa đầy")
            case .fileNoSuchFile, .fileReadNoSuchFile: reason = ("no such file or folder", "không có tệp hay thư mục đó")
            case .fileWriteVolumeReadOnly: reason = ("the disk is read-only", "đĩa chỉ đọc")
            case .fileWriteFileExists: reason = ("a file is in the way", "có tệp chắn đường")
            default:
                let underlying = (error.userInfo[NSUnderlyingErrorKey] as? NSError).map { String(cString: strerror(Int32($0.code))).lowercased() }
                if let underlying {
                    reason = (underlying, underlying)
                } else if let blocker = Self.fileInTheWay(of: path) {
                    // A folder on the way is a file (Foundation gives no reason: "error 512").
                    reason = ("\(blocker) is a file, not a folder", "\(blocker) là tệp, không phải thư mục")
                } else {
                    reason = ("error \(error.code.rawValue)", "lỗi \(error.code.rawValue)")
                }
            }
            let writing = error.code.rawValue >= 512
            return english ? "cannot \(writing ? "write" : "read") \(path): \(reason.0)"
                           : "không \(writing ? "ghi" : "đọc") được \(path): \(reason.1)"
        }
        if type(of: error) is NSError.Type {
            let error = error as NSError
            if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))).lowercased() }
            return english ? "something went wrong (\(error.domain) \(error.code))" : "đã có lỗi (\(error.domain) \(error.code))"
        }
        return "\(error)"
    }
}
