// Named examples in Markdown documents, so that tests can check them: a fenced block opened
// with "```json example=NAME" is the example NAME. Standard library only; throws
// std::runtime_error if the file cannot be read.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace treffpunkt::test {

struct MarkdownBlock {
    std::string language;  // "json", "sh", … ("" if none)
    std::string name;      // from example=NAME; "" if the block has none
    std::string text;      // the lines between the fences
    int line{0};           // 1-based line of the opening fence
};

// Every fenced block of the file, in order.
std::vector<MarkdownBlock> ReadMarkdownBlocks(const std::string& path);

// The named blocks by name; a name used twice throws.
std::map<std::string, MarkdownBlock> NamedExamples(const std::vector<MarkdownBlock>& blocks);

}  // namespace treffpunkt::test
