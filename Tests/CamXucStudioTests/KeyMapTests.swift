import Testing
@testable import CamXucStudio

@Suite struct KeyMapTests {
    @Test func panelBindingsWinOverGlobalOnes() {
        #expect(KeyMap.action(for: "Home", focus: .roll) == .rollStart)
        #expect(KeyMap.action(for: "d", focus: .takes) == .delete)
        #expect(KeyMap.action(for: "d", focus: .roll) == nil)
        #expect(KeyMap.action(for: "s", focus: .roll) == .save)
    }

    @Test func theTextFieldKeepsPrintableKeys() {
        #expect(KeyMap.action(for: "q", focus: .text) == nil)      // q types a q there
        #expect(KeyMap.action(for: "?", focus: .text) == nil)
        #expect(KeyMap.action(for: "Space", focus: .text) == nil)
        #expect(KeyMap.action(for: "q", focus: .emotion) == .quit)
        #expect(KeyMap.action(for: "Ctrl-C", focus: .text) == .quit)  // always quits
        #expect(KeyMap.action(for: "Enter", focus: .text) == .generate)
        #expect(KeyMap.action(for: "Esc", focus: .text) == .leaveText)
    }

    @Test func theStatusLineComesFromTheTableAndFitsTheWidth() {
        let line = KeyMap.statusLine(english: false, width: 80)
        #expect(line.hasPrefix(" Enter tạo  Space phát/dừng  Tab ô kế"))
        #expect(line.count <= 80)
        #expect(KeyMap.statusLine(english: true, width: 31) == " Enter compose  Space play/stop")
        #expect(KeyMap.statusLine(english: true, width: 30) == " Enter compose")
    }

    @Test func theHelpOverlayListsEveryBinding() {
        let help = KeyMap.helpLines(english: true).joined(separator: "\n")
        for binding in KeyMap.bindings { #expect(help.contains(binding.en), "\(binding.key) missing from help") }
        #expect(help.hasPrefix("Everywhere"))
    }

    @Test func noKeyIsBoundTwiceInOnePlace() {
        var seen = Set<String>()
        for binding in KeyMap.bindings {
            let place = "\(binding.panel?.rawValue ?? "global") \(binding.key)"
            #expect(!seen.contains(place), "\(place) is bound twice")
            seen.insert(place)
        }
    }
}
