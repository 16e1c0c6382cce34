#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "ledger/ledger_writer.hpp"

namespace bank {

// A write handed to the store at once and awaited later, so that it runs alongside the
// caller's other writes instead of after them: a coroutine that must not answer before the
// write is durable, but need not wait for it alone, starts it early and joins it last.
class PendingWrite {
public:
    PendingWrite(LedgerWriter& store, WriteCommand command) : state_(std::make_shared<State>()) {
        store.submit(std::move(command), [state = state_](WriteResult result) {
            std::function<void(WriteResult)> waiter;
            {
                std::lock_guard lock(state->mutex);
                if (!state->waiter) {
                    state->result = std::move(result);
                    return;
                }
                waiter = std::move(state->waiter);
            }
            waiter(std::move(result));
        });
    }

    // Resumes on the caller's executor once the write is durable (at once if it is already).
    boost::asio::awaitable<WriteResult> wait() {
        auto initiate = [state = state_](auto handler) {
            auto work = boost::asio::make_work_guard(boost::asio::get_associated_executor(handler));
            auto shared = std::make_shared<decltype(handler)>(std::move(handler));
            auto resume = [shared, work](WriteResult result) mutable {
                auto call = [shared = std::move(shared), result = std::move(result)]() mutable {
                    (*shared)(std::move(result));
                };
                boost::asio::post(work.get_executor(), std::move(call));
                work.reset();
            };
            std::optional<WriteResult> ready;
            {
                std::lock_guard lock(state->mutex);
                if (state->result) {
                    ready = std::move(state->result);
                } else {
                    state->waiter = std::move(resume);
                }
            }
            // `resume` was moved only when no result was ready, so it is whole here.
            if (ready) resume(std::move(*ready));  // NOLINT(bugprone-use-after-move)
        };
        co_return co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable),
                                                       void(WriteResult)>(
            std::move(initiate), boost::asio::use_awaitable);
    }

private:
    struct State {
        std::mutex mutex;
        std::optional<WriteResult> result;
        std::function<void(WriteResult)> waiter;
    };

    std::shared_ptr<State> state_;
};

}  // namespace bank
