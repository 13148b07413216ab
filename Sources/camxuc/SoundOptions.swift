import ArgumentParser
import CamXucAudio
import CamXucMusic

/// Options shared by the commands that make sound.
struct SoundOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SoundFont 2 file to play with (else $CAMXUC_SOUNDFONT, then the system's General MIDI soundfont).", valueName: "file"))
    var soundfont: String?

    @Option(name: .long, help: ArgumentHelp("Output gain, 0–10 (FluidSynth's own default is 0.2, which is very quiet).", valueName: "gain"))
    var gain: Double = Synthesizer.defaultGain

    @Option(name: .long, help: ArgumentHelp("Override the take's General MIDI program (0–127) on every melodic channel.", valueName: "n"))
    var program: Int?

    func validate() throws {
        guard (0...10).contains(gain) else { throw ValidationError("--gain must be between 0 and 10 (got \(gain))") }
        if let program, !(0...127).contains(program) {
            throw ValidationError("--program must be between 0 and 127 (got \(program))")
        }
    }

    /// A synthesiser with the resolved soundfont.
    func makeSynthesizer() throws -> Synthesizer {
        let (path, _) = try SoundfontLocator(flag: soundfont).resolve()
        return try Synthesizer(soundfont: path, gain: gain)
    }
}

extension SoundOptions {
    /// Applies `--program` to every melodic channel of `take`.
    func apply(to take: inout Take) {
        guard let program else { return }
        take.program = UInt8(program)
        for channel in take.channelsInUse where channel != 9 {
            take.channelPrograms[channel] = UInt8(program)
        }
    }
}
