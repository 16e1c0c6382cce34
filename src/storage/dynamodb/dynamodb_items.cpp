#include "storage/dynamodb/dynamodb_items.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace bank::dynamodb_items {

namespace {

template <typename Enum>
Enum parse_or_throw(std::optional<Enum> parsed, const boost::json::object& item,
                    std::string_view name) {
    if (!parsed) {
        throw std::runtime_error("dynamodb: unknown " + std::string(name) + " '" +
                                 text_of(item, name) + "'");
    }
    return *parsed;
}

}  // namespace

boost::json::object string_value(std::string_view text) { return boost::json::object{{"S", text}}; }

boost::json::object number_value(std::int64_t number) {
    return boost::json::object{{"N", std::to_string(number)}};
}

std::string text_of(const boost::json::object& item, std::string_view name) {
    const auto* attribute = item.if_contains(name);
    if (attribute == nullptr || !attribute->is_object()) return {};
    const auto* text = attribute->get_object().if_contains("S");
    return text != nullptr && text->is_string() ? std::string(text->get_string()) : std::string();
}

std::int64_t number_of(const boost::json::object& item, std::string_view name) {
    const auto* attribute = item.if_contains(name);
    if (attribute == nullptr || !attribute->is_object()) return 0;
    const auto* number = attribute->get_object().if_contains("N");
    if (number == nullptr || !number->is_string()) return 0;
    const auto& text = number->get_string();
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        throw std::runtime_error("dynamodb: attribute " + std::string(name) +
                                 " is not an integer: " + std::string(text));
    }
    return value;
}

std::string fold_case(std::string_view text) {
    std::string folded(text);
    for (char& character : folded) {
        if (character >= 'A' && character <= 'Z')
            character = static_cast<char>(character - 'A' + 'a');
    }
    return folded;
}

boost::json::object user_item(const User& user) {
    return {{"user_id", string_value(user.user_id)},
            {"email", string_value(user.email)},
            {"password_hash", string_value(user.password_hash)},
            {"full_name", string_value(user.full_name)},
            {"phone", string_value(user.phone)},
            {"created_at", number_value(to_micros(user.created_at))},
            {"failed_logins", number_value(user.failed_logins)},
            {"locked_until", number_value(to_micros(user.locked_until))},
            {"role", string_value(to_string(user.role))},
            {"disabled", number_value(user.disabled ? 1 : 0)},
            {"time_zone", string_value(user.time_zone)},
            {"active_accounts", number_value(0)},
            {"rule_count", number_value(0)}};
}

User read_user(const boost::json::object& item) {
    User user;
    user.user_id = text_of(item, "user_id");
    user.email = text_of(item, "email");
    user.password_hash = text_of(item, "password_hash");
    user.full_name = text_of(item, "full_name");
    user.phone = text_of(item, "phone");
    user.created_at = from_micros(number_of(item, "created_at"));
    user.failed_logins = static_cast<int>(number_of(item, "failed_logins"));
    user.locked_until = from_micros(number_of(item, "locked_until"));
    user.role = parse_or_throw(parse_role(text_of(item, "role")), item, "role");
    // Absent on people registered before it existed: not disabled.
    user.disabled = number_of(item, "disabled") != 0;
    // Absent on people registered before it existed: UTC, as their pages were.
    if (std::string zone = text_of(item, "time_zone"); !zone.empty()) user.time_zone = zone;
    return user;
}

boost::json::object account_item(const Account& account) {
    return {{"account_id", string_value(account.account_id)},
            {"account_number", string_value(account.account_number)},
            {"user_id", string_value(account.user_id)},
            {"account_type", string_value(to_string(account.account_type))},
            {"balance", number_value(account.balance.cents())},
            {"status", string_value(to_string(account.status))},
            {"created_at", number_value(to_micros(account.created_at))}};
}

