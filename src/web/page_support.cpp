#include "web/page_support.hpp"

#include "http/response.hpp"
#include "ledger/category.hpp"
#include "ledger/standing_order.hpp"
#include "web/analytics_views.hpp"

namespace bank {

using kainjow::mustache::data;

TimeZone page_zone(const RequestContext& context) {
    if (!context.identity) return TimeZone::utc();
    return TimeZone::named_or_utc(context.identity->user.time_zone);
}

ViewData base_view(const RequestContext& context, std::string_view title, std::string_view nav) {
    ViewData view;
    // The footer's "Times in Europe/Paris": every time on the page is in that zone.
    view.set("time_zone", page_zone(context).name());
    view.set("title", std::string(title));
    view.set("csrf_token", context.csrf_token);
    if (context.identity) {
        data user;
        user.set("full_name", context.identity->user.full_name);
        user.set("email", context.identity->user.email);
        user.set("is_admin", context.identity->user.role == Role::admin);
        view.set("user", user);
    }
    if (context.flash) {
        data flash;
        flash.set("kind", context.flash->kind);
        flash.set("message", context.flash->message);
        view.set("flash", flash);
    }
    view.set("nav_" + std::string(nav), true);
    return view;
}

void add_notification_bell(const WebContext& web, const RequestContext& context, ViewData& view) {
    if (!context.identity) return;
    const std::size_t unread = web.services.alerts.unread(context.identity->user.user_id);
    view.set("unread_count", std::to_string(unread));
    view.set("has_unread", unread > 0);
}

HttpResponse render_page(const WebContext& web, const RequestContext& context, HttpStatus status,
                         std::string_view name, ViewData view) {
    add_notification_bell(web, context, view);
    return html_response(status, web.views.render_page(name, std::move(view)));
}

void add_form_error(ViewData& view, const Error& error) {
    view.set("form_error", error.message);
    if (!error.field.empty()) view.set("error_" + error.field, error.message);
}

void keep_values(ViewData& view, const RequestContext& context,
                 std::initializer_list<std::string_view> fields) {
    for (auto field : fields) view.set("value_" + std::string(field), context.form.get(field));
}

ViewData account_view(const Account& account, const TimeZone& zone) {
    data view;
    view.set("account_id", account.account_id);
    view.set("account_number", account.account_number);
    view.set("account_type", std::string(to_string(account.account_type)));
    view.set("account_type_name", std::string(display_name(account.account_type)));
    view.set("balance", account.balance.display());
    view.set("status", std::string(to_string(account.status)));
    view.set("is_active", account.status == AccountStatus::active);
    view.set("can_close", account.status == AccountStatus::active && account.balance.is_zero());
    view.set("created_at", format_display(account.created_at, zone));
    view.set("is_frozen", account.freeze.has_value());
    if (account.freeze) {
        static constexpr std::string_view refuses[] = {
            "no money may leave it", "no money may reach it", "no money may leave or reach it"};
        view.set("freeze_refuses", std::string(refuses[static_cast<int>(account.freeze->mode)]));
        view.set("freeze_reason", account.freeze->reason);
    }
    return view;
}

ViewData account_options(const std::vector<Account>& accounts, std::string_view selected_id,
                         bool active_only, const TimeZone& zone) {
    data list{data::type::list};
    for (const auto& account : accounts) {
        if (active_only && account.status != AccountStatus::active) continue;
        data option = account_view(account, zone);
        option.set("selected", account.account_id == selected_id);
        list.push_back(option);
    }
    return list;
}

ViewData transaction_view(const Transaction& transaction, const std::vector<Account>& accounts,
                          const TimeZone& zone) {
    data view;
    view.set("transaction_id", transaction.transaction_id);
    view.set("timestamp", format_display(transaction.timestamp, zone));
    view.set("timestamp_iso", format_html_datetime(transaction.timestamp));
    view.set("type", std::string(to_string(transaction.transaction_type)));
    view.set("type_name", std::string(display_name(transaction.transaction_type)));
    view.set("is_credit", is_credit(transaction.transaction_type));
    view.set("amount", transaction.amount.display());
    view.set("balance_after", transaction.balance_after.display());
    view.set("description", transaction.description);
    view.set("category", transaction.category);
    view.set("category_label", category_label(transaction.category));
    // kainjow treats an empty string as true in a section, so the test is a bool.
    view.set("is_reversed", !transaction.reversed_by.empty());
    view.set("reversed_by", transaction.reversed_by);
    view.set("is_reversal", !transaction.reversal_of.empty());
    view.set("reversal_of", transaction.reversal_of);
    view.set("has_counterparty", !transaction.counterparty_account_number.empty());
    // The payer's leg of a standing order's transfer carries its key (the payee's has none).
    view.set("has_standing_order", !standing_order_of_key(transaction.idempotency_key).empty());
    view.set("counterparty", transaction.counterparty_account_number);
    for (const auto& account : accounts) {
        if (account.account_id == transaction.account_id) {
            view.set("account_number", account.account_number);
        }
        // Both legs of a transfer between the person's own accounts: money moved, not paid.
        if (!transaction.counterparty_account_number.empty() &&
            account.account_number == transaction.counterparty_account_number) {
            view.set("type_name", std::string("Moved between your accounts"));
        }
    }
    return view;
}

std::string date_input_value(std::string_view text) {
    Timestamp parsed{};
    return parse_date(text, parsed) ? std::string(text) : std::string();
}

ViewData category_options(std::string_view selected) {
    data list{data::type::list};
    for (auto category : categories) {
        data option;
        option.set("name", std::string(category));
        option.set("label", category_label(category));
        option.set("selected", category == selected);
        list.push_back(option);
    }
    return list;
}

HttpResponse redirect_with_flash(RequestContext& context, std::string_view location,
                                 std::string kind, std::string message) {
    context.next_flash = Flash{std::move(kind), std::move(message)};
    return redirect(location);
}

std::string safe_next(std::string_view next) {
    // Only a path on this site: "/x" but not "//host" or "/\host", which browsers treat as
    // another site.
    if (next.size() < 2 || next.front() != '/' || next[1] == '/' || next[1] == '\\') {
        return "/dashboard";
    }
    for (char c : next) {
        if (static_cast<unsigned char>(c) < 0x20 || c == '\\') return "/dashboard";
    }
    return std::string(next);
}

}  // namespace bank
