// case-explorer-bench: measures load, search, filtering, rendering, journal replay, agreement
// and memory on synthetic corpora of growing size. Run on demand, in release:
//
//     swift run -c release case-explorer-bench [--sizes 1000,10000,100000] [--work DIR]
//     ... --whole [--explorer-before PATH]   (the keys also with another build, by turns)
//     ... --journals-in [--explorer-before PATH]   (only the time until three coders' journals are in)
//     ... --whole --explorer-only --sizes 1000000   (only the explorer: first screen and keys)
//
// Each size is measured in a fresh child process, so its peak memory is its own.
import CaseCore
import ExplorerUI
import Foundation
import Presentation
#if canImport(Glibc)
    import Glibc
#endif

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func time(_ body: () throws -> Void) rethrows -> Double {
    let start = now()
    try body()
    return (now() - start) * 1000
}

func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func folderSizeMB(_ url: URL) -> Double {
    let files = (try? FileManager.default.subpathsOfDirectory(atPath: url.path)) ?? []
    let bytes = files.reduce(0) { total, f in
        total
            + (((try? FileManager.default.attributesOfItem(atPath: url.appendingPathComponent(f).path))?[.size] as? Int)
                ?? 0)
    }
    return Double(bytes) / 1_048_576
}

/// Writes a journal of `events` decisions over the first `excerpts` synthetic excerpts.
func writeJournal(_ url: URL, events: Int, excerpts: Int) throws {
    var text = ""
    text.reserveCapacity(events * 160)
    var rng = SeededGenerator(seed: 99)
    for i in 0..<events {
        let e = CodingEvent(
            sequence: i + 1, time: "2026-01-01T10:00:00.000Z", coder: "replay",
            excerpt: "sx-\(Int(rng.next() % UInt64(excerpts)))",
            action: i % 3 == 0 ? .set : .apply, code: i % 3 == 0 ? nil : "kode-\(i % 10)-\(i % 9)",
            codes: i % 3 == 0 ? ["kode-1-1", "kode-2-2"] : nil)
        text += e.jsonLine + "\n"
    }
    try Data(text.utf8).write(to: url)
}

/// What the runner does off the key path: the scan a key asked for, its answer sent back.
func answerSearch(_ state: inout AppState) {
    for effect in state.takeEffects() {
        if case let .search(q) = effect {
            state.receive(
                .searchFound(q, BitSet(count: state.data.excerpts.count, members: state.data.searchIndex.matching(q))))
        }
    }
}

