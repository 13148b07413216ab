import Foundation
import Testing
@testable import CamXucAudio

@Suite struct SoundfontLocatorTests {
    let folder = AudioTestSupport.temporaryFolder()

    func file(_ name: String) -> String {
        let path = folder + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data("RIFF\0\0\0\0sfbk".utf8))
        return path
    }

    @Test func flagBeatsEnvironmentBeatsConfigBeatsSystem() throws {
        let flag = file("flag.sf2"), env = file("env.sf2"), config = file("config.sf2"), system = file("system.sf2")
        var locator = SoundfontLocator(flag: flag, environment: env, configured: config, candidates: [system])
        #expect(try locator.resolve() == (flag, .flag))
        locator.flag = nil
        #expect(try locator.resolve() == (env, .environment))
        locator.environment = nil
        #expect(try locator.resolve() == (config, .config))
        locator.configured = nil
        #expect(try locator.resolve() == (system, .system))
    }

    @Test func systemCandidatesAreTriedInOrder() throws {
        let second = file("FluidR3_GM.sf2")
        let locator = SoundfontLocator(flag: nil, environment: nil, candidates: [folder + "/TimGM6mb.sf2", second])
        #expect(try locator.resolve().path == second)
    }

    @Test func aNamedPathThatIsMissingIsAnErrorNotAFallBack() {
        let system = file("system.sf2")
        let locator = SoundfontLocator(flag: nil, environment: folder + "/missing.sf2", candidates: [system])
        #expect(throws: AudioError.soundfontNotFound(path: folder + "/missing.sf2", source: "CAMXUC_SOUNDFONT")) {
            try locator.resolve()
        }
    }

    @Test func noSoundfontAnywhereListsWhatWasTried() {
        let tried = [folder + "/a.sf2", folder + "/b.sf2"]
        let locator = SoundfontLocator(flag: nil, environment: nil, candidates: tried)
        #expect(throws: AudioError.noSoundfont(tried: tried)) { try locator.resolve() }
        #expect(AudioError.noSoundfont(tried: tried).description.contains("--soundfont"))
    }

    @Test func aFileThatIsNotASoundfontIsNamed() throws {
        let path = folder + "/notes.txt"
        _ = FileManager.default.createFile(atPath: path, contents: Data("hello, this is text".utf8))
        _ = AudioTestSupport.nullAudio
        #expect(throws: AudioError.badSoundfont(path: path, reason: "not a SoundFont 2 file (no RIFF 'sfbk' header)")) {
            _ = try Synthesizer(soundfont: path)
        }
    }

    @Test func aCorruptSoundfontIsRefusedByFluidSynthWithOneLine() throws {
        // A valid header with garbage after it.
        let path = folder + "/corrupt.sf2"
        _ = FileManager.default.createFile(atPath: path, contents: Data("RIFF\u{10}\0\0\0sfbkLIST\u{4}\0\0\0junk".utf8))
        _ = AudioTestSupport.nullAudio
        do {
            _ = try Synthesizer(soundfont: path)
            Issue.record("a corrupt soundfont loaded")
        } catch let error as AudioError {
            guard case let .badSoundfont(named, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(named == path)
            #expect(!error.description.contains("\n"))
        }
    }
}
