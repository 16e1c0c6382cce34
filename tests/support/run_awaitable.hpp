#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <optional>
#include <type_traits>
#include <utility>

namespace bank::test {

// Runs a service's coroutine to its end on an io_context of its own and returns what it
// returned (or rethrows what it threw): how the service tests call the awaitable methods.
template <class T>
T run_awaitable(boost::asio::awaitable<T> task) {
    boost::asio::io_context io;
    if constexpr (std::is_void_v<T>) {
        auto done = boost::asio::co_spawn(io, std::move(task), boost::asio::use_future);
        io.run();
        done.get();
    } else {
        std::optional<T> out;
        auto keep = [](boost::asio::awaitable<T> inner,
                       std::optional<T>* into) -> boost::asio::awaitable<void> {
            into->emplace(co_await std::move(inner));
        };
        auto done = boost::asio::co_spawn(io, keep(std::move(task), &out), boost::asio::use_future);
        io.run();
        done.get();
        return std::move(*out);
    }
}

}  // namespace bank::test