func measure(n: Int, work: URL) throws {
    let dir = work.appendingPathComponent("n\(n)")
    let cases = dir.appendingPathComponent("cases")
    var r: [String: Double] = [:]
    var data: Dataset!
    r["load"] = try time { data = try DataFolder.load(cases) }
    r["peakLoadMB"] = peakMemoryMB()
    r["index"] = time { data.searchIndex.prepare(fold: false) }
    let queries = ["inkludering", "kompetanse løftet", "øvelse", "\"laget rundt\""]
    var qs: [Double] = []
    var hits = 0
    for _ in 0..<5 { for q in queries { qs.append(time { hits = data.searchIndex.matching(SearchQuery(q)).count }) } }
    r["search"] = median(qs)
    r["searchHits"] = Double(hits)
    r["filter"] = median(
        (0..<7).map { i in time { _ = data.excerptIndices(matching: ExcerptFilter(county: 1 + i % 3, level: 4)).count }
        })
    // Frames: the excerpt list with a search, 200×60; then keys on it. The explorer builds the
    // report's matrices in the background at start; here they are built up front and timed.
    var state = AppState(data: data, language: .nb, width: 200, height: 60)
    r["matrices"] = time { for tab in 0..<5 { _ = MatrixScreen.matrix(state, MatrixState(tab: tab)) } }
    // The codebook's counts, which the runner's warm-up also builds in the background.
    _ = CodebookScreen.counts(state)
    for key in try KeyNotation.parse("e / i n k l u d e r i n g Enter") { state.handle(key) }
    answerSearch(&state)
    r["render"] = median((0..<9).map { _ in time { _ = Frame.render(state) } })
    var keyTimes: [Double] = []
    let keys = try KeyNotation.parse(
        "j j j n n N G g f l j l Esc Enter Esc / ø v e l s e Enter c j j Enter b j i Tab M Tab l j")
    // On large studies a key only asks for a search; the scan runs in the background (timed
    // apart as "search"), so the key's time is the key path a user waits for.
    for key in keys {
        keyTimes.append(
            time {
                state.handle(key); _ = Frame.render(state)
            })
        answerSearch(&state)
    }
    if let worst = keyTimes.indices.max(by: { keyTimes[$0] < keyTimes[$1] }) {
        FileHandle.standardError.write(
            Data(
                ("slowest key: \(keys[worst].label) (#\(worst)) \(keyTimes[worst]) ms; all: "
                    + "\(keyTimes.map { Int($0) })\n").utf8))
    }
    r["keyMedian"] = median(keyTimes)
    r["keyMax"] = keyTimes.max() ?? 0
    r["peakExplorerMB"] = peakMemoryMB()
    // Replay of a 100 000-event journal.
    let ws = Workspace(root: dir.appendingPathComponent("replay"))
    try FileManager.default.createDirectory(at: ws.journals, withIntermediateDirectories: true)
    let journalURL = ws.journal(of: "replay")
    if !FileManager.default.fileExists(atPath: journalURL.path) {
        try writeJournal(journalURL, events: 100_000, excerpts: n)
    }
    var events = 0
    r["replay"] = try time { events = try Journal(workspace: ws, coder: "replay", mode: .readOnly).events.count }
    r["replayEvents"] = Double(events)
    // Agreement between the corpus's three coders.
    let coders = Workspace(root: dir.appendingPathComponent("workspace"))
    var states: [(name: String, coding: CodingState)] = []
    r["journals"] = try time {
        for k in 1...3 { states.append(("koder\(k)", try coders.coding(of: "koder\(k)", data: data))) }
    }
    // The figures alone, as before intervals existed: the baseline for the report with intervals.
    r["agreement"] = time { _ = AgreementReport(coders: states, data: data, options: .init(intervals: false)) }
    r["peakMB"] = peakMemoryMB()
    r["dataMB"] = folderSizeMB(cases)
    let json = r.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
    print("{\(json)}")
}

/// The full agreement report of the three coders with 95 % intervals and a 2 000-draw bootstrap,
/// in a process of its own so that its peak memory is only data, journals and report; the
/// figures-only report is the baseline (best of three each).
func measureAgreement(n: Int, work: URL) throws {
    let dir = work.appendingPathComponent("n\(n)")
    let data = try DataFolder.load(dir.appendingPathComponent("cases"))
    let coders = Workspace(root: dir.appendingPathComponent("workspace"))
    var states: [(name: String, coding: CodingState)] = []
    for k in 1...3 { states.append(("koder\(k)", try coders.coding(of: "koder\(k)", data: data))) }
    var r: [String: Double] = [:]
    r["peakBeforeMB"] = peakMemoryMB()
    r["figuresOnly"] = (0..<3).map { _ in
        time { _ = AgreementReport(coders: states, data: data, options: .init(intervals: false)) }
    }.min()!
    var report: AgreementReport!
    r["withIntervals"] = (0..<3).map { _ in
        time { report = AgreementReport(coders: states, data: data, options: .init(draws: 2000, seed: 1)) }
    }.min()!
    r["markdown"] = time { _ = report.markdown(.en) }
    r["json"] = time { _ = JSONWriter.write(report.json) }
    r["peakMB"] = peakMemoryMB()
    r["codes"] = Double(report.codes.count)
    r["excerpts"] = Double(report.excerpts)
    let json = r.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
    print("{\(json)}")
}

