import CALSA

/// libasound's own messages: routed away from the terminal, with the last one kept to explain a failure.
///
/// Every call into the ALSA shim lives in this file: the shim's state is emitted into the object file that uses it.
/// So none of these is inlined into another file: the release build splits the module into several object files, and
/// `last` inlined into `Player.swift` read a buffer of its own that no message was ever written to.
enum ALSAMessages {
    /// Sends libasound's messages to `descriptor` (-1 drops them).
    @inline(never) static func route(to descriptor: Int32) {
        camxuc_alsa_route_errors(descriptor)
    }

    /// Forgets the last message.
    @inline(never) static func clear() {
        camxuc_alsa_clear_last_error()
    }

    /// The last message libasound reported, or nil.
    @inline(never) static var last: String? {
        let message = String(cString: camxuc_alsa_last_error_message())
        return message.isEmpty ? nil : message
    }
}
