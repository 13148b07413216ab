import Foundation

extension MIDIFile {
    /// The bytes of a Standard MIDI File for `take`.
    ///
    /// Tempo changes, the time signature, the track name (the title) and the take's metadata (a text event holding
    /// JSON) open the file; each channel gets its program change before its first note. Overlapping notes of one key
    /// are resolved first (see `Take.resolvingOverlaps()`), so reading the file gives the same notes back.
    public static func encode(_ take: Take, format: Format = .multiTrack) -> [UInt8] {
        // The file ends with its last note or controller: tempo changes past it (a primer's whole tempo map, its
        // used part a minute long) are left out, or other players played minutes of silence after the music.
        let endTick = max(take.resolvingOverlaps().endTick, take.controlChanges.last?.tick ?? 0)
        let conductor = conductorEvents(take, until: endTick)
        let channels = channelEvents(take)

        var tracks: [[TimedEvent]]
        switch format {
        case .singleTrack:
            tracks = [conductor + channels.flatMap { $0 }]
        case .multiTrack:
            tracks = [conductor] + channels
        }

        var output: [UInt8] = Array("MThd".utf8)
        appendUInt32(6, to: &output)
        appendUInt16(format.rawValue, to: &output)
        appendUInt16(tracks.count, to: &output)
        appendUInt16(min(max(take.ticksPerQuarter, 1), 0x7FFF), to: &output)
        for track in tracks {
            let body = encodeTrack(track, endTick: endTick)
            output.append(contentsOf: Array("MTrk".utf8))
            appendUInt32(body.count, to: &output)
            output.append(contentsOf: body)
        }
        return output
    }

    /// An event with its place in time; events at one tick keep the order they are given in.
    struct TimedEvent {
        var tick: Int
        var bytes: [UInt8]
    }

    /// Tempo, time signature, title and metadata: the conductor track of format 1.
    ///
    /// The track name is the title folded to ASCII ("Hôm nay" → "Hom nay"): MIDI text has no declared encoding and
    /// tools read it as Latin-1 (mido) or the system's code page, so UTF-8 shows as "HÃ´m nay". The exact title is
    /// in the metadata, which the reader prefers.
    static func conductorEvents(_ take: Take, until endTick: Int = .max) -> [TimedEvent] {
        var events: [TimedEvent] = []
        if let title = take.metadata.title, !title.isEmpty {
            events.append(TimedEvent(tick: 0, bytes: metaEvent(0x03, Array(asciiText(title).utf8))))
        }
        if !take.metadata.isEmpty {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            if let json = try? encoder.encode(take.metadata) {
                let ascii = asciiJSON(String(decoding: json, as: UTF8.self))
                events.append(TimedEvent(tick: 0, bytes: metaEvent(0x01, Array((metadataPrefix + ascii).utf8))))
            }
        }
        if let key = take.keySignature { events.append(TimedEvent(tick: 0, bytes: metaEvent(0x59, key.bytes))) }
        for change in take.keyChanges where change.tick <= endTick {
            events.append(TimedEvent(tick: change.tick, bytes: metaEvent(0x59, change.signature.bytes)))
        }
        // The time signature, and its changes up to the last note (as the tempo's).
        for change in [MeterChange(tick: 0, signature: take.timeSignature)] + take.meterChanges
        where change.tick == 0 || change.tick <= endTick {
            let signature = change.signature
            var power = 0
            while (1 << power) < signature.denominator { power += 1 }
            events.append(TimedEvent(tick: change.tick, bytes: metaEvent(0x58, [UInt8(signature.numerator), UInt8(power), 24, 8])))
        }
        for change in take.tempoMap.changes where change.tick == 0 || change.tick <= endTick {
            let us = change.microsecondsPerQuarter
            events.append(TimedEvent(tick: change.tick,
                                     bytes: metaEvent(0x51, [UInt8(us >> 16 & 0xFF), UInt8(us >> 8 & 0xFF), UInt8(us & 0xFF)])))
        }
        return events
    }