/// Whole-process wall time, best of three (`before` runs ahead of each, untimed).
func wallTime(_ path: String, _ args: [String], environment: [String: String] = [:], before: () -> Void = {}) -> Double
{
    processTimes(path, args, environment: environment, before: before).wall
}

/// Whole-process wall time and CPU time (user and system, all threads), each the best of three
/// runs, in ms. The CPU time bounds the wall time from below: on `c` cores a run cannot take less
/// than its CPU time divided by `c`, however its work is spread over them.
func processTimes(
    _ path: String, _ args: [String], environment: [String: String] = [:], before: () -> Void = {}
) -> (wall: Double, cpu: Double) {
    var best = Double.infinity
    var bestCPU = Double.infinity
    // posix_spawn and waitpid: Foundation's Process waits in steps of about 50 ms on Linux,
    // which would hide everything faster than that.
    let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
    let argv: [UnsafeMutablePointer<CChar>?] = ([path] + args).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    for _ in 0..<3 {
        before()
        var pid: pid_t = 0
        let start = now()
        guard posix_spawn(&pid, path, &actions, nil, argv, envp) == 0 else { return (.nan, .nan) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        best = min(best, (now() - start) * 1000)
        func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1000 + Double(t.tv_usec) / 1000 }
        bestCPU = min(bestCPU, ms(usage.ru_utime) + ms(usage.ru_stime))
    }
    return (best, bestCPU)
}

let args = CommandLine.arguments
func option(_ name: String) -> String? {
    args.firstIndex(of: name).flatMap { args.indices.contains($0 + 1) ? args[$0 + 1] : nil }
}
let work = URL(
    fileURLWithPath: option("--work")
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("case-explorer-bench").path)

if let n = option("--measure").flatMap(Int.init) {
    // In process, journals are replayed from their first line (the "replay" and "3 journals"
    // figures); checkpoints are measured whole-process (JournalsIn.swift).
    setenv("CASE_EXPLORER_NO_CHECKPOINT", "1", 1)
    try measure(n: n, work: work)
    exit(0)
}
// --search-pages N: the explorer's background search on the index read in place, its pages kept
// against given back as it scans (`SearchIndex.matching(_:givingBack:)`): time per search and the
// process's resident file pages after each (the index built first in a cache folder of its own).
if let n = option("--search-pages").flatMap(Int.init) {
    let cases = work.appendingPathComponent("n\(n)/cases")
    let cache = work.appendingPathComponent("cache-search-pages")
    let data = try IndexCache.dataset(dataFolder: cases, cache: cache, load: { try DataFolder.load(cases) })
    func residentFileMB() -> String {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("RssFile:") } ?? ""
        let kb = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? .nan
        return String(format: "%.0f", kb / 1024)
    }
    let queries = ["inkludering", "kompetanse løftet", "øvelse", "\"laget rundt\"", "e", "sk"]
    print("| pages | search (median of \(queries.count) queries × 5, ms) | worst | resident file pages after, MB |")
    print("|---|---:|---:|---:|")
    for givingBack in [false, true, false, true] {
        var qs: [Double] = []
        for _ in 0..<5 {
            for q in queries {
                qs.append(time { _ = data.searchIndex.matching(SearchQuery(q), givingBack: givingBack) })
            }
        }
        print(
            "| \(givingBack ? "given back" : "kept") | \(String(format: "%.1f", median(qs))) | "
                + "\(String(format: "%.1f", qs.max() ?? .nan)) | \(residentFileMB()) |")
    }
    exit(0)
}
if let n = option("--measure-agreement").flatMap(Int.init) {
    setenv("CASE_EXPLORER_NO_CHECKPOINT", "1", 1)
    try measureAgreement(n: n, work: work)
    exit(0)
}

