import Foundation
import Testing

@Suite("Fuzz regressions: every kept input passes the fuzz harness's checks")
struct FuzzRegressionTests {
    /// `predeval-fuzz`, built plainly, replays inputs through the same checks that fuzzing runs
    /// (docs/reliability.md): the inputs that once broke them (Fixtures/fuzz/) and the hostile catalogue.
    @Test("Fixtures/fuzz and Fixtures/hostile replay without a broken invariant")
    func replay() throws {
        let folders = ["fuzz", "hostile"].map { fixturesDirectory.appendingPathComponent($0).path }
        let run = try run(builtProgram("predeval-fuzz"), folders)
        #expect(run.status == 0, "\(run.standardError)")
        let inputs = try folders.reduce(0) { $0 + (try FileManager.default.contentsOfDirectory(atPath: $1).count) }
        #expect(run.standardOutput == "predeval-fuzz: \(inputs) inputs checked, no invariant broken\n")
    }
}