    /// One event list per channel, from `Take.channelMessages()`.
    static func channelEvents(_ take: Take) -> [[TimedEvent]] {
        var byChannel: [UInt8: [TimedEvent]] = [:]
        for timed in take.channelMessages() {
            byChannel[timed.message.channel, default: []].append(TimedEvent(tick: timed.tick, bytes: timed.message.bytes))
        }
        return byChannel.sorted { $0.key < $1.key }.map(\.value)
    }

    /// A track chunk's body: events sorted stably by tick, delta times, running status, end of track.
    static func encodeTrack(_ events: [TimedEvent], endTick: Int) -> [UInt8] {
        let sorted = events.enumerated()
            .sorted { ($0.element.tick, $0.offset) < ($1.element.tick, $1.offset) }
            .map(\.element)
        var body: [UInt8] = []
        var previousTick = 0
        var runningStatus: UInt8?
        for event in sorted {
            // Meta and system exclusive events cancel running status (the standard): a channel event after one, or
            // after the empty text events a very long delta is split with, writes its status again.
            if appendDelta(event.tick - previousTick, to: &body) { runningStatus = nil }
            previousTick = event.tick
            let status = event.bytes[0]
            if status < 0xF0 {
                if status != runningStatus { body.append(status) }
                runningStatus = status
                body.append(contentsOf: event.bytes.dropFirst())
            } else {
                body.append(contentsOf: event.bytes)
                runningStatus = nil
            }
        }
        appendDelta(max(endTick - previousTick, 0), to: &body)
        body.append(contentsOf: [0xFF, 0x2F, 0x00])
        return body
    }

    /// Delta times longer than one variable-length quantity are split with empty text events between them; true
    /// when it wrote one.
    @discardableResult
    static func appendDelta(_ delta: Int, to body: inout [UInt8]) -> Bool {
        var rest = delta, split = false
        while rest > VariableLengthQuantity.maximum {
            VariableLengthQuantity.append(VariableLengthQuantity.maximum, to: &body)
            body.append(contentsOf: [0xFF, 0x01, 0x00])
            rest -= VariableLengthQuantity.maximum
            split = true
        }
        VariableLengthQuantity.append(rest, to: &body)
        return split
    }

    /// JSON with every non-ASCII character written as a \\u escape. MIDI text events have no declared encoding and
    /// tools such as mido read them as Latin-1; pure ASCII reads the same everywhere. (Outside strings JSON is ASCII
    /// already, so escaping every such character is safe.)
    static func asciiJSON(_ json: String) -> String {
        var output = ""
        output.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            if scalar.isASCII {
                output.unicodeScalars.append(scalar)
            } else {
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            }
        }
        return output
    }

    /// `text` in plain ASCII for a MIDI text field: diacritics removed (Vietnamese "ư", "ộ" become "u", "o"; "đ"
    /// becomes "d"), typographic punctuation as its ASCII form, control characters as spaces, and anything else
    /// (emoji, other scripts) as "?".
    static func asciiText(_ text: String) -> String {
        var output = ""
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar {
            case _ where scalar.isASCII:
                output.unicodeScalars.append(scalar.value < 0x20 || scalar.value == 0x7F ? " " : scalar)
            case _ where [.nonspacingMark, .format].contains(scalar.properties.generalCategory):
                continue  // accents, emoji variation selectors, zero-width joiners
            case "đ": output += "d"
            case "Đ": output += "D"
            case "…": output += "..."
            case "‘", "’", "‚", "′": output += "'"
            case "“", "”", "„", "″", "«", "»": output += "\""
            case "–", "—", "−": output += "-"
            case "\u{00A0}", "\u{2009}", "\u{202F}": output += " "
            default: output += "?"
            }
        }
        return output
    }

    static func metaEvent(_ type: UInt8, _ data: [UInt8]) -> [UInt8] {
        [0xFF, type] + VariableLengthQuantity.encode(min(data.count, VariableLengthQuantity.maximum))
            + data.prefix(VariableLengthQuantity.maximum)
    }

    static func appendUInt32(_ value: Int, to output: inout [UInt8]) {
        output.append(contentsOf: [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF),
                                   UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }

    static func appendUInt16(_ value: Int, to output: inout [UInt8]) {
        output.append(contentsOf: [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }
}
