#!/usr/bin/env bash
# Builds the libFuzzer targets (if needed) and runs one of them on its seed corpus.
#
#   Tests/Fuzz/run.sh TARGET SECONDS [extra libFuzzer flags...]
#   Tests/Fuzz/run.sh build                 # only build
#   Tests/Fuzz/run.sh list                  # the targets
#
# TARGET is one of fuzz-json, fuzz-csv, fuzz-npy, fuzz-scenario, fuzz-matrix, fuzz-runfolder.
# Seeds are read from Tests/FuzzCorpus/TARGET (never written); new corpus entries go to
# Tests/Fuzz/.build/corpus/TARGET; crash/timeout/OOM inputs go to Tests/Fuzz/artifacts/TARGET-*.
# To replay one input: Tests/Fuzz/.build/debug/TARGET FILE
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
targets=(fuzz-json fuzz-csv fuzz-npy fuzz-scenario fuzz-matrix fuzz-runfolder)

usage() { echo "usage: $0 TARGET SECONDS [libFuzzer flags...] | build | list   (targets: ${targets[*]})" >&2; exit 2; }

build() {
    # -sanitize=fuzzer,address instruments SDMGrad too (passed on the command line, not as unsafeFlags).
    # Tests/Fuzz/Package.swift stays at tools version 5.4: newer ones make SwiftPM link executables with
    # --defsym main=<module>_main, which -parse-as-library never defines, so the link would fail.
    local log="$here/.build/build.log"
    mkdir -p "$here/.build"
    # Re-plan every time: a source file newly added to the main package was once missed otherwise.
    rm -f "$here/.build/debug/description.json"
    if ! (cd "$here" && swift build -c debug --scratch-path "$here/.build" \
            -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library) >"$log" 2>&1; then
        grep -v "Cannot export local symbol" "$log" | tail -40 >&2
        echo "build failed (full log: $log)" >&2
        exit 1
    fi
}

[ $# -ge 1 ] || usage
case "$1" in
    build) build; echo "built: ${targets[*]} in $here/.build/debug"; exit 0 ;;
    list) printf '%s\n' "${targets[@]}"; exit 0 ;;
esac
[ $# -ge 2 ] || usage
target="$1"; seconds="$2"; shift 2
[[ " ${targets[*]} " == *" $target "* ]] || usage
[[ "$seconds" =~ ^[0-9]+$ ]] || usage

build
work="$here/.build/corpus/$target"     # new corpus entries (scratch; Fuzz/.build is git-ignored)
seeds="$root/Tests/FuzzCorpus/$target"  # committed seeds (read only)
artifacts="$here/artifacts"
mkdir -p "$work" "$artifacts" "$seeds"
dict=()
[ -f "$here/dicts/$target.dict" ] && dict=(-dict="$here/dicts/$target.dict")

# -jobs=1 -workers=1: one fuzzing process at a time; libFuzzer then writes the child's output to
# fuzz-0.log in the current folder, so run from a scratch folder and show the log at the end.
logdir="$here/.build/logs/$target"
mkdir -p "$logdir"
cd "$logdir"
rm -f fuzz-0.log
status=0
# Swift's own crash backtracer trips AddressSanitizer (a stack-buffer-underflow inside the
# handler) and hides the real failure; leave crash reporting to libFuzzer.
export SWIFT_BACKTRACE=enable=no
"$here/.build/debug/$target" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=5 \
    -workers=1 -jobs=1 -print_final_stats=1 \
    -artifact_prefix="$artifacts/$target-" "${dict[@]}" "$@" \
    "$work" "$seeds" >"$logdir/driver.log" 2>&1 || status=$?
log="$logdir/driver.log"
[ -f fuzz-0.log ] && cp fuzz-0.log "$logdir/last.log" && log="$logdir/last.log"
if [ "$status" -eq 0 ]; then
    # The seed line, the final line (execs, cov, ft, corpus) and the final statistics.
    grep -E "INITED|DONE|^stat::" "$log" || tail -20 "$log"
else
    tail -60 "$log"
    echo "FAILED (exit $status): see the artifacts written to $artifacts/$target-*" >&2
fi
echo "full log: $log; new corpus: $work" >&2
exit "$status"
