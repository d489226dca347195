#!/usr/bin/env bash
# Builds the protocol decoders' libFuzzer target with clang and runs it.
#
#   tests/fuzz/run_fuzz.sh                      20 s (what ctest runs)
#   tests/fuzz/run_fuzz.sh --seconds 3600       an hour
#   tests/fuzz/run_fuzz.sh --seconds 0 --jobs 2 until stopped (Ctrl-C), two processes
#
# Options: --seconds N (0 = no limit), --jobs N, --build-dir DIR (default build/fuzz).
# New inputs are kept in DIR/corpus; the seeds come from tests/fuzz/corpus. A crash leaves
# crash-* files in DIR with the input that caused it and exits non-zero; reproduce with
#   DIR/fuzz_protocol_decoders DIR/crash-…
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
seconds=20
jobs=1
build="$repo/build/fuzz"
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds=$2; shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        --build-dir) build=$2; shift 2 ;;
        *) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done

clangxx=$(command -v clang++ || command -v clang++-14 || true)
if [ -z "$clangxx" ]; then
    echo "run_fuzz.sh: clang++ is needed (Debian: apt-get install clang libclang-rt-14-dev)" >&2
    exit 1
fi
generator=()
if command -v ninja >/dev/null; then
    generator=(-G Ninja)
fi
cmake -S "$here" -B "$build" "${generator[@]}" -DCMAKE_CXX_COMPILER="$clangxx" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
# Quiet when it works; the whole log when it does not.
if ! log=$(cmake --build "$build" -j "$(nproc)" 2>&1); then
    printf '%s\n' "$log" >&2
    echo "run_fuzz.sh: building the fuzz target failed" >&2
    exit 1
fi

mkdir -p "$build/corpus"
cd "$build"
args=(-max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
if [ "$seconds" -gt 0 ]; then
    args+=(-max_total_time="$seconds")
fi
if [ "$jobs" -gt 1 ]; then
    args+=(-jobs="$jobs" -workers="$jobs")
fi
exec ./fuzz_protocol_decoders "${args[@]}" corpus "$here/corpus/protocol_decoders"
