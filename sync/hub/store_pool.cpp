#include "sync/hub/store_pool.hpp"

namespace treffpunkt::hub {

StorePool::Lease::~Lease() {
    if (m_store) {
        m_pool->Return(std::move(m_store));
    }
}

Result<StorePool::Lease> StorePool::Acquire() {
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            std::unique_ptr<HubStore> store = std::move(m_idle.back());
            m_idle.pop_back();
            return Lease(*this, std::move(store));
        }
    }
    auto store = HubStore::Open(m_path, m_options);
    if (!store) {
        return Unexpected<Error>(store.error());
    }
    return Lease(*this, std::move(*store));
}

void StorePool::Return(std::unique_ptr<HubStore> store) {
    // A connection with a pending error would poison the next request: drop it.
    if (!store->db().ok()) {
        return;
    }
    std::lock_guard lock(m_mutex);
    m_idle.push_back(std::move(store));
}

}  // namespace treffpunkt::hub
