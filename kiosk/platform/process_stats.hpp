// Numbers about this process for --stats and the benchmarks: age, peak memory, CPU time.
// Linux /proc and clock_gettime; no GUI dependency.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace treffpunkt {

// Milliseconds since the process started (from /proc/self/stat), or -1 if unknown.
double ProcessAgeMs();
// Peak resident set size (VmHWM) in KiB, or 0 if unknown.
std::int64_t PeakRssKb();
// CPU time of the calling thread, and of the whole process, in milliseconds.
double ThreadCpuMs();
double ProcessCpuMs();

// What --stats writes on exit.
struct GuiStats {
    double first_frame_ms{-1.0};  // process start to the first frame presented
    std::uint64_t frames_rendered{0};
    std::int64_t peak_rss_kb{0};
    std::vector<double> frame_cpu_ms;  // CPU time to build each frame (input, layout, draw lists)
    double process_cpu_ms{0.0};
};

// p in 0..100 of `values` (sorted copy), 0 if empty.
double Percentile(std::vector<double> values, double p);
// The JSON object of --stats.
std::string StatsJson(const GuiStats& stats);

}  // namespace treffpunkt