Account read_account(const boost::json::object& item) {
    Account account;
    account.account_id = text_of(item, "account_id");
    account.account_number = text_of(item, "account_number");
    account.user_id = text_of(item, "user_id");
    account.account_type =
        parse_or_throw(parse_account_type(text_of(item, "account_type")), item, "account_type");
    account.balance = Money::from_cents(number_of(item, "balance"));
    account.status = parse_or_throw(parse_account_status(text_of(item, "status")), item, "status");
    account.created_at = from_micros(number_of(item, "created_at"));
    // Absent or empty: not frozen (accounts of before, and every unfreeze).
    if (const std::string mode = text_of(item, "freeze_mode"); !mode.empty()) {
        account.freeze = AccountFreeze{parse_or_throw(parse_freeze_mode(mode), item, "freeze_mode"),
                                       text_of(item, "freeze_reason")};
    }
    return account;
}

boost::json::object transaction_item(const Transaction& row) {
    return {{"transaction_id", string_value(row.transaction_id)},
            {"account_id", string_value(row.account_id)},
            {"transaction_type", string_value(to_string(row.transaction_type))},
            {"amount", number_value(row.amount.cents())},
            {"balance_after", number_value(row.balance_after.cents())},
            {"counterparty_account_number", string_value(row.counterparty_account_number)},
            {"description", string_value(row.description)},
            {"description_folded", string_value(fold_case(row.description))},
            {"category", string_value(row.category)},
            {"timestamp", number_value(to_micros(row.timestamp))},
            {"transfer_id", string_value(row.transfer_id)},
            {"idempotency_key", string_value(row.idempotency_key)},
            {"sequence", number_value(row.sequence)},
            {"reversal_of", string_value(row.reversal_of)},
            {"reversed_by", string_value(row.reversed_by)}};
}

Transaction read_transaction(const boost::json::object& item) {
    Transaction row;
    row.transaction_id = text_of(item, "transaction_id");
    row.account_id = text_of(item, "account_id");
    row.transaction_type = parse_or_throw(parse_transaction_type(text_of(item, "transaction_type")),
                                          item, "transaction_type");
    row.amount = Money::from_cents(number_of(item, "amount"));
    row.balance_after = Money::from_cents(number_of(item, "balance_after"));
    row.counterparty_account_number = text_of(item, "counterparty_account_number");
    row.description = text_of(item, "description");
    row.category = text_of(item, "category");
    row.timestamp = from_micros(number_of(item, "timestamp"));
    row.transfer_id = text_of(item, "transfer_id");
    row.idempotency_key = text_of(item, "idempotency_key");
    row.sequence = number_of(item, "sequence");
    row.reversal_of = text_of(item, "reversal_of");
    row.reversed_by = text_of(item, "reversed_by");
    return row;
}

boost::json::object session_item(const Session& session) {
    return {{"token_hash", string_value(session.token_hash)},
            {"user_id", string_value(session.user_id)},
            {"csrf_secret", string_value(session.csrf_secret)},
            {"created_at", number_value(to_micros(session.created_at))},
            {"last_seen", number_value(to_micros(session.last_seen))},
            {"expires_at", number_value(to_micros(session.expires_at))},
            {"session_id", string_value(session.session_id)},
            {"kind", string_value(to_string(session.kind))},
            {"scope", string_value(to_string(session.scope))},
            {"name", string_value(session.name)},
            {"user_agent", string_value(session.user_agent)},
            {"client_address", string_value(session.client_address)}};
}

