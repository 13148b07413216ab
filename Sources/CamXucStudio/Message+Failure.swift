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
                     "read-only file system": "đĩa chỉ đọc", "it is read-only": "tệp chỉ đọc"]
        if let translated = known[reason] { return translated }
        if reason.hasPrefix("the folder "), reason.hasSuffix(" does not exist") {
            return "thư mục " + reason.dropFirst("the folder ".count).dropLast(" does not exist".count) + " không tồn tại"
        }
        return reason
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
            case let .malformedMIDI(file, offset, reason): return "không đọc được \(file): \(reason) (ở byte \(offset))"
            default: break
            }
        }
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
