extension MusicalControls {
    /// These controls under a chord plan: the key bias, if any, follows the plan's key at `share` of its strength
    /// (0 turns it off: the chord-conditioned model already plays in the plan's key), and the triad bonus, at
    /// `planTriadShare` (0 by default), follows the plan's chords (pass them to `apply` as `chordDegrees`).
    /// Register, velocity, duration and tempo stay.
    public func following(_ plan: ChordPlan, share: Float) -> MusicalControls {
        var controls = self
        controls.triadShare = planTriadShare
        if share > 0, keyTonic != nil {
            controls.keyTonic = plan.tonic
            controls.keyMode = plan.mode
            controls.keyStrength = keyStrength * share
        } else {
            controls.keyTonic = nil
        }
        return controls
    }
}
