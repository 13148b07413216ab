/// Which of an arc's chord plans is in force, and the model time it started at (its plan's time 0): the segment's
/// own from its first event (`BeatClock.startPlan` makes that moment a whole beat of the take). One rule for the
/// generator's single take and its batches.
struct PlanFollower: Sendable {
    /// The segment whose plan is in force.
    private(set) var segment = 0
    /// The model time the plan in force started at.
    private(set) var modelStart = 0.0

    /// Before an event at take time `seconds`, the decoder at model time `modelSeconds`: starts the plan of the
    /// segment in force when it has changed; whether it did.
    mutating func follow(_ arc: EmotionArc, plans: [ChordPlan], atSeconds seconds: Double, modelSeconds: Double,
                         clock: inout BeatClock) -> Bool {
        guard let index = arc.segmentIndex(atSeconds: seconds), index != segment, index < plans.count else { return false }
        let lastChord = plans.indices.contains(segment)
            ? plans[segment].chordStartBeat(atModelSeconds: modelSeconds - modelStart) : nil
        segment = index
        modelStart = modelSeconds
        clock.startPlan(atSeconds: seconds, chordStartBeat: lastChord)
        return true
    }
}
