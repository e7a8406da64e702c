import Foundation
import Testing

/// A page as Debian's headless Chromium loads it: the DOM after its scripts ran, every console
/// message it logged (script errors, failed loads), and a PNG screenshot.
struct BrowserPage {
    /// The serialized DOM after load.
    var dom: String
    /// The console's lines (`INFO:CONSOLE…`); a page that loads cleanly logs none.
    var console: [String]
    /// The screenshot's bytes.
    var png: Data

    /// Loads the file at `path` in headless Chromium twice: once for the DOM and the console,
    /// once for a `width`×`height` screenshot.
    init(loading path: String, width: Int = 1200, height: Int = 1600) throws {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("predeval-chromium-\(UUID().uuidString)")
        let screenshot = profile.appendingPathComponent("page.png")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: profile) }
        let common = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
            "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
        ]
        let url = URL(fileURLWithPath: path).absoluteString
        let loaded = try run(Self.chromium, common + ["--dump-dom", url])
        #expect(loaded.status == 0, "chromium: \(loaded.standardError)")
        dom = loaded.standardOutput
        console = loaded.standardError.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        let shot = try run(Self.chromium, common + ["--window-size=\(width),\(height)", "--screenshot=\(screenshot.path)", url])
        #expect(shot.status == 0, "chromium: \(shot.standardError)")
        png = (try? Data(contentsOf: screenshot)) ?? Data()
    }

    /// Whether `png` is a PNG file (its signature and an IHDR chunk).
    var isPNG: Bool {
        png.count > 33 && png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            && png[png.startIndex + 12..<png.startIndex + 16] == Data("IHDR".utf8)
    }

    /// Debian's Chromium, which `.ci/install-deps` installs.
    static let chromium = "/usr/bin/chromium"
}

/// The parse errors html5lib's strict HTML5 parser (Debian's python3-html5lib) finds in the
/// file at `path`; empty when it parses as HTML5.
func html5ParseErrors(_ path: String) throws -> String {
    let script = """
        import html5lib, sys
        parser = html5lib.HTMLParser(strict=True)
        try:
            parser.parse(open(sys.argv[1], "rb"))
        except Exception as error:
            print(error, parser.errors[:5])
        """
    let checked = try run("/usr/bin/python3", ["-c", script, path])
    #expect(checked.status == 0, "html5lib: \(checked.standardError)")
    return checked.standardOutput
}

/// A heatmap cell as the page draws it: indices into the report's labels, the count and the
/// labels its title names.
struct HeatmapCell: Hashable {
    var actual: Int
    var predicted: Int
    var count: Int
    var title: String

    /// Every `rect.cell` of `markup`, in document order.
    static func all(in markup: String) -> [HeatmapCell] {
        let pattern = #/<rect class="cell[^"]*" x="\d+" y="\d+" data-a="(\d+)" data-p="(\d+)"><title>([^<]*): (\d+) \([0-9.]+%\)</title>/#
        return markup.matches(of: pattern).map { match in
            HeatmapCell(
                actual: Int(match.output.1)!, predicted: Int(match.output.2)!, count: Int(match.output.4)!,
                title: unescaped(String(match.output.3)))
        }
    }

    /// Text of serialized HTML with its character references resolved.
    static func unescaped(_ markup: String) -> String {
        markup.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&nbsp;", with: "\u{A0}").replacingOccurrences(of: "&amp;", with: "&")
    }
}
