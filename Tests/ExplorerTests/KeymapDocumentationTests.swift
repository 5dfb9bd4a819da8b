import Explorer
import XCTest

/// The README's key tables are the keymaps themselves: a key added, removed or reworded in code
/// and not in the README (or the other way round) fails here.
final class KeymapDocumentationTests: XCTestCase {
    static let readme: String = {
        let file = #filePath
        let root = file[..<file.range(of: "/Tests/ExplorerTests/")!.lowerBound]
        return (try? String(contentsOfFile: root + "/README.md", encoding: .utf8)) ?? ""
    }()

    func testTheReadmeKeyTableIsTheExplorersKeymap() {
        XCTAssertFalse(Self.readme.isEmpty, "README.md not found")
        XCTAssertTrue(
            Self.readme.contains(ExplorerKeymap.markdownTable + "\n"),
            "README's explorer key table differs from the keymap; it should read:\n" + ExplorerKeymap.markdownTable)
    }
}
