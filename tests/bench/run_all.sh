#!/usr/bin/env bash
# Runs every benchmark of a Release build and prints their JSON lines (one object per figure,
# each with its "bench" and "what"); see README "Benchmarks" for the targets.
#   tests/bench/run_all.sh [BUILD_DIR]          default build/release
# Environment: QUICK=1 for a short run (fewer repetitions; not for the README's figures).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=${1:-$repo/build/release}
for program in replica/bench_replica hub/bench_hub client/bench_client kiosk/make_kiosk_dataset; do
    if [ ! -x "$build/tests/bench/$program" ]; then
        echo "run_all.sh: $build/tests/bench/$program is missing: cmake --preset release &&" \
            "cmake --build --preset release" >&2
        exit 1
    fi
done
if [ -n "${QUICK:-}" ]; then
    "$build/tests/bench/replica/bench_replica" --offers 2000
    "$build/tests/bench/hub/bench_hub" --seconds 2
    "$build/tests/bench/client/bench_client" --records 2000 --repeat 2
    IDLE_S=5 OFFERS=2000 COLD_RUNS=1 "$here/kiosk/kiosk_bench.sh" \
        "$build/kiosk/treffpunkt-kiosk" "$build/tests/bench/kiosk/make_kiosk_dataset" "$repo"
else
    "$build/tests/bench/replica/bench_replica"
    "$build/tests/bench/hub/bench_hub"
    "$build/tests/bench/client/bench_client"
    "$here/kiosk/kiosk_bench.sh" "$build/kiosk/treffpunkt-kiosk" \
        "$build/tests/bench/kiosk/make_kiosk_dataset" "$repo"
fi
