// A TCP relay on 127.0.0.1 that counts the bytes passing each way, for measuring what a
// request costs on the wire (TLS records and handshakes included). Standard library and
// POSIX only. Failures to set up throw std::runtime_error.
#pragma once

#include <cstdint>
#include <memory>

namespace treffpunkt::test {

class ByteRelay {
  public:
    // Listens on 127.0.0.1 (any free port) and forwards every connection to
    // 127.0.0.1:`target_port`.
    explicit ByteRelay(int target_port);
    ~ByteRelay();
    ByteRelay(const ByteRelay&) = delete;
    ByteRelay& operator=(const ByteRelay&) = delete;

    int port() const;
    std::uint64_t bytes_up() const;    // client -> server
    std::uint64_t bytes_down() const;  // server -> client
    int connections() const;           // accepted so far
    void ResetCounts();
    // Closes the relayed connections (the client must connect anew).
    void CloseConnections();

  private:
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace treffpunkt::test
