import FuzzSupport

#if canImport(Glibc)
    import Glibc
#endif

/// RunFolder.load and RunFolderFollower.poll on a run whose files are replaced between the reads of one scan.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    RunFolderFuzz.run(FuzzCheck.bytes(data, size), folder: "/tmp/sdmgrad-fuzz-runfolder-\(getpid())")
    return 0
}
