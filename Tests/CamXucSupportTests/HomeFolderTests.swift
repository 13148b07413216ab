import CamXucSupport
import Foundation
import Testing

/// One rule for "~" wherever a user types or writes one (there were four, one of which took a relative $HOME and
/// another the account's home from the user database instead of $HOME).
@Suite struct HomeFolderTests {
    @Test func aTildeIsTheHomeFolderAndNothingElseIsTouched() {
        let environment = ["HOME": "/home/an"]
        #expect(HomeFolder.expanding("~", environment: environment) == "/home/an")
        #expect(HomeFolder.expanding("~/Music/a.mid", environment: environment) == "/home/an/Music/a.mid")
        #expect(HomeFolder.expanding("~bob/a.mid", environment: environment) == "~bob/a.mid")
        #expect(HomeFolder.expanding("a/~/b", environment: environment) == "a/~/b")
        #expect(HomeFolder.expanding("/srv/~/x", environment: environment) == "/srv/~/x")
        #expect(HomeFolder.expanding("~/x", environment: ["HOME": "/"]) == "/x")
    }

    @Test func aRelativeOrMissingHomeIsTheAccountsHome() {
        #expect(HomeFolder.path(environment: ["HOME": "relative"]) == NSHomeDirectory())
        #expect(HomeFolder.path(environment: [:]) == NSHomeDirectory())
        #expect(HomeFolder.expanding("~/a", environment: ["HOME": ""]) == NSHomeDirectory() + "/a")
    }

    @Test func theHomeFolderIsShownAsATilde() {
        let environment = ["HOME": "/home/an"]
        #expect(HomeFolder.abbreviating("/home/an/Music/CamXuc", environment: environment) == "~/Music/CamXuc")
        #expect(HomeFolder.abbreviating("/home/an", environment: environment) == "~")
        #expect(HomeFolder.abbreviating("/home/anna/x", environment: environment) == "/home/anna/x")
        #expect(HomeFolder.abbreviating("/x", environment: ["HOME": "/"]) == "/x")
    }
}