let sizes = (option("--sizes") ?? "1000,10000,100000").split(separator: ",").compactMap { Int($0) }
let me = URL(fileURLWithPath: args[0]).resolvingSymlinksInPath()
let cli = me.deletingLastPathComponent().appendingPathComponent("case-explorer").path
print(
    "case-explorer-bench — \(ProcessInfo.processInfo.processorCount) cores, "
        + "\(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB; times in ms (median unless noted)"
)
print("")
/// --whole: only the whole-process table against the baselines.
let wholeOnly = args.contains("--whole")
/// --journals-in: only the table of the time until three coders' journals are in (JournalsIn.swift).
let journalsInOnly = args.contains("--journals-in")
var rows: [[String]] = []
for n in sizes {
    let dir = work.appendingPathComponent("n\(n)")
    if !FileManager.default.fileExists(atPath: dir.appendingPathComponent("cases/study.json").path) {
        try? FileManager.default.removeItem(at: dir)
        try SyntheticCorpus(excerpts: n, coders: 3, seed: 1).write(to: dir)
    }
    if wholeOnly || journalsInOnly { continue }
    let p = Process()
    p.executableURL = me
    p.arguments = ["--measure", String(n), "--work", work.path]
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let out = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard let r = try JSONSerialization.jsonObject(with: out) as? [String: Double] else {
        print("size \(n): no result"); continue
    }
    let validate = wallTime(cli, ["validate", "--cases", dir.appendingPathComponent("cases").path])
    let python = wallTime(
        "/usr/bin/env",
        [
            "python3", "-c",
            "import json,glob; [json.load(open(f)) for f in "
                + "glob.glob('\(dir.appendingPathComponent("cases").path)/**/*.json', recursive=True)]"
        ])
    func f(_ k: String, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", r[k] ?? .nan) }
    rows.append([
        String(n), f("dataMB"), String(format: "%.0f", validate), String(format: "%.0f", python), f("load", 0),
        f("index", 0), f("search", 2), f("searchHits", 0),
        f("filter", 2), f("matrices", 0), f("render", 2), f("keyMedian", 2), f("keyMax", 2), f("replay", 0),
        f("journals", 0), f("agreement", 0),
        f("peakLoadMB", 0), f("peakExplorerMB", 0), f("peakMB", 0)
    ])
}
if !wholeOnly && !journalsInOnly {
    let header = [
        "excerpts", "data MB", "validate (process)", "python json.load", "load+validate", "index build", "search",
        "hits", "filter", "5 matrices",
        "render 200×60", "key→frame", "key→frame max", "replay 100k", "3 journals", "agreement 3", "peak MB: loaded",
        "peak MB: explorer", "peak MB: all"
    ]
    print("| " + header.joined(separator: " | ") + " |")
    print("|" + header.map { _ in "---:" }.joined(separator: "|") + "|")
    for row in rows { print("| " + row.joined(separator: " | ") + " |") }
}

if journalsInOnly {
    for line in journalsInTable(sizes: sizes, work: work, cli: cli, before: option("--explorer-before")) {
        print(line)
    }
    exit(0)
}

// Whole processes against the baselines, in the same run: what a user waits for at the prompt.
print("")
print(
    "Whole process, best of three, ms; the index in a cache folder of the benchmark's own. CPU: user and "
        + "system time of all the run's threads (best of three); no run can take less wall time than its CPU "
        + "time divided by the \(ProcessInfo.processInfo.activeProcessorCount) cores.")
print("")
let cache = work.appendingPathComponent("cache")
let wholeHeader = [
    "excerpts", "grep -rci", "python json.load, gc off", "jq empty", "validate", "search, warm index", "× grep",
    "search, first run after a change", "× validate", "validate CPU", "first run CPU",
    "first run ≥ CPU ÷ cores", "search --no-index", "list excerpts, warm index", "list excerpts --no-index", "index MB"
]
// The explorer through a pseudo-terminal (160×50): its first screen and each key, best of three.
let explorerHeader = [
    "excerpts", "grep -rci", "first screen, warm index", "× grep", "all excerpts in", "first screen --no-index",
    "show, warm index", "show --no-index", "keys: median", "keys: worst", "keys over 16 ms", "worst key",
    "search answered (worst)", "keys while loading: worst", "while loading over 16 ms", "data MB",
    "explorer peak MB", "× data"
]
let explorerKeys = "j j j n n N G g f l j l Esc Enter Esc / ø v e l s e Enter c j j Enter b j i Tab M Tab l j"
    .split(separator: " ").map(String.init)
/// Typed on the first screen at once, 150 ms apart, in runs of their own: on a study large
/// enough to load in the background (20 000 excerpts), the first of them come while it loads.
let loadingKeys = "j n G g Tab j n G g Tab".split(separator: " ").map(String.init)
/// --explorer-only: the explorer's rows alone (no baselines, no `--no-index` runs, which take
/// minutes at 1 000 000 excerpts); the index is built once, untimed, before.
let explorerOnly = args.contains("--explorer-only")
var keysOver: [String] = []
var explorerRows: [[String]] = []
var wholeRows: [[String]] = []
let explorerBefore = option("--explorer-before")
let jq = ["/usr/bin/jq", "/usr/local/bin/jq"].first { FileManager.default.isExecutableFile(atPath: $0) }
for n in sizes {
    let cases = work.appendingPathComponent("n\(n)/cases").path
    let env = ["XDG_CACHE_HOME": cache.path]
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: cases)) ?? []).filter { $0.hasSuffix(".json") }
        .sorted().map { cases + "/" + $0 }
    let grep = wallTime("/usr/bin/env", ["grep", "-rci", "inkludering", cases])
    func ms(_ x: Double?) -> String { x.flatMap { $0.isNaN ? nil : String(format: "%.0f", $0) } ?? "–" }
    // The index built once (untimed) either way: the explorer starts from it.
    _ = wallTime(cli, ["search", "inkludering", "--cases", cases], environment: env)
    var python = Double.nan, jqTime: Double?, validate = Double.nan, warm = Double.nan, rebuilt = Double.nan
    var validateCPU = Double.nan, rebuiltCPU = Double.nan
    var noIndex = Double.nan, listWarm = Double.nan, listNoIndex = Double.nan
    if !explorerOnly {
        python = wallTime(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import json,glob,gc; gc.disable(); [json.load(open(f)) for f in glob.glob('\(cases)/**/*.json', "
                    + "recursive=True)]"
            ])
        jqTime = jq.map { wallTime($0, ["empty"] + files) }
        (validate, validateCPU) = processTimes(cli, ["validate", "--cases", cases])
        warm = wallTime(cli, ["search", "inkludering", "--cases", cases], environment: env)
        // A data file touched before each run: the index is stale and rebuilt every time.
        let study = cases + "/study.json"
        (rebuilt, rebuiltCPU) = processTimes(cli, ["search", "inkludering", "--cases", cases], environment: env) {
            try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: study)
        }
        noIndex = wallTime(cli, ["search", "inkludering", "--cases", cases, "--no-index"], environment: env)
        listWarm = wallTime(cli, ["list", "excerpts", "--cases", cases], environment: env)
        listNoIndex = wallTime(cli, ["list", "excerpts", "--cases", cases, "--no-index"], environment: env)
    }
    let indexMB = folderSizeMB(cache.appendingPathComponent("case-explorer"))
    let dataMB = folderSizeMB(URL(fileURLWithPath: cases))
    // The explorer: an empty workspace of its own (no journals to read), the index warm.
    let home = work.appendingPathComponent("explore-home")
    try? FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    let ptyEnv = env.merging(["XDG_DATA_HOME": home.path, "TERM": "xterm-256color"]) { $1 }
    let exploreArgs = ["explore", "--cases", cases, "--lang", "en"]
    var runs: [PseudoTerminalRun] = []
    var runsBefore: [PseudoTerminalRun] = []
    var loadingRuns: [PseudoTerminalRun] = []
    var loadingRunsBefore: [PseudoTerminalRun] = []
    func explore(_ path: String, keys: [String], whileLoading: [String] = []) -> PseudoTerminalRun? {
        PseudoTerminal.run(
            path, exploreArgs, environment: ptyEnv, marker: "quit", keys: keys, keysWhileLoading: whileLoading)
    }
    for _ in 0..<3 {
        if let r = explore(cli, keys: explorerKeys) { runs.append(r) }
        // --explorer-before PATH: another build's explorer, run by turns with this one.
        if let before = explorerBefore, let r = explore(before, keys: explorerKeys) { runsBefore.append(r) }
    }
    for _ in 0..<3 {
        if let r = explore(cli, keys: [], whileLoading: loadingKeys) { loadingRuns.append(r) }
        if let before = explorerBefore, let r = explore(before, keys: [], whileLoading: loadingKeys) {
            loadingRunsBefore.append(r)
        }
    }
    let coldRuns =
        explorerOnly
        ? []
        : (0..<3).compactMap { _ in
            PseudoTerminal.run(cli, exploreArgs + ["--no-index"], environment: ptyEnv, marker: "quit", keys: [])
        }
    let firstNoIndex = coldRuns.map(\.firstScreen).min() ?? .nan
    let anExcerpt = "sx-\(n / 2)"
    let show = explorerOnly ? .nan : wallTime(cli, ["show", anExcerpt, "--cases", cases], environment: env)
    let showNoIndex =
        explorerOnly ? .nan : wallTime(cli, ["show", anExcerpt, "--cases", cases, "--no-index"], environment: env)
    // Per key the best of the runs; keys that redrew nothing are left out.
    func keyFigures(_ runs: [PseudoTerminalRun], loading: [PseudoTerminalRun], label: String) -> [String] {
        let perKey: [(String, Double, Double)] = explorerKeys.indices.compactMap { k in
            let updates = runs.compactMap { $0.keys.indices.contains(k) ? $0.keys[k].update : nil }
            let settled = runs.compactMap { $0.keys.indices.contains(k) ? $0.keys[k].settled : nil }
            guard let u = updates.min(), let s = settled.min() else { return nil }
            return (explorerKeys[k], u, s)
        }
        let updates = perKey.map(\.1)
        let worst = perKey.max { $0.1 < $1.1 }
        // The letters of the search: their answer comes from the background scan.
        let searchKeys = perKey.filter { ["ø", "v", "e", "l", "s"].contains($0.0) }
        FileHandle.standardError.write(
            Data(
                ("explorer keys at \(n)\(label): "
                    + perKey.map { "\($0.0) \(String(format: "%.1f/%.1f", $0.1, $0.2))" }
                    .joined(separator: ", ") + "\n").utf8))
        func ms1(_ x: Double?) -> String { x.map { String(format: "%.1f", $0) } ?? "–" }
        let first = runs.map(\.firstScreen).min() ?? .nan
        let peak = runs.map(\.peakMB).min() ?? .nan
        let allLoaded = runs.map(\.allLoaded).min() ?? .nan
        // The keys named with their time, so each size's table says which keys missed the frame.
        let over = perKey.filter { $0.1 > 16 }.map { "\($0.0) \(ms1($0.1))" }
        // Keys typed while loading: every key of every run written before the excerpts were
        // in (the best run's `allLoaded`), each on its own: they are not the same moment twice.
        let typedWhileLoading = loading.flatMap(\.keysWhileLoading).filter { $0.sentAt < allLoaded }
            .compactMap(\.update)
        let loadingOver = typedWhileLoading.filter { $0 > 16 }
        keysOver.append(
            "keys over 16 ms at \(n)\(label): " + (over.isEmpty ? "none" : over.joined(separator: ", "))
                + "; while loading: \(loadingOver.count) of \(typedWhileLoading.count)"
                + (loadingOver.isEmpty ? "" : " (\(loadingOver.map { ms1($0) }.joined(separator: ", ")))"))
        return [
            String(n) + label, ms(grep), ms(first), String(format: "%.1f×", first / grep),
            ms(allLoaded), ms(firstNoIndex), ms(show),
            ms(showNoIndex), ms1(updates.isEmpty ? nil : median(updates)), ms1(updates.max()),
            "\(over.count) of \(updates.count)" + (over.isEmpty ? "" : ": " + over.joined(separator: ", ")),
            worst.map { "\($0.0)" } ?? "–", ms1(searchKeys.map(\.2).max()), ms1(typedWhileLoading.max()),
            "\(loadingOver.count) of \(typedWhileLoading.count)", String(format: "%.1f", dataMB), ms(peak),
            String(format: "%.1f×", peak / dataMB)
        ]
    }
    explorerRows.append(keyFigures(runs, loading: loadingRuns, label: ""))
    if !runsBefore.isEmpty {
        explorerRows.append(keyFigures(runsBefore, loading: loadingRunsBefore, label: " (before)"))
    }
    try? FileManager.default.removeItem(at: cache)
    wholeRows.append([
        String(n), ms(grep), ms(python), ms(jqTime), ms(validate), ms(warm), String(format: "%.1f×", warm / grep),
        ms(rebuilt), String(format: "%.2f×", rebuilt / validate), ms(validateCPU), ms(rebuiltCPU),
        ms(rebuiltCPU / Double(ProcessInfo.processInfo.activeProcessorCount)), ms(noIndex),
        ms(listWarm), ms(listNoIndex), String(format: "%.0f", indexMB)
    ])
}
print("| " + wholeHeader.joined(separator: " | ") + " |")
print("|" + wholeHeader.map { _ in "---:" }.joined(separator: "|") + "|")
for row in wholeRows { print("| " + row.joined(separator: " | ") + " |") }
print("")
print(
    "The explorer in a pseudo-terminal, 160×50, best of three; keys: from writing the key to the end of the "
        + "update it caused (Esc includes the terminal's 10 ms wait for a longer sequence).")
