#!/usr/bin/env bash
# Kiosk benchmark under Xvfb; prints one JSON line per measurement.
#   cold start to first frame (sample data), memory with the sample and with 10,000 offers,
#   frame CPU time p50/p99 while scrolling the 10,000-offer list, frames and CPU seconds while
#   untouched (IDLE_S seconds, default 60; IDLE_S=10 for a quick run), after the first second.
# Every line names its renderer. Under Xvfb (no direct rendering) the kiosk's default
# ("auto") is its own CPU rasterizer ("software"); the memory, scroll and cold-start lines are
# repeated with renderer = "opengl" (Mesa's llvmpipe, whose libLLVM alone is ~55 MB of
# resident file pages). peak_rss_kb is the whole resident set; anon_peak_kb /
# private_dirty_peak_kb what the process allocated itself; heap_in_use_exit_kb what malloc has
# handed out at exit. frame_cpu_ms is building a frame (layout, draw lists: the 4 ms target),
# render_cpu_ms drawing it (rasterizing, or handing it to OpenGL).
# Usage: kiosk_bench.sh KIOSK_BINARY MAKE_DATASET SOURCE_DIR
# Environment: IDLE_S (60), OFFERS (10000), COLD_RUNS (5); the test suite's smoke run uses
# IDLE_S=1 OFFERS=500 COLD_RUNS=1.
set -euo pipefail
kiosk=$1; make_dataset=$2; src=$3
idle_s=${IDLE_S:-60}
offers=${OFFERS:-10000}
cold_runs=${COLD_RUNS:-5}
command -v Xvfb >/dev/null || { echo '{"skipped": "Xvfb is not installed"}'; exit 0; }
work=$(mktemp -d)
display_no=$(( 500 + $$ % 400 ))
while [ -e "/tmp/.X11-unix/X$display_no" ]; do display_no=$(( display_no + 1 )); done
Xvfb ":$display_no" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null; wait $xvfb_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X$display_no" ] && break; sleep 0.05; done
export DISPLAY=":$display_no"
printf '[display]\ndiagonal_in = 7.0\n' >"$work/k.toml"
printf '[display]\ndiagonal_in = 7.0\nrenderer = "opengl"\n' >"$work/k-opengl.toml"

"$kiosk" --db "$work/sample.db" import "$src/assets/sample/saarlouis.json" >/dev/null
"$make_dataset" "$src/assets/sample/saarlouis.json" "$work/10k.json" "$offers" >/dev/null
"$kiosk" --db "$work/10k.db" import "$work/10k.json" >/dev/null

field() { sed -n "s/.*\"$2\": \([0-9.]*\).*/\1/p" "$1"; }
renderer() { sed -n 's/.*"renderer": "\([a-z]*\)".*/\1/p' "$1"; }

memory() {  # memory NAME STATS_JSON OFFERS: one JSON line
    echo "{\"bench\": \"$1\", \"renderer\": \"$(renderer "$2")\", \"offers\": $3, \"peak_rss_kb\": $(field "$2" peak_rss_kb), \"anon_peak_kb\": $(field "$2" anon_peak_kb), \"private_dirty_peak_kb\": $(field "$2" private_dirty_peak_kb), \"heap_in_use_exit_kb\": $(field "$2" heap_in_use_exit_kb), \"target_rss_kb\": 40960}"
}

for config in k k-opengl; do
    # Cold start: best of 5 (the first run also warms the page cache).
    printf 'quit\n' >"$work/quit.script"
    best=""
    for _ in $(seq "$cold_runs"); do
        "$kiosk" --db "$work/sample.db" --config "$work/$config.toml" --window 800x480 \
            --script "$work/quit.script" --stats "$work/cold.json"
        ms=$(field "$work/cold.json" first_frame_ms)
        if [ -z "$best" ] || awk "BEGIN{exit !($ms < $best)}"; then best=$ms; fi
    done
    echo "{\"bench\": \"kiosk_cold_start\", \"renderer\": \"$(renderer "$work/cold.json")\", \"first_frame_ms\": $best, \"target_ms\": 150}"

    # Memory with the sample data (home, results, a detail).
    printf 'tap Angebote\ntap Kostenlos\ntap Kostenlos\ntap Suchen\ntype Deutschkurs\ntap Fertig\ntap Deutschkurs A1 – für Anfängerinnen und Anfänger\nwait 300\nquit\n' >"$work/visit.script"
    "$kiosk" --db "$work/sample.db" --config "$work/$config.toml" --window 800x480 \
        --script "$work/visit.script" --stats "$work/sample.json"
    memory kiosk_memory_sample "$work/sample.json" 83

    # 10,000 offers: open the list and flick through it for a few seconds.
    {
        echo "tap Angebote"
        for _ in $(seq 12); do echo "drag 400 430 400 130 80"; echo "wait 400"; done
        echo "quit"
    } >"$work/scroll.script"
    "$kiosk" --db "$work/10k.db" --config "$work/$config.toml" --window 800x480 \
        --script "$work/scroll.script" --stats "$work/scroll.json"
    echo "{\"bench\": \"kiosk_scroll_10k\", \"renderer\": \"$(renderer "$work/scroll.json")\", \"offers\": $offers, \"frames\": $(field "$work/scroll.json" frames_rendered), \"frame_cpu_ms_p50\": $(field "$work/scroll.json" frame_cpu_ms_p50), \"frame_cpu_ms_p99\": $(field "$work/scroll.json" frame_cpu_ms_p99), \"render_cpu_ms_p50\": $(field "$work/scroll.json" render_cpu_ms_p50), \"render_cpu_ms_p99\": $(field "$work/scroll.json" render_cpu_ms_p99), \"target_p99_ms\": 4}"
    memory kiosk_memory_10k "$work/scroll.json" "$offers"
done

# Untouched: frames and CPU after the first second = (run of 1+IDLE_S s) - (run of 1 s). The
# start-up's CPU varies by a few tens of milliseconds, about as much as a minute of idling
# costs: the 1 s run is taken three times and the cheapest subtracted (which errs high).
base_cpu=""
for _ in 1 2 3; do
    "$kiosk" --db "$work/sample.db" --config "$work/k.toml" --window 800x480 --exit-after 1 \
        --stats "$work/idle1.json"
    c=$(field "$work/idle1.json" process_cpu_ms)
    if [ -z "$base_cpu" ] || awk "BEGIN{exit !($c < $base_cpu)}"; then base_cpu=$c; fi
done
"$kiosk" --db "$work/sample.db" --config "$work/k.toml" --window 800x480 \
    --exit-after $(( idle_s + 1 )) --stats "$work/idleN.json"
frames=$(( $(field "$work/idleN.json" frames_rendered) - $(field "$work/idle1.json" frames_rendered) ))
cpu=$(awk "BEGIN{printf \"%.3f\", ($(field "$work/idleN.json" process_cpu_ms) - $base_cpu) / 1000}")
echo "{\"bench\": \"kiosk_idle\", \"renderer\": \"$(renderer "$work/idleN.json")\", \"seconds\": $idle_s, \"frames_rendered\": $frames, \"cpu_s\": $cpu, \"note\": \"the clock redraws once per minute\"}"
