// A fresh directory under $TMPDIR (or /tmp) for one test, removed with everything in it when
// the object goes. Standard library and POSIX only. Failures throw std::runtime_error.
#pragma once

#include <string>

namespace treffpunkt::test {

class TempDir {
  public:
    explicit TempDir(const std::string& prefix = "treffpunkt-test");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return m_path; }
    // path() + "/" + name
    std::string File(const std::string& name) const { return m_path + "/" + name; }

  private:
    std::string m_path;
};

}  // namespace treffpunkt::test
