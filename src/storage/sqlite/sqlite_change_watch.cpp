#include "storage/sqlite/sqlite_change_watch.hpp"

#include <spdlog/spdlog.h>

#include <exception>
#include <functional>
#include <type_traits>
#include <variant>

namespace bank {

SqliteChangeWatch::SqliteChangeWatch(SqliteConnection& writer)
    : writer_(writer),
      writer_seen_(writer.data_version()),
      observer_(
          std::make_unique<SqliteConnection>(writer.path(), SqliteConnection::Mode::read_only)),
      observed_(observer_->data_version()) {}

std::atomic<std::uint64_t>& SqliteChangeWatch::bucket(std::string_view id) {
    return versions_[std::hash<std::string_view>{}(id) % buckets];
}

void SqliteChangeWatch::bump(std::string_view id) {
    if (!id.empty()) bucket(id).fetch_add(1);
}

void SqliteChangeWatch::committed(const WriteCommand& command, const WriteResult& result) {
    // A refused command was rolled back to its savepoint; a duplicate changed nothing.
    if (result.status != WriteStatus::ok) return;
    std::visit(
        [this](const auto& typed) {
            if constexpr (requires { typed.user_id; }) {
                bump(typed.user_id);
            } else if constexpr (requires { typed.user.user_id; }) {
                bump(typed.user.user_id);
            } else if constexpr (requires { typed.session.user_id; }) {
                bump(typed.session.user_id);
            } else if constexpr (requires { typed.rule.user_id; }) {
                bump(typed.rule.user_id);
            } else if constexpr (requires { typed.event.user_id; }) {
                bump(typed.event.user_id);
            } else if constexpr (requires { typed.events; }) {
                for (const AuditEvent& event : typed.events) bump(event.user_id);
            }
            // TouchSession and DeleteSession name a session only and change nothing shown.
        },
        command);
    if (result.account) bump(result.account->account_id);
    for (const Transaction& row : result.transactions) bump(row.account_id);
    for (const WriteResult& item : result.items) {
        for (const Transaction& row : item.transactions) bump(row.account_id);
    }
}

void SqliteChangeWatch::after_batch() {
    try {
        if (!writer_.try_begin_immediate()) {
            // Another process is writing right now: whatever it commits is not ours.
            epoch_.fetch_add(1);
            return;
        }
        const std::int64_t writer_version = writer_.data_version();
        if (writer_version != writer_seen_) {
            writer_seen_ = writer_version;
            epoch_.fetch_add(1);
        }
        {
            const std::lock_guard lock(observer_mutex_);
            observed_ = observer_->data_version();
        }
        writer_.execute("COMMIT");
    } catch (const std::exception& error) {
        spdlog::error("sqlite store: checking for other writers failed: {}", error.what());
        epoch_.fetch_add(1);
        try {
            if (writer_.in_transaction()) writer_.execute("ROLLBACK");
        } catch (const std::exception& rollback_error) {
            spdlog::error("sqlite store: rollback failed: {}", rollback_error.what());
        }
    }
}

std::uint64_t SqliteChangeWatch::version(const std::vector<std::string>& ids) {
    {
        const std::lock_guard lock(observer_mutex_);
        const std::int64_t now = observer_->data_version();
        if (now != observed_) {
            observed_ = now;
            epoch_.fetch_add(1);
        }
    }
    std::uint64_t version = epoch_.load();
    // Every counter only grows, so the sum grows whenever one of them does.
    for (const std::string& id : ids) version += bucket(id).load();
    return version;
}

}  // namespace bank
