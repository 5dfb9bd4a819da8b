import SDMGrad

#if canImport(Glibc)
    import Glibc
#endif

/// A run folder scan with one file replaced at a chosen moment (issue 19's crash was a step file
/// swapped while `solve` read the folder). The input is: byte 0 the file, byte 1 the moment (the
/// n-th open of the scan, modulo 16; 255: before the scan), the rest the file's new bytes.
public enum RunFolderFuzz {
    /// The files of the two-step run that can be replaced.
    public static let victims = ["params.json", "calls.jsonl", "step0-A.npy", "step1-A.npy", "step1-J1.npy"]

    /// Runs `RunFolder.load` and two follower polls on a fresh valid run in `folder` with the
    /// replacement described by `input`; traps (through FuzzCheck) on any outcome that breaks the contract.
    public static func run(_ input: [UInt8], folder: String) {
        guard input.count >= 2 else { return }
        let victim = folder + "/" + victims[Int(input[0]) % victims.count]
        let moment = Int(input[1])
        let replacement = Array(input.dropFirst(2))
        for reader in 0..<2 {
            writeValidRun(folder)
            if moment == 255 { replace(victim, with: replacement) }
            var opens = 0
            FileBytes.beforeOpen = { path in
                if opens == moment % 16 { replace(victim, with: replacement) }  // just before the n-th open
                opens += 1
            }
            if reader == 0 {
                if let run = FuzzCheck.run("RunFolder.load", { try RunFolder.load(folder) }) {
                    FuzzCheck.require(!run.calls.isEmpty, "RunFolder.load returned no call")
                    for call in run.calls { FuzzCheck.checkShape(call.batches.a, "RunFolder.load") }
                }
            } else {
                var follower = RunFolderFollower(folder: folder)
                for _ in 0..<2 {
                    let update = follower.poll()
                    if let problem = update.problem, let why = FuzzCheck.messageProblem(problem.message) {
                        fatalError("RunFolderFollower.poll problem \(why): \(String(reflecting: problem.message))")
                    }
                }
            }
            FileBytes.beforeOpen = nil
        }
    }

    /// A valid two-step float64 run of m = 2 with a Jacobian at step 1.
    static func writeValidRun(_ folder: String) {
        mkdir(folder, 0o755)
        let a = NPYWriter.bytes(Matrix(rows: 2, columns: 2, storage: [2, 1, 1, 3]))
        let j = NPYWriter.bytes(Matrix(rows: 2, columns: 3, storage: [1, 0, 1, 0, 1, 1]))
        write(folder + "/params.json", Array(#"{"lambda":0.3,"lr":10,"momentum":0.5,"iters":5,"pref":null}"#.utf8))
        write(
            folder + "/calls.jsonl",
            Array(
                ("{\"step\":0,\"dtype\":\"float64\",\"weights\":[0.5,0.5],\"w\":[0.5,0.5]}\n"
                    + "{\"step\":1,\"dtype\":\"float64\",\"weights\":[0.5,0.5],\"w\":[0.5,0.5]}\n").utf8))
        write(folder + "/step0-A.npy", a)
        write(folder + "/step1-A.npy", a)
        write(folder + "/step1-J1.npy", j)
    }

    /// Replaces the file at `path` (a new inode, as a rename by a writer would).
    static func replace(_ path: String, with bytes: [UInt8]) {
        unlink(path)
        write(path, bytes)
    }

    static func write(_ path: String, _ bytes: [UInt8]) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return }
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }
}
