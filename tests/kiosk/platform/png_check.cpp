// png_check FILE...: exit 0 if every PNG shows something (not blank), else 1 with the reason.
// A picture is blank if almost every pixel has the same colour.
#include <stb_image.h>

#include <cstdio>
#include <map>

int main(int argc, char** argv) {
    int failures = 0;
    for (int i = 1; i < argc; ++i) {
        int w = 0;
        int h = 0;
        int n = 0;
        unsigned char* pixels = stbi_load(argv[i], &w, &h, &n, 4);
        if (pixels == nullptr) {
            std::fprintf(stderr, "%s: cannot read PNG\n", argv[i]);
            ++failures;
            continue;
        }
        std::map<unsigned, long> counts;
        const long total = static_cast<long>(w) * h;
        for (long p = 0; p < total; ++p) {
            const unsigned char* px = pixels + p * 4;
            ++counts[(px[0] << 16) | (px[1] << 8) | px[2]];
        }
        long most = 0;
        for (const auto& [color, count] : counts) {
            most = count > most ? count : most;
        }
        const double other = 1.0 - static_cast<double>(most) / static_cast<double>(total);
        if (counts.size() < 8 || other < 0.02) {
            std::fprintf(stderr, "%s: blank (%zu colours, %.1f%% not background)\n", argv[i],
                         counts.size(), other * 100.0);
            ++failures;
        } else {
            std::printf("%s: %dx%d, %zu colours, %.1f%% drawn\n", argv[i], w, h, counts.size(),
                        other * 100.0);
        }
        stbi_image_free(pixels);
    }
    return failures == 0 ? 0 : 1;
}
