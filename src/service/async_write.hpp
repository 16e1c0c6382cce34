#pragma once

#include <memory>
#include <utility>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "ledger/ledger_writer.hpp"

namespace bank {

// Hands a command to the store's writer and resumes the calling coroutine on its own
// executor once the outcome is durable.
inline boost::asio::awaitable<WriteResult> async_write(LedgerWriter& store, WriteCommand command) {
    // The command travels in a shared_ptr rather than as an initiation argument, so no
    // copy of it lives in a temporary of the co_await expression.
    auto pending = std::make_shared<WriteCommand>(std::move(command));
    auto initiate = [&store, pending](auto handler) {
        auto executor = boost::asio::get_associated_executor(handler);
        auto work = boost::asio::make_work_guard(executor);
        auto shared = std::make_shared<decltype(handler)>(std::move(handler));
        store.submit(std::move(*pending), [shared, work](WriteResult result) mutable {
            // Moved, so this thread lets go of the handler as soon as it is posted.
            auto resume = [shared = std::move(shared), result = std::move(result)]() mutable {
                (*shared)(std::move(result));
            };
            boost::asio::post(work.get_executor(), std::move(resume));
            work.reset();
        });
    };
    co_return co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable),
                                                   void(WriteResult)>(std::move(initiate),
                                                                      boost::asio::use_awaitable);
}

}  // namespace bank
