#include "storage/dynamodb/curl_handle_pool.hpp"

#include <curl/curl.h>

#include <stdexcept>

namespace bank {

namespace {

void initialise_curl_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            throw std::runtime_error("dynamodb: libcurl failed to initialise");
        }
    });
}

}  // namespace

CurlHandlePool::CurlHandlePool(std::size_t idle_max) : idle_max_(idle_max) {
    initialise_curl_once();
}

CurlHandlePool::~CurlHandlePool() {
    for (CURL* handle : idle_) curl_easy_cleanup(handle);
}

CurlHandlePool::Handle CurlHandlePool::acquire() {
    CURL* handle = nullptr;
    {
        const std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            handle = idle_.back();
            idle_.pop_back();
        }
    }
    if (handle == nullptr) handle = curl_easy_init();
    if (handle == nullptr) throw std::runtime_error("dynamodb: curl_easy_init failed");
    return Handle(handle, Release{this});
}

void CurlHandlePool::release(CURL* handle) {
    // Options are set anew for every request; the reset keeps the live connection.
    curl_easy_reset(handle);
    {
        const std::lock_guard lock(mutex_);
        if (idle_.size() < idle_max_) {
            idle_.push_back(handle);
            return;
        }
    }
    curl_easy_cleanup(handle);
}

}  // namespace bank
