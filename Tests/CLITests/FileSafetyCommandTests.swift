import Foundation
import Testing
#if canImport(Glibc)
    import Glibc
#endif

/// Issue 12 from the command line, on the real file system: closed and failing standard
/// streams, hostile journals and outputs, huge cells and deep hierarchies, bad XML.
@Suite struct FileSafetyCommandTests {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cli-safety-\(UUID().uuidString)")

    struct Spawned {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the binary with some of 0–2 closed (as `exec 1>&-` does) and the others sent to
    /// files or devices (as `> /dev/full` does). What went to a file is returned.
    func spawn(_ arguments: [String], close closed: Set<Int32> = [], stdout: String? = nil, stderr: String? = nil)
        throws -> Spawned
    {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let outFile = stdout ?? dir.appendingPathComponent("out-\(UUID().uuidString)").path
        let errFile = stderr ?? dir.appendingPathComponent("err-\(UUID().uuidString)").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in Int32(0)...2 {
            if closed.contains(fd) { posix_spawn_file_actions_addclose(&actions, fd); continue }
            switch fd {
            case 0: posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            case 1: posix_spawn_file_actions_addopen(&actions, 1, outFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            default: posix_spawn_file_actions_addopen(&actions, 2, errFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            }
        }
        var env = ProcessInfo.processInfo.environment
        for key in ["LC_ALL", "LC_MESSAGES", "LANGUAGE", "CASE_EXPLORER_CASES"] { env.removeValue(forKey: key) }
        env["LANG"] = "C.UTF-8"
        let argv = ([CLI.binary.path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, CLI.binary.path, &actions, nil, argv, envp)
        try #require(rc == 0, "posix_spawn: \(rc)")
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        func read(_ path: String, _ mine: Bool) -> String {
            guard mine else { return "" }
            return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        }
        return Spawned(
            status: exit, stdout: read(outFile, stdout == nil && !closed.contains(1)),
            stderr: read(errFile, stderr == nil && !closed.contains(2)))
    }

    func noCrashReport(_ text: String) -> Bool {
        !text.contains("Fatal error") && !text.contains("Backtrac") && !text.contains("crashed")
            && !text.contains("NSCocoaErrorDomain")
    }

    // MARK: item 9 — fds 0–2 closed at start

    @Test func withZeroToTwoClosedNothingTheProgramSaysLandsInTheJournal() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = dir.appendingPathComponent("ws").path
        for (excerpt, code) in [("ex-5.3-02", "statped"), ("ex-5.3-04", "ppt"), ("nope", "ppt")] {
            let r = try spawn(
                ["coding", "apply", "--workspace", ws, "--coder", "anna", "--excerpt", excerpt, "--code", code],
                close: [0, 1, 2])
            #expect(r.status == 74, "its output could not be written: \(r.status)")
        }
        let journals = URL(fileURLWithPath: ws).appendingPathComponent("journals")
        #expect(try journalFiles(journals) == ["anna.jsonl"])
        let lines = try String(contentsOf: journals.appendingPathComponent("anna.jsonl"), encoding: .utf8).split(
            separator: "\n")
        #expect(lines.count == 2, "two decisions and nothing else: \(lines)")
        for line in lines { #expect(line.hasPrefix("{\"seq\":") && line.hasSuffix("}")) }
        // With only standard output closed, the sentence goes to standard error.
        let r = try spawn(
            ["coding", "apply", "--workspace", ws, "--coder", "anna", "--excerpt", "ex-5.3-05", "--code", "ppt"],
            close: [1])
        #expect(r.status == 74)
        #expect(
            r.stderr == "case-explorer: cannot write to standard output (it is closed); the output is incomplete.\n")
        #expect(
            try String(contentsOf: journals.appendingPathComponent("anna.jsonl"), encoding: .utf8).split(
                separator: "\n"
            ).count == 3)
    }

    // MARK: item 12 — a failed write to standard output or error

    @Test func aFullOrClosedOutputIsOneSentenceAndExit74() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        for args in [
            ["list", "counties"], ["list", "excerpts", "--json"], ["search", "ppt"], ["--help"], ["show", "ex-5.3-02"]
        ] {
            let full = try spawn(args, stdout: "/dev/full")
            #expect(full.status == 74, "\(args)")
            #expect(
                full.stderr
                    == "case-explorer: cannot write to standard output (No space left on device); the output is "
                    + "incomplete.\n",
                "\(args): \(full.stderr)")
            let closed = try spawn(args, close: [1])
            #expect(closed.status == 74, "\(args)")
            #expect(
                closed.stderr
                    == "case-explorer: cannot write to standard output (it is closed); the output is incomplete.\n",
                "\(args)")
        }
        // An error message that cannot be written is said on standard output instead.
        for (close, errorTo) in [(Set<Int32>([2]), nil as String?), ([], "/dev/full")] {
            let r = try spawn(["show", "no-such-id"], close: close, stderr: errorTo)
            #expect(r.status == 74)
            #expect(r.stdout.hasPrefix("case-explorer: cannot write to standard error ("), "\(r.stdout)")
            #expect(r.stdout.split(separator: "\n").count == 1 && noCrashReport(r.stdout))
        }
    }

    // MARK: item 8 — links and special files from the command line

    @Test func journalsLinkedIntoTheDataFolderAndExportsOverFIFOsAreRefused() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try CLI.scratchCopy()
        defer { try? FileManager.default.removeItem(at: data) }
        let ws = dir.appendingPathComponent("ws")
        try FileManager.default.createDirectory(at: ws, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: ws.appendingPathComponent("journals").path, withDestinationPath: data.path)
        let r = try CLI.run([
            "coding", "apply", "--cases", data.path, "--workspace", ws.path, "--coder", "anna", "--excerpt",
            "ex-5.3-02", "--code", "ppt"
        ])
        #expect(r.status == 64)
        #expect(
            r.stderr
                == "case-explorer: \(ws.path)/journals leads into the data folder \(data.path) (a symbolic link); "
                + "coders' work is never written there — make it a folder of its own.\n"
        )
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: data.path).filter { $0.hasSuffix(".jsonl") }.isEmpty)
        let fifo = dir.appendingPathComponent("fifo.qdc").path
        #expect(mkfifo(fifo, 0o644) == 0)
        for target in [fifo, "/dev/null"] {
            let e = try CLI.run(["export", "qdc", "-o", target, "--force"])
            #expect(e.status == 73)
            #expect(
                e.stderr.contains("\(target) is a ")
                    && e.stderr.contains("nothing was written (it is never replaced, not even with --force)."))
        }
    }

    // MARK: item 20 — one clear sentence each

    @Test func aJournalThatIsAFolderOrAFIFOIsOneSentence() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = dir.appendingPathComponent("ws")
        let journal = ws.appendingPathComponent("journals/anna.jsonl")
        try FileManager.default.createDirectory(at: journal, withIntermediateDirectories: true)
        let common = ["--workspace", ws.path, "--coder", "anna"]
        let folder = try CLI.run(["coding", "apply", "--excerpt", "ex-5.3-02", "--code", "ppt"] + common)
        #expect(folder.status == 1)
        #expect(
            folder.stderr == "case-explorer: \(journal.path) is a folder, not a journal file; move it out of the way.\n"
        )
        try FileManager.default.removeItem(at: journal)
        #expect(mkfifo(journal.path, 0o644) == 0)
        for args in [
            ["coding", "apply", "--excerpt", "ex-5.3-02", "--code", "ppt"], ["coding", "export"], ["coding", "log"]
        ] {
            let r = try CLI.run(args + common)
            #expect(r.status == 1, "\(args)")
            #expect(
                r.stderr.hasPrefix(
                    "case-explorer: \(journal.path) is a named pipe (FIFO), not a journal file; nothing was "),
                "\(args): \(r.stderr)")
            #expect(
                r.stderr.split(separator: "\n").count == 1 && noCrashReport(r.stderr)
                    && !r.stderr.contains("permission"))
        }
    }

    /// A data file linked in (here to /etc/passwd) was skipped in silence: `validate` said valid
    /// and every command read the folder without it. Now it is one problem, also for a command
    /// whose index was built before the link was made.
    @Test func aDataFileThatIsALinkIsOneProblemNotSkipped() throws {
        let cases = try CLI.scratchCopy()
        let cache = dir.appendingPathComponent("cache")
        defer { try? FileManager.default.removeItem(at: cases); try? FileManager.default.removeItem(at: dir) }
        let env = ["XDG_CACHE_HOME": cache.path]
        #expect(try CLI.run(["list", "counties", "--cases", cases.path], environment: env).status == 0)
        try FileManager.default.createSymbolicLink(
            atPath: cases.appendingPathComponent("more.json").path, withDestinationPath: "/etc/passwd")
        let sentence =
            "more.json: $: is a symbolic link, not a regular file; a data file is read only as a file "
            + "of its own in the data folder (a link is not followed: copy the file in)"
        let validate = try CLI.run(["validate", "--cases", cases.path], environment: env)
        #expect(validate.status == 65)
        #expect(validate.stderr.hasPrefix("\(cases.lastPathComponent)/\(sentence)\n"), "\(validate.stderr)")
        #expect(validate.stderr.split(separator: "\n").count == 2, "the problem and the count: \(validate.stderr)")
        #expect(!validate.stderr.contains("root:"), "nothing of the linked file is read")
        let list = try CLI.run(["list", "counties", "--cases", cases.path], environment: env)
        #expect(list.status == 65 && list.stdout.isEmpty)
        #expect(list.stderr.contains(sentence) && noCrashReport(list.stderr), "\(list.stderr)")
    }

    /// `--cases "$DIR"` or `--workspace "$WS"` with the variable unset read the working folder
    /// and all below it as data (long, and thousands of problems), or wrote a coder's journal
    /// into it. Now an empty value is refused, as an empty -o is, and nothing is written.
    @Test func anEmptyDataFolderOrWorkspaceIsOneSentence() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let cases = try CLI.run(["list", "counties", "--cases", ""], cwd: dir)
        #expect(cases.status == 64 && cases.stdout.isEmpty)
        #expect(
            cases.stderr == "case-explorer: --cases needs a folder; it was given an empty one; "
                + "see `case-explorer list --help`.\n", "\(cases.stderr)")
        let coding = try CLI.run(
            ["coding", "apply", "--excerpt", "ex-4-01", "--code", "ppt", "--coder", "anna", "--workspace", ""], cwd: dir
        )
        #expect(coding.status == 64 && coding.stdout.isEmpty)
        #expect(
            coding.stderr == "case-explorer: --workspace needs a folder; it was given an empty one.\n",
            "\(coding.stderr)")
        let agreement = try CLI.run(["agreement", "--coders", "anna,rapport", "--workspace", ""], cwd: dir)
        #expect(agreement.status == 64 && agreement.stderr.contains("--workspace needs a folder"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty,
            "nothing was written in the working folder")
    }

    /// A folder to create under a file (`--workspace /etc/passwd`, `-o /etc/passwd/x`) was
    /// refused with Foundation's "(The operation could not be completed. (NSCocoaErrorDomain
    /// error 512.))"; now in the system's words, and nothing is made.
    @Test func aFolderUnderAFileIsRefusedInPlainWords() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let below = file.appendingPathComponent("x").path
        for (arguments, sentence, status) in [
            (
                [
                    "coding", "apply", "--excerpt", "ex-4-01", "--code", "ppt", "--coder", "anna", "--workspace",
                    file.path
                ],
                "cannot create the workspace folder \(file.path)/journals (Not a directory).", Int32(1)
            ),
            (
                ["workspace", "init", "--workspace", below], "cannot create the workspace \(below) (Not a directory).",
                73
            ),
            (["generate", "--excerpts", "10", "-o", below], "cannot write \(below)/cases (Not a directory).", 1),
            (["export", "qdc", "-o", below], "\(file.path) is not a folder; nothing was written.", 73)
        ] {
            let r = try CLI.run(arguments)
            #expect(r.status == status, "\(arguments): \(r.stderr)")
            #expect(r.stderr == "case-explorer: \(sentence)\n", "\(arguments)")
            #expect(noCrashReport(r.stderr))
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == "x")
    }

    /// `import qdc DIR` and `import qdpx DIR` crashed with a stack trace (Foundation's reader on a
    /// folder); a named pipe would have blocked. One sentence, exit 66.
    @Test(.timeLimit(.minutes(1)))
    func importingAFolderOrAPipeIsOneSentence() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let pipe = dir.appendingPathComponent("pipe.qdpx").path
        #expect(mkfifo(pipe, 0o644) == 0)
        for (path, what) in [(dir.path, "a folder"), (pipe, "a named pipe (FIFO)")] {
            for kind in ["qdc", "qdpx"] {
                let r = try spawn(["import", kind, path, "--dry-run"].filter { kind == "qdpx" || $0 != "--dry-run" })
                #expect(r.status == 66, "\(kind) \(path): \(r.stderr)")
                #expect(r.stderr == "case-explorer: \(path): \(what), not a file to import.\n", "\(r.stderr)")
                #expect(noCrashReport(r.stderr))
            }
        }
    }

    @Test func anEmptyOutputNameIsOneSentence() throws {
        for args in [["export", "qdc", "-o", ""], ["export", "csv", "--what", "codebook", "-o", ""]] {
            let r = try CLI.run(args)
            #expect(r.status == 64)
            #expect(
                r.stderr == "case-explorer: -o needs a file name; it was given an empty one; "
                    + "see `case-explorer export \(args[1]) --help`.\n", "\(r.stderr)")
        }
        let r = try CLI.run([
            "import", "qdc", CLI.repository.appendingPathComponent("Tests/Schemas/refi/minimal.qdc").path, "--into", ""
        ])
        #expect(r.status == 64)
        #expect(
            r.stderr == "case-explorer: --into needs a folder; it was given an empty one; "
                + "see `case-explorer import qdc --help`.\n", "\(r.stderr)")
    }

    @Test func badXMLInImportQDCIsASentenceWithoutErrorNumbers() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let head = #"<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>"#
        let cases: [(String, String)] = [
            (
                #"<Code guid="a" name="x<"/></Codes></CodeBook>"#,
                #"a "<" inside an attribute value (write it as &lt;)."#
            ),
            (#"<Code guid="a" name="x"/></Codes></Codex>"#, "an end tag that does not match the element it closes"),
            (#"<Code guid="a" name="x" isCodable=true/></Codes></CodeBook>"#, "an attribute without a quoted value"),
            (#"<Code guid="a" name="x" name="y"/></Codes></CodeBook>"#, "the same attribute twice in one element"),
            (#"<Code guid="a" name="a & b"/></Codes></CodeBook>"#, #"does not start"#),
            (
                #"<Code guid="a" name="x"/></Codes></CodeBook>"# + "\n"
                    + #"<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="b" name="y"/></Codes>"#
                    + #"</CodeBook>"#,
                "something follows the end of the root element, and a codebook has only one"
            ),
            (#"<Code guid="a" name="x"/></Codes></CodeBook>trailing"#, "something follows the end of the root element")
        ]
        for (body, words) in cases {
            let file = dir.appendingPathComponent("t-\(UUID().uuidString).qdc")
            try Data((head + body).utf8).write(to: file)
            let r = try CLI.run(["import", "qdc", file.path])
            #expect(r.status == 65, "\(body)")
            #expect(
                r.stderr.contains(words) && r.stderr.hasPrefix("case-explorer: \(file.lastPathComponent): line "),
                "\(body): \(r.stderr)")
            #expect(
                !r.stderr.contains("error 7") && !r.stderr.contains("error 6") && !r.stderr.contains("error 4")
                    && noCrashReport(r.stderr), "\(r.stderr)")
            #expect(
                r.stderr.contains("nothing was imported") && r.stderr.hasSuffix(".\n")
                    && r.stderr.split(separator: "\n").count == 1)
        }
        // Comments and processing instructions after the root are fine.
        let fine = dir.appendingPathComponent("fine.qdc")
        try Data((head + #"<Code guid="a" name="x"/></Codes></CodeBook>"# + "\n<!-- c --> <?pi x?>\n").utf8).write(
            to: fine)
        #expect(try CLI.run(["import", "qdc", fine.path]).status == 0)
    }

    @Test func aFailedMoveAsideLeavesNoDamagedFileAndTheJournalUncut() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let journals = dir.appendingPathComponent("ws/journals")
        try FileManager.default.createDirectory(at: journals, withIntermediateDirectories: true)
        let good =
            #"{"seq":1,"id":"a-1","time":"2026-01-01T10:00:00.000Z","coder":"anna","excerpt":"ex-5.3-02","#
            + #""action":"apply","code":"ppt"}"#
            + "\n"
        let torn =
            #"{"seq":2,"id":"a-2","time":"2026-01-01T10:00:01.000Z","coder":"anna","memo":""#
            + String(repeating: "x", count: 8192)
        let journal = journals.appendingPathComponent("anna.jsonl")
        try Data((good + torn).utf8).write(to: journal)
        // A file-size limit of 4 KiB (SIGXFSZ ignored, so the write fails with EFBIG): the copy
        // of the 8 KiB damaged tail cannot be written.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = [
            "-c", "trap '' XFSZ; ulimit -f 4; exec \"$0\" \"$@\"", CLI.binary.path, "coding", "apply", "--workspace",
            dir.appendingPathComponent("ws").path, "--coder", "anna", "--excerpt", "ex-5.3-04", "--code", "ppt"
        ]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 1)
        #expect(message.contains("could not be moved aside (File too large); nothing was changed"), "\(message)")
        #expect(try journalFiles(journals) == ["anna.jsonl"], "no empty or partial .damaged file")
        #expect(try String(contentsOf: journal, encoding: .utf8) == good + torn, "the journal is not cut")
    }

    // MARK: item 10 — reading streams

    @Test func theLogStreamsEveryEventAsOneJSONArrayAndFiltersByExcerpt() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let common = ["--workspace", dir.appendingPathComponent("ws").path, "--coder", "anna"]
        for (excerpt, code) in [("ex-5.3-02", "ppt"), ("ex-5.3-04", "statped"), ("ex-5.3-02", "statped")] {
            #expect(try CLI.run(["coding", "apply", "--excerpt", excerpt, "--code", code] + common).status == 0)
        }
        let all = try CLI.run(["coding", "log", "--json"] + common)
        let events = try #require(all.json as? [[String: Any]], "\(all.stdout)")
        #expect(events.map { $0["seq"] as? Int } == [1, 2, 3])
        #expect(
            all.stdout.hasPrefix("[{\"seq\":1,") && all.stdout.hasSuffix("}]\n")
                && all.stdout.components(separatedBy: "},\n{").count == 3)
        let one = try CLI.run(["coding", "log", "--json", "--excerpt", "ex-5.3-02"] + common)
        #expect((one.json as? [[String: Any]])?.map { $0["code"] as? String } == ["ppt", "statped"])
        #expect(try CLI.run(["coding", "log", "--json", "--excerpt", "ex-5.3-05"] + common).stdout == "[]\n")
        #expect(try CLI.run(["coding", "log", "--json", "--coder", "rapport"]).stdout == "[]\n")
        let text = try CLI.run(["coding", "log"] + common).stdout.split(separator: "\n")
        #expect(text.count == 3 && text[2].hasPrefix("#3  ") && text[2].contains("applied statped"))
    }

    // MARK: item 14 — linear in cell width and in hierarchy depth

    @Test(.timeLimit(.minutes(1)))
    func aCodeNameOfTwoHundredThousandCharactersIsATableRowNotHours() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = String(repeating: "å", count: 200_000)
        let file = dir.appendingPathComponent("long.qdc")
        try Data(
            (#"<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code "#
                + #"guid="4a5b6c7d-0000-4000-8000-000000000001" name=""#
                + name + #"" isCodable="true"/></Codes></CodeBook>"#).utf8
        ).write(to: file)
        let r = try CLI.run(["import", "qdc", file.path], environment: ["COLUMNS": "100"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n")
        #expect(rows.contains { $0.hasPrefix(name) && $0.hasSuffix("–       no           –") })
        #expect(!rows.contains { $0.hasSuffix(" ") }, "trailing padding removed")
    }

    @Test(.timeLimit(.minutes(1)))
    func aFiftyThousandDeepCodeHierarchyValidates() throws {
        let data = try CLI.scratchCopy()
        defer { try? FileManager.default.removeItem(at: data) }
        let url = data.appendingPathComponent("codebook.json")
        var codebook = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var codes = try #require(codebook["codes"] as? [[String: Any]])
        var proto = codes[0]
        for i in 0..<50_000 {
            proto["id"] = "deep-\(i)"
            proto["name"] = "Dyp \(i)"
            proto["parent"] = i == 0 ? NSNull() : "deep-\(i - 1)" as Any
            codes.append(proto)
        }
        codebook["codes"] = codes
        try JSONSerialization.data(withJSONObject: codebook).write(to: url)
        let r = try CLI.run(["validate", "--cases", data.path])
        #expect(r.status == 0, "\(r.stderr.prefix(500))")
        #expect(r.stdout.contains("50027 codes"), "\(r.stdout)")
    }
}

/// The files of a journals folder, apart from the merge lock (`.merge.lock`, held during a sync),
/// which must stay empty: nothing the program says may land in it.
func journalFiles(_ folder: URL) throws -> [String] {
    let lock = folder.appendingPathComponent(".merge.lock")
    if let size = try? FileManager.default.attributesOfItem(atPath: lock.path)[.size] as? Int, size > 0 {
        Issue.record("the merge lock holds \(size) bytes")
    }
    return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != ".merge.lock" }.sorted()
}
