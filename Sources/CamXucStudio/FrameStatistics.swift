import Foundation

/// Frame timings for `make bench`: when `CAMXUC_FRAME_STATS` names a file, the studio records when it drew each
/// frame and how long drawing took, and writes a JSON summary there when it quits.
struct FrameStatistics {
    let path: String
    let start = ContinuousClock.now
    var frames: [(at: Duration, drawing: Duration, generating: Bool)] = []

    init(path: String) {
        self.path = path
    }

    mutating func record(drawing: Duration, generating: Bool) {
        frames.append((ContinuousClock.now - start, drawing, generating))
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    /// Frames a second while a take was being generated (from the first such frame to the last), the longest
    /// gap between those frames, and drawing times.
    var summary: [String: Double] {
        let generating = frames.filter(\.generating)
        var result: [String: Double] = ["frames": Double(frames.count), "frames_while_generating": Double(generating.count)]
        let drawing = frames.map { Self.milliseconds($0.drawing) }.sorted()
        if !drawing.isEmpty {
            result["draw_ms_median"] = drawing[drawing.count / 2]
            result["draw_ms_max"] = drawing.last
        }
        if generating.count >= 2, let first = generating.first, let last = generating.last {
            let span = Self.milliseconds(last.at - first.at) / 1000
            result["generating_seconds"] = span
            result["fps_while_generating"] = Double(generating.count - 1) / max(span, 1e-9)
            result["max_gap_ms_while_generating"] = zip(generating, generating.dropFirst())
                .map { Self.milliseconds($1.at - $0.at) }.max()
        }
        return result
    }

    func write() {
        guard let data = try? JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys]) else { return }
        try? data.write(to: URL(fileURLWithPath: path))
    }
}
