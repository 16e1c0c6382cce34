#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "ledger/alert.hpp"
#include "ledger/store_unavailable.hpp"

namespace bank {

// People's alert rules, their notifications and the alert evaluator's cursor. No money moves,
// so nothing waits in the writer's queue: each change is one conditional write. May be called
// from any thread at once; a backend that cannot answer throws StoreUnavailable.
class NotificationStore {
public:
    virtual ~NotificationStore() = default;

    // A person's rules, oldest first (strongly consistent; at most
    // limits::alert_rules_per_user_max are ever stored).
    virtual std::vector<AlertRule> list_alert_rules(std::string_view user_id) = 0;
    // False, writing nothing, when the rule's id is taken.
    virtual bool add_alert_rule(const AlertRule& rule) = 0;
    // False when the person has no rule of that id.
    virtual bool remove_alert_rule(std::string_view user_id, std::string_view rule_id) = 0;
    // Whether anybody has a rule (one small read: the evaluator's idle check, IdleGate).
    virtual bool any_alert_rule() = 0;

    // Stores the notification only if none of its id exists (the id is deterministic, so a
    // repeat writes nothing); true when this call stored it.
    virtual bool add_notification(const Notification& notification) = 0;
    // The person's newest `limit` notifications, newest first.
    virtual std::vector<Notification> list_notifications(std::string_view user_id,
                                                         std::size_t limit) = 0;
    // How many of the person's notifications are unread (one bounded read: at most
    // limits::notifications_per_user_max are kept).
    virtual std::size_t count_unread_notifications(std::string_view user_id) = 0;
    // Marks one as read; false when the person has none of that id (read or not, it is true).
    virtual bool mark_notification_read(std::string_view user_id,
                                        std::string_view notification_id) = 0;
    // Removes the person's oldest notifications beyond the newest `keep`.
    virtual void trim_notifications(std::string_view user_id, std::size_t keep) = 0;

    // The evaluator's cursor (version 0 and an empty position when never written).
    virtual AlertCursor find_alert_cursor() = 0;
    // Writes `next` only over the stored version `next.version - 1` (1: only if absent).
    virtual bool save_alert_cursor(const AlertCursor& next) = 0;
};

}  // namespace bank
