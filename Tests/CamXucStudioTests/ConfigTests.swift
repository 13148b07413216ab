import Foundation
import Testing
@testable import CamXucStudio

@Suite struct ConfigTests {
    @Test func readsTheAudioSection() throws {
        let (config, warnings) = try Config.parse("""
            # comments are fine
            [audio]
            soundfont = "/usr/share/sounds/sf2/FluidR3_GM.sf2"
            gain = 1.5
            device = "hw:1"
            """, file: "config.toml")
        #expect(config == Config(soundfont: "/usr/share/sounds/sf2/FluidR3_GM.sf2", gain: 1.5, audioDevice: "hw:1"))
        #expect(warnings.isEmpty)
    }

    @Test func integerGainIsANumberToo() throws {
        #expect(try Config.parse("[audio]\ngain = 2", file: "c").config.gain == 2)
    }

    @Test func unknownKeysAreWarningsNotErrors() throws {
        let (config, warnings) = try Config.parse("colour = \"blue\"\n[audio]\nvolume = 3\n", file: "c.toml")
        #expect(config == Config())
        #expect(warnings == ["c.toml: unknown key 'colour' ignored", "c.toml: unknown key 'audio.volume' ignored"])
    }

    @Test(arguments: [
        ("[audio]\ngain = \"loud\"", "'audio.gain' must be a number from 0 to 10"),
        ("[audio]\ngain = 11", "'audio.gain' must be a number from 0 to 10"),
        ("[audio]\nsoundfont = 3", "'audio.soundfont' must be a string (a path)"),
        ("audio = 1", "'audio' must be a table ([audio])"),
        ("[audio\nsoundfont = 1", "line 1"),
    ])
    func badValuesNameTheFileAndKey(text: String, says: String) {
        do {
            _ = try Config.parse(text, file: "/home/u/.config/camxuc/config.toml")
            Issue.record("accepted \(text)")
        } catch let error as StudioError {
            #expect(error.description.hasPrefix("cannot use config /home/u/.config/camxuc/config.toml: "))
            #expect(error.description.contains(says), "\(error)")
            #expect(!error.description.contains("\n"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aMissingFileMeansDefaults() throws {
        let (config, warnings) = try Config.load(path: "/nonexistent-camxuc/config.toml")
        #expect(config == Config() && warnings.isEmpty)
    }
}
