#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

using CURL = void;  // as <curl/curl.h> declares it, without including it here

namespace bank {

// Reuses libcurl easy handles, so each keeps its connection (and TLS session) to DynamoDB
// alive between requests from any thread. At most `idle_max` idle handles are kept.
class CurlHandlePool {
public:
    struct Release {
        CurlHandlePool* pool;
        void operator()(CURL* handle) const { pool->release(handle); }
    };
    using Handle = std::unique_ptr<CURL, Release>;

    explicit CurlHandlePool(std::size_t idle_max);
    ~CurlHandlePool();
    CurlHandlePool(const CurlHandlePool&) = delete;
    CurlHandlePool& operator=(const CurlHandlePool&) = delete;

    Handle acquire();

private:
    void release(CURL* handle);

    std::size_t idle_max_;
    std::mutex mutex_;
    std::vector<CURL*> idle_;
};

}  // namespace bank
