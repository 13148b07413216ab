import CamXucMusic
import CFluidSynth

/// A FluidSynth synthesiser with one soundfont loaded: it owns the settings and the synth and frees them once, in
/// the reverse order of creation.
///
/// FluidSynth's own messages go to the log file (see `AudioLog`). The synthesiser is not tied to an audio device:
/// `OfflineRenderer` pulls samples from it, and `Player` lets an ALSA driver do so.
public final class Synthesizer: @unchecked Sendable {
    /// The gain CamXuc plays at. FluidSynth's default of 0.2 leaves a solo piano near −29 dBFS; at 1.0 the peaks of
    /// 37 real piano files (EMOPIA, POP909, piano-midi.de) lay between −17.4 and −3.6 dBFS, none clipped
    /// (see docs/DECISIONS.md).
    public static let defaultGain = 1.0
    public static let defaultSampleRate = 44_100.0

    let settings: OpaquePointer
    let synth: OpaquePointer
    public let soundfontPath: String
    public let sampleRate: Double
    /// The output gain it plays at (0–10).
    public let gain: Double

    /// Loads `soundfont` into a new synthesiser; throws `AudioError` naming the path if it is not a usable SoundFont 2.
    ///
    /// `threads` above 1 lets FluidSynth render voices in parallel, which speeds up offline rendering.
    public init(soundfont: String, sampleRate: Double = Synthesizer.defaultSampleRate,
                gain: Double = Synthesizer.defaultGain, threads: Int = 1) throws {
        AudioLog.install()
        try SoundfontLocator.validate(soundfont)
        guard let settings = new_fluid_settings() else {
            throw AudioError.synthesizerFailed("FluidSynth could not create its settings")
        }
        fluid_settings_setnum(settings, "synth.sample-rate", sampleRate)
        self.gain = min(max(gain, 0), 10)
        fluid_settings_setnum(settings, "synth.gain", self.gain)
        fluid_settings_setint(settings, "synth.reverb.active", 1)
        fluid_settings_setint(settings, "synth.chorus.active", 0)
        fluid_settings_setint(settings, "synth.cpu-cores", Int32(min(max(threads, 1), 16)))
        guard let synth = new_fluid_synth(settings) else {
            delete_fluid_settings(settings)
            throw AudioError.synthesizerFailed("FluidSynth could not create a synthesiser")
        }
        if AudioLog.capturingStandardError({ fluid_synth_sfload(synth, soundfont, 1) }) == FLUID_FAILED {
            delete_fluid_synth(synth)
            delete_fluid_settings(settings)
            throw AudioError.badSoundfont(path: soundfont, reason: "FluidSynth could not load it (details in \(AudioLog.path))")
        }
        self.settings = settings
        self.synth = synth
        self.soundfontPath = soundfont
        self.sampleRate = sampleRate
    }

    deinit {
        delete_fluid_synth(synth)
        delete_fluid_settings(settings)
    }

    /// Sends one channel message to the synthesiser.
    public func send(_ message: ChannelMessage) {
        switch message {
        case let .noteOn(channel, key, velocity):
            fluid_synth_noteon(synth, Int32(channel), Int32(key), Int32(velocity))
        case let .noteOff(channel, key):
            fluid_synth_noteoff(synth, Int32(channel), Int32(key))
        case let .controlChange(channel, controller, value):
            fluid_synth_cc(synth, Int32(channel), Int32(controller), Int32(value))
        case let .programChange(channel, program):
            fluid_synth_program_change(synth, Int32(channel), Int32(program))
        }
    }

    /// The preset (General MIDI program) channel `channel` plays now, nil if it has none.
    public func program(channel: Int) -> Int? {
        var font: Int32 = 0, bank: Int32 = 0, preset: Int32 = 0
        guard fluid_synth_get_program(synth, Int32(channel), &font, &bank, &preset) == FLUID_OK, font != 0 else { return nil }
        return Int(preset)
    }

    /// The value controller `controller` (64 the sustain pedal) has on channel `channel` now.
    public func controller(_ controller: Int, channel: Int) -> Int? {
        var value: Int32 = 0
        guard fluid_synth_get_cc(synth, Int32(channel), Int32(controller), &value) == FLUID_OK else { return nil }
        return Int(value)
    }

    /// Releases every held note on every channel (the sound decays naturally) and lifts the pedals.
    public func releaseAll() {
        for channel in Int32(0)..<16 {
            fluid_synth_cc(synth, channel, Int32(ControlChange.sustainPedal), 0)
        }
        fluid_synth_all_notes_off(synth, -1)
    }

    /// Silences everything at once and resets every channel (programs, controllers) to its initial state.
    public func reset() {
        fluid_synth_system_reset(synth)
    }

    /// Adds `frames` frames of audio to the two channel buffers, reverb mixed in.
    ///
    /// `buffers` points at two (left, right) float pointers; FluidSynth adds to what is there, so zero them first.
    func process(frames: Int, buffers: UnsafeMutablePointer<UnsafeMutablePointer<Float>?>) {
        fluid_synth_process(synth, Int32(frames), 2, buffers, 2, buffers)
    }
}
