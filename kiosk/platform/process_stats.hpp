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

// The process's memory now, from /proc/self/smaps_rollup (KiB; 0 if unknown). Resident memory
// mixes what is ours with shared libraries' file pages (under Xvfb the software OpenGL's
// libLLVM alone maps ~55 MB); anonymous and private dirty memory is what the process itself
// allocated (heap, stacks, the GL driver's buffers, libraries' relocated data).
struct MemorySample {
    std::int64_t rss_kb{0};
    std::int64_t anonymous_kb{0};      // heap, anonymous mappings
    std::int64_t private_dirty_kb{0};  // anonymous + written private file pages
};
MemorySample SampleMemory();
// Bytes the allocator hands out right now (glibc mallinfo2: in use, incl. large blocks), KiB.
std::int64_t HeapInUseKb();
// CPU time of the calling thread, and of the whole process, in milliseconds.
double ThreadCpuMs();
double ProcessCpuMs();

// What --stats writes on exit.
struct GuiStats {
    double first_frame_ms{-1.0};  // process start to the first frame presented
    std::uint64_t frames_rendered{0};
    std::int64_t peak_rss_kb{0};
    MemorySample peak_memory;  // the largest of each field over the samples taken while running
    MemorySample exit_memory;  // at exit
    std::int64_t heap_in_use_kb{0};     // at exit
    std::vector<double> frame_cpu_ms;   // CPU time to build each frame (input, layout, draw lists)
    std::vector<double> render_cpu_ms;  // CPU time to draw each frame (rasterize or submit to GL)
    std::string renderer;               // "opengl" or "software"
    std::string present;                // "swap", "shm" or "socket" (FrameRenderer::PresentPath)
    double process_cpu_ms{0.0};
    std::uint64_t night_darkenings{0};  // times the night schedule turned the display dark
};

// Keeps the larger of each field.
void KeepPeak(MemorySample& peak, const MemorySample& sample);
// p in 0..100 of `values` (sorted copy), 0 if empty.
double Percentile(std::vector<double> values, double p);
// The JSON object of --stats.
std::string StatsJson(const GuiStats& stats);

}  // namespace treffpunkt
