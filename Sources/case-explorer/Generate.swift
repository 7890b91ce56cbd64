import ArgumentParser
import CaseCore
import Foundation

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic data folder (and coders' journals) for benchmarks and tests.",
        discussion:
            "Writes DIR/cases (validate it with --cases DIR/cases) and DIR/workspace (the coders' journals: "
            + "--workspace DIR/workspace). The same seed always gives the same files."
    )

    @Option(help: "Number of excerpts (1 to 1 000 000).") var excerpts: Int
    @Option(help: "Number of coders with journals (0 to 20).") var coders = 3
    @Option(help: "Seed for the generator.") var seed: UInt64 = 1
    @Option(
        name: .short, help: ArgumentHelp("The folder to write (must not exist yet, or be empty).", valueName: "DIR"))
    var o: String

    func validate() throws {
        guard (1...1_000_000).contains(excerpts) else {
            throw ValidationError("--excerpts must be from 1 to 1 000 000.")
        }
        guard (0...20).contains(coders) else { throw ValidationError("--coders must be from 0 to 20.") }
    }

    func run() throws {
        let dir = URL(fileURLWithPath: o)
        if let items = try? FileManager.default.contentsOfDirectory(atPath: dir.path), !items.isEmpty {
            throw CLIError(message: "\(dir.path) is not empty; choose a new folder.", exitCode: 73)
        }
        do { try SyntheticCorpus(excerpts: excerpts, coders: coders, seed: seed).write(to: dir) } catch let e
            as ExportError
        {
            throw CLIError(message: e.description, exitCode: 1)
        } catch {
            throw CLIError(message: "cannot write \(dir.path) (\(error.localizedDescription)).", exitCode: 1)
        }
        Output.print(
            "wrote \(dir.appendingPathComponent("cases").path) (\(excerpts) excerpts) and \(coders) journals in "
                + "\(dir.appendingPathComponent("workspace").path)"
        )
    }
}
