#include "tests/support/markdown_examples.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace treffpunkt::test {

std::vector<MarkdownBlock> ReadMarkdownBlocks(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    std::vector<MarkdownBlock> blocks;
    std::string line;
    int number = 0;
    MarkdownBlock* open = nullptr;
    while (std::getline(in, line)) {
        ++number;
        const size_t indent = line.find_first_not_of(' ');
        const bool fence = indent != std::string::npos && line.compare(indent, 3, "```") == 0;
        if (open == nullptr && fence) {
            MarkdownBlock block;
            block.line = number;
            std::istringstream info(line.substr(indent + 3));
            info >> block.language;
            std::string word;
            while (info >> word) {
                if (word.rfind("example=", 0) == 0) {
                    block.name = word.substr(8);
                }
            }
            blocks.push_back(block);
            open = &blocks.back();
        } else if (open != nullptr && fence) {
            open = nullptr;
        } else if (open != nullptr) {
            open->text += line + "\n";
        }
    }
    if (open != nullptr) {
        throw std::runtime_error(path + ":" + std::to_string(open->line) +
                                 ": code block is not closed");
    }
    return blocks;
}

std::map<std::string, MarkdownBlock> NamedExamples(const std::vector<MarkdownBlock>& blocks) {
    std::map<std::string, MarkdownBlock> named;
    for (const MarkdownBlock& b : blocks) {
        if (b.name.empty()) {
            continue;
        }
        if (!named.emplace(b.name, b).second) {
            throw std::runtime_error("example " + b.name + " is defined twice (line " +
                                     std::to_string(b.line) + ")");
        }
    }
    return named;
}

}  // namespace treffpunkt::test
