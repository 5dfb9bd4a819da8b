import ArgumentParser
import Commands
import XCTest

/// The one-line message `main` would print for `arguments`, or nil when they parse and validate.
func parseFailure(_ arguments: [String]) -> String? {
    do {
        _ = try SDMGradExplorer.parseAsRoot(arguments)
        return nil
    } catch {
        return SDMGradExplorer.oneLine(for: error)
    }
}

/// The message of the error `run()` throws for `arguments` (which must parse), or nil when it runs through.
func runFailure(_ arguments: [String]) throws -> String? {
    var command = try SDMGradExplorer.parseAsRoot(arguments)
    do {
        try command.run()
        return nil
    } catch {
        return SDMGradExplorer.message(for: error)
    }
}

/// Asserts `arguments` are refused at parse time with a message holding every one of `words`.
func assertRefused(_ arguments: [String], _ words: [String], file: StaticString = #filePath, line: UInt = #line) {
    guard let message = parseFailure(arguments) else {
        return XCTFail("\(arguments) was accepted", file: file, line: line)
    }
    for word in words { XCTAssert(message.contains(word), "\(arguments): \(message)", file: file, line: line) }
}
