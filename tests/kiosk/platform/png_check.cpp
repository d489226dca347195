// png_check FILE...: exit 0 if every PNG shows something (not blank), else 1 with the reason.
// A picture is blank if almost every pixel has the same colour.
// png_check --same A B: exit 0 if the two PNGs show the same picture up to anti-aliasing (the
// software renderer against OpenGL): same size, mean difference per channel below 1 of 255,
// and under 0.5 % of the pixels off by more than 48 in a channel.
#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>

namespace {

int Same(const char* a_path, const char* b_path) {
    int aw = 0, ah = 0, an = 0, bw = 0, bh = 0, bn = 0;
    unsigned char* a = stbi_load(a_path, &aw, &ah, &an, 4);
    unsigned char* b = stbi_load(b_path, &bw, &bh, &bn, 4);
    if (a == nullptr || b == nullptr || aw != bw || ah != bh) {
        std::fprintf(stderr, "%s / %s: unreadable or of different sizes\n", a_path, b_path);
        return 1;
    }
    const long total = static_cast<long>(aw) * ah;
    double sum = 0.0;
    long off = 0;
    for (long p = 0; p < total; ++p) {
        int worst = 0;
        for (int c = 0; c < 3; ++c) {
            const int d = std::abs(a[p * 4 + c] - b[p * 4 + c]);
            sum += d;
            worst = d > worst ? d : worst;
        }
        off += worst > 48 ? 1 : 0;
    }
    stbi_image_free(a);
    stbi_image_free(b);
    const double mean = sum / static_cast<double>(total * 3);
    const double off_share = static_cast<double>(off) / static_cast<double>(total);
    const bool same = mean < 1.0 && off_share < 0.005;
    std::printf("%s vs %s: mean difference %.3f, %.3f%% of pixels off by > 48: %s\n", a_path,
                b_path, mean, off_share * 100.0, same ? "same" : "DIFFERENT");
    return same ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 4 && std::strcmp(argv[1], "--same") == 0) {
        return Same(argv[2], argv[3]);
    }
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