Session read_session(const boost::json::object& item) {
    Session session;
    session.token_hash = text_of(item, "token_hash");
    session.user_id = text_of(item, "user_id");
    session.csrf_secret = text_of(item, "csrf_secret");
    session.created_at = from_micros(number_of(item, "created_at"));
    session.last_seen = from_micros(number_of(item, "last_seen"));
    session.expires_at = from_micros(number_of(item, "expires_at"));
    // Sessions made before these existed are sign-ins; their public id is the start of the
    // token's hash (which is itself a hash: it tells nothing of the token).
    session.session_id = text_of(item, "session_id");
    if (session.session_id.empty()) session.session_id = session.token_hash.substr(0, 32);
    const std::string kind = text_of(item, "kind");
    session.kind = kind.empty() ? SessionKind::sign_in
                                : parse_or_throw(parse_session_kind(kind), item, "kind");
    const std::string scope = text_of(item, "scope");
    session.scope =
        scope.empty() ? TokenScope::full : parse_or_throw(parse_token_scope(scope), item, "scope");
    session.name = text_of(item, "name");
    session.user_agent = text_of(item, "user_agent");
    session.client_address = text_of(item, "client_address");
    return session;
}

Rollup read_rollup(const boost::json::object& item) {
    Rollup rollup;
    rollup.account_id = text_of(item, "account_id");
    rollup.month = text_of(item, "month");
    rollup.category = text_of(item, "category");
    rollup.transaction_type = parse_or_throw(
        parse_transaction_type(text_of(item, "transaction_type")), item, "transaction_type");
    rollup.total = Money::from_cents(number_of(item, "total"));
    rollup.count = number_of(item, "count");
    return rollup;
}

PayeeRollup read_payee_rollup(const boost::json::object& item) {
    PayeeRollup rollup;
    rollup.account_id = text_of(item, "account_id");
    rollup.month = text_of(item, "month");
    rollup.description = text_of(item, "description");
    rollup.total = Money::from_cents(number_of(item, "total"));
    rollup.count = number_of(item, "count");
    return rollup;
}

boost::json::object rule_item(const CategoryRule& rule) {
    return {{"user_id", string_value(rule.user_id)},
            {"rule_id", string_value(rule.rule_id)},
            {"pattern", string_value(rule.pattern)},
            {"category", string_value(rule.category)},
            {"created_at", number_value(to_micros(rule.created_at))}};
}

CategoryRule read_rule(const boost::json::object& item) {
    CategoryRule rule;
    rule.user_id = text_of(item, "user_id");
    rule.rule_id = text_of(item, "rule_id");
    rule.pattern = text_of(item, "pattern");
    rule.category = text_of(item, "category");
    rule.created_at = from_micros(number_of(item, "created_at"));
    return rule;
}

boost::json::object audit_event_item(const AuditEvent& event, std::int64_t expires_at_seconds) {
    return {{"user_id", string_value(event.user_id)},
            {"event_key", string_value(audit_event_key(event))},
            {"event_id", string_value(event.event_id)},
            {"kind", string_value(to_string(event.kind))},
            {"client_address", string_value(event.client_address)},
            {"detail", string_value(event.detail)},
            {"at", number_value(to_micros(event.at))},
            {"expires_at_seconds", number_value(expires_at_seconds)}};
}

AuditEvent read_audit_event(const boost::json::object& item) {
    AuditEvent event;
    event.event_id = text_of(item, "event_id");
    event.user_id = text_of(item, "user_id");
    event.kind = parse_or_throw(parse_audit_event_kind(text_of(item, "kind")), item, "kind");
    event.client_address = text_of(item, "client_address");
    event.detail = text_of(item, "detail");
    event.at = from_micros(number_of(item, "at"));
    return event;
}

std::string audit_event_key(const AuditEvent& event) {
    // Times before the epoch do not occur; zero-padding makes text order time order.
    std::string micros = std::to_string(std::max<std::int64_t>(to_micros(event.at), 0));
    return std::string(20 - std::min<std::size_t>(micros.size(), 20), '0') + micros + "#" +
           event.event_id;
}

std::string payee_key(std::string_view month, std::string_view description) {
    std::string key(month);
    key += '#';
    key += description;
    return key;
}

std::string rollup_key(std::string_view month, std::string_view category, TransactionType type) {
    std::string key(month);
    key += '#';
    key += category;
    key += '#';
    key += to_string(type);
    return key;
}

}  // namespace bank::dynamodb_items
