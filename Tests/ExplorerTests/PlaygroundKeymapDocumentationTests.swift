import Explorer
import XCTest

/// The README's "Playground keys" table is the playground's keymap itself.
final class PlaygroundKeymapDocumentationTests: XCTestCase {
    func testTheReadmePlaygroundKeyTableIsThePlaygroundsKeymap() {
        let readme = KeymapDocumentationTests.readme
        XCTAssertFalse(readme.isEmpty, "README.md not found")
        XCTAssertTrue(
            readme.contains(PlaygroundKeymap.markdownTable + "\n"),
            "README's playground key table differs from the keymap; it should read:\n" + PlaygroundKeymap.markdownTable)
    }
}
