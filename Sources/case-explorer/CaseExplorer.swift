import ArgumentParser
import CaseCore
import Foundation
import Presentation

@main
struct CaseExplorer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case-explorer",
        abstract:
            "Explore the case studies of the evaluation of Kompetanseløftet for spesialpedagogikk og inkluderende "
            + "praksis (Delrapport 2, 2023).",
        discussion: """
            Without a subcommand the terminal explorer opens. The data — three anonymised case counties, their grant \
            chains, the actors and informants, \
            every interview excerpt the report quotes, a codebook and the report's own coding — is read \
            from the bundled Cases/ folder, or from --cases DIR.

            Exit status: 0 success, 1 an id or query found nothing, 64 bad usage, 65 the data (or a file \
            to import) has problems, 66 no data folder or no file to read, 73 a file to write exists \
            (--force replaces it), cannot be created there, or a folder to create is not empty, 74 the \
            output could not be written (a full disk, a closed stream).
            """,
        subcommands: [
            Explore.self, Review.self, Resolve.self, Validate.self, List.self, Show.self, Search.self,
            CodingCommand.self, Agreement.self, MatrixCommand.self, ExportCommand.self, ImportCommand.self, Demo.self,
            Generate.self, WorkspaceCommand.self, Sync.self, Snapshot.self, Keys.self
        ],
        defaultSubcommand: Explore.self
    )

    static func main() {
        // Before anything is opened: a closed 0, 1 or 2 must not become a journal's number.
        StandardStreams.secure()
        do {
            var command = try parseAsRoot()
            try command.run()
            // Output is written (unbuffered FileHandle writes, ByteOutput flushed); tearing the
            // loaded study down object by object would only cost time (a third of a second at 100k).
            Foundation.exit(0)
        } catch let error as CLIError {
            Output.error(error.message)
            Foundation.exit(error.exitCode)
        } catch {
            // The parser's messages echo what was typed (a bad --coder value, say): printed
            // through InertText like everything else, and through the checked writer (a full
            // disk or a closed stream is one sentence, not a crash report).
            let code = exitCode(for: error)
            // A usage error: one sentence naming the subcommand's help, not the usage (same status, 64).
            if code == .validationFailure,
                let sentence = UsageSentence.from(
                    message: message(for: error), fullMessage: fullMessage(for: error),
                    reparse: { arguments in
                        do {
                            _ = try parseAsRoot(arguments)
                            return nil
                        } catch { return message(for: error) }
                    })
            {
                Output.error(sentence)
                Foundation.exit(code.rawValue)
            }
            Output.parserMessage(fullMessage(for: error), toError: code != .success)
            Foundation.exit(code.rawValue)
        }
    }
}

/// A failure the user can act on: one sentence and an exit status.
struct CLIError: Error {
    let message: String
    let exitCode: Int32

    static let notFound: Int32 = 1
    static let usage: Int32 = 64
    static let dataProblem: Int32 = 65
    static let noInput: Int32 = 66
    static let cannotCreate: Int32 = 73
    static let ioError: Int32 = 74
}

extension CLIError {
    /// A journal or file failure with the exit status its kind calls for (never read from its
    /// wording): 73 a file that exists or a folder not empty, 64 a request that names nothing.
    init(_ e: JournalError, otherwise: Int32 = 1) {
        let code: Int32
        switch e.reason {
        case .exists, .notEmpty: code = CLIError.cannotCreate
        case .badRequest: code = CLIError.usage
        case .locked, .failed: code = otherwise
        }
        self.init(message: e.message, exitCode: code)
    }

    /// A file not written: 73 when it cannot be created where asked (it exists, something else
    /// stands there, no such folder), 74 when the system refused the write.
    init(_ e: ExportError) {
        switch e {
        case .exists, .notARegularFile, .noFolder, .notAFolder:
            self.init(message: e.message, exitCode: CLIError.cannotCreate)
        case .cannotWrite: self.init(message: e.message, exitCode: CLIError.ioError)
        }
    }

    /// Another program's file not read: 66 when it cannot be read at all, 65 when it is not a
    /// usable REFI-QDA file; writing a data folder from it fails as writing a file or a journal does.
    init(_ e: InterchangeError) {
        switch e {
        case .unreadable: self.init(message: e.message, exitCode: CLIError.noInput)
        case .notREFIQDA, .refused, .unusable: self.init(message: e.message, exitCode: CLIError.dataProblem)
        case .folderNotEmpty: self.init(message: e.message, exitCode: CLIError.cannotCreate)
        case let .writing(inner): self.init(inner)
        case let .journal(inner): self.init(inner)
        }
    }
}