print("")
print("| " + explorerHeader.joined(separator: " | ") + " |")
print("|" + explorerHeader.map { _ in "---:" }.joined(separator: "|") + "|")
for row in explorerRows { print("| " + row.joined(separator: " | ") + " |") }
print("")
for line in keysOver { print(line) }

if !explorerOnly {
    print("")
    for line in journalsInTable(sizes: sizes, work: work, cli: cli, before: explorerBefore) { print(line) }
}

// The agreement report with intervals, each size in a fresh process.
if wholeOnly { exit(0) }
print("")
let agreementHeader = [
    "excerpts", "codes", "excerpts all 3 coded", "figures only (baseline)", "with intervals, 2 000 draws", "ratio",
    "Markdown", "JSON", "peak MB: data + journals", "peak MB: with report"
]
var agreementRows: [[String]] = []
for n in sizes {
    let p = Process()
    p.executableURL = me
    p.arguments = ["--measure-agreement", String(n), "--work", work.path]
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let out = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard let r = try JSONSerialization.jsonObject(with: out) as? [String: Double] else {
        print("size \(n): no agreement result"); continue
    }
    func f(_ k: String, _ digits: Int = 0) -> String { String(format: "%.\(digits)f", r[k] ?? .nan) }
    agreementRows.append([
        String(n), f("codes"), f("excerpts"), f("figuresOnly", 1), f("withIntervals", 1),
        String(format: "%.2f×", (r["withIntervals"] ?? .nan) / (r["figuresOnly"] ?? .nan)), f("markdown", 1),
        f("json", 1), f("peakBeforeMB"), f("peakMB")
    ])
}
print("| " + agreementHeader.joined(separator: " | ") + " |")
print("|" + agreementHeader.map { _ in "---:" }.joined(separator: "|") + "|")
for row in agreementRows { print("| " + row.joined(separator: " | ") + " |") }
