import ArgumentParser
import CamXucAudio
import CamXucMusic
import CamXucStudio

/// Options shared by the commands that make sound. Each falls back to the config file, then to CamXuc's default.
struct SoundOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SoundFont 2 file to play with (else $CAMXUC_SOUNDFONT, the config file, then the system's General MIDI soundfont).", valueName: "file"))
    var soundfont: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Output gain, 0–10 (default \(Synthesizer.defaultGain); FluidSynth's own 0.2 is very quiet).", valueName: "gain"))
    var gain: Double?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Override the take's General MIDI program (0–127) on every melodic channel.", valueName: "n"))
    var program: Int?

    func validate() throws {
        try OutputPaths.requireNotEmpty([("--soundfont", soundfont)])
        if let gain, !(0...10).contains(gain) {
            throw ValidationError("--gain must be between 0 and 10 (got \(gain))")
        }
        if let program, !(0...127).contains(program) {
            throw ValidationError("--program must be between 0 and 127 (got \(program))")
        }
    }

    /// A synthesiser with the resolved soundfont and gain.
    func makeSynthesizer(config: Config, threads: Int = 1) throws -> Synthesizer {
        try Synthesizer(soundfontFlag: soundfont, configured: config.soundfont,
                        gain: gain ?? config.gain ?? Synthesizer.defaultGain, threads: threads)
    }

    /// Applies `--program` to every melodic channel of `take`.
    func apply(to take: inout Take) {
        guard let program else { return }
        take.program = UInt8(program)
        for channel in take.channelsInUse where channel != 9 {
            take.channelPrograms[channel] = UInt8(program)
        }
        take.programChanges.removeAll { $0.channel != 9 }  // one instrument throughout, as asked
    }
}

/// The config file's [audio], loaded once per command; its warnings go to stderr.
enum LoadedConfig {
    static func load() throws -> Config {
        // The commands that make sound read [audio] alone: a studio value out of the studio's range (guidance 10)
        // stopped play and render, which never use it.
        let (config, warnings) = try Config.load(sections: ["audio"])
        // A key's name is the file's text: control characters are shown, not sent (one set the window title).
        for warning in warnings { Terminal.standardError("camxuc: warning: \(Terminal.printable(warning))\n") }
        return config
    }
}
