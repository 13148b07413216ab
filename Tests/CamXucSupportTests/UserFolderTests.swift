import Testing
import CamXucSupport

@Suite struct UserFolderTests {
    @Test func xdgVariablesWinAndRelativeOnesAreIgnored() {
        let home = ["HOME": "/home/an"]
        #expect(UserFolder.config.path(environment: home) == "/home/an/.config/camxuc")
        #expect(UserFolder.data.path(environment: home) == "/home/an/.local/share/camxuc")
        #expect(UserFolder.state.path(environment: home) == "/home/an/.local/state/camxuc")
        #expect(UserFolder.data.path(environment: ["HOME": "/home/an", "XDG_DATA_HOME": "/srv/d"]) == "/srv/d/camxuc")
        #expect(UserFolder.config.path(environment: ["HOME": "/home/an", "XDG_CONFIG_HOME": "rel"]) == "/home/an/.config/camxuc")
    }
}
