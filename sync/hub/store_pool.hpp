// A pool of HubStore connections for the server's threads: a request borrows one and gives it
// back when done. Connections are opened on demand (at most one per concurrent request).
// Thread-safe. No HTTP here.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sync/hub/hub_store.hpp"

namespace treffpunkt::hub {

class StorePool {
  public:
    StorePool(std::string path, DatabaseOptions options)
        : m_path(std::move(path)), m_options(options) {}

    // A borrowed connection; returned to the pool on destruction.
    class Lease {
      public:
        Lease(StorePool& pool, std::unique_ptr<HubStore> store)
            : m_pool(&pool), m_store(std::move(store)) {}
        Lease(Lease&&) noexcept = default;
        Lease& operator=(Lease&&) noexcept = default;
        ~Lease();
        HubStore& operator*() { return *m_store; }
        HubStore* operator->() { return m_store.get(); }

      private:
        StorePool* m_pool;
        std::unique_ptr<HubStore> m_store;
    };

    // An idle connection, or a new one. Errors as HubStore::Open.
    Result<Lease> Acquire();

  private:
    void Return(std::unique_ptr<HubStore> store);

    std::string m_path;
    DatabaseOptions m_options;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<HubStore>> m_idle;
};

}  // namespace treffpunkt::hub
