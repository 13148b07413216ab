extension Synthesizer {
    /// A synthesiser with the soundfont `SoundfontLocator` finds: `flag`, then `CAMXUC_SOUNDFONT`, then
    /// `configured`, then the system's. Throws `AudioError` naming the path it could not use.
    public convenience init(soundfontFlag flag: String?, configured: String?, gain: Double = Synthesizer.defaultGain,
                            threads: Int = 1) throws {
        let (path, _) = try SoundfontLocator(flag: flag, configured: configured).resolve()
        try self.init(soundfont: path, gain: gain, threads: threads)
    }
}
