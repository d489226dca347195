// make_kiosk_dataset SAMPLE.json OUT.json N: the sample dataset with its offers repeated and
// varied until there are N, for the kiosk benchmark (RSS and scrolling with 10,000 offers).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "sync/model/dataset.hpp"
#include "sync/model/validation.hpp"

using namespace treffpunkt;

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s SAMPLE.json OUT.json N\n", argv[0]);
        return 2;
    }
    std::vector<Problem> problems;
    auto text = ReadTextFile(argv[1]);
    if (!text) {
        std::fprintf(stderr, "%s\n", text.error().message.c_str());
        return 1;
    }
    auto dataset = ParseDataset(*text, problems);
    if (!dataset) {
        std::fprintf(stderr, "%s\n", problems.empty() ? "invalid" : problems[0].ToString().c_str());
        return 1;
    }
    const size_t n = std::strtoul(argv[3], nullptr, 10);
    const std::vector<Offer> originals = dataset->offers;
    for (size_t i = 0; dataset->offers.size() < n; ++i) {
        Offer o = originals[i % originals.size()];
        o.meta.id = NewUuid();
        for (auto& [lang, title] : o.title.by_lang) {
            title += " (" + std::to_string(i + 1) + ")";
        }
        dataset->offers.push_back(std::move(o));
    }
    if (auto r = WriteFileAtomically(argv[2], SerializeDataset(*dataset)); !r) {
        std::fprintf(stderr, "%s\n", r.error().message.c_str());
        return 1;
    }
    std::printf("%zu offers written to %s\n", dataset->offers.size(), argv[2]);
    return 0;
}
