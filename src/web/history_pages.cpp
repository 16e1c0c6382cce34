#include <boost/beast/http/field.hpp>

#include "http/response.hpp"
#include "web/page_support.hpp"
#include "web/pages.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
using kainjow::mustache::data;

HistoryFilter filter_of(const Fields& query) {
    HistoryFilter filter;
    filter.account_id = query.get("account_id");
    filter.type = query.get("type");
    filter.from = query.get("from");
    filter.to = query.get("to");
    filter.text = query.get("q");
    filter.cursor = query.get("cursor");
    filter.limit = query.get("limit");
    return filter;
}

// The query string of a filter without its cursor, for the next-page and CSV links.
std::string filter_query(const HistoryFilter& filter) {
    std::string query;
    const auto add = [&](std::string_view name, const std::string& value) {
        if (value.empty()) return;
        query += (query.empty() ? "" : "&") + std::string(name) + "=" + url_encode(value);
    };
    add("account_id", filter.account_id);
    add("type", filter.type);
    add("from", filter.from);
    add("to", filter.to);
    add("q", filter.text);
    add("limit", filter.limit);
    return query;
}

ViewData type_options(std::string_view selected) {
    data list{data::type::list};
    for (auto type : {TransactionType::deposit, TransactionType::withdrawal,
                      TransactionType::transfer_in, TransactionType::transfer_out}) {
        data option;
        option.set("value", std::string(to_string(type)));
        option.set("name", std::string(display_name(type)));
        option.set("selected", to_string(type) == selected);
        list.push_back(option);
    }
    return list;
}

awaitable<HttpResponse> transactions_page(WebContext& web, RequestContext& context) {
    const std::string& user_id = context.identity->user.user_id;
    const HistoryFilter filter = filter_of(context.query);
    const auto accounts = web.services.accounts.list(user_id);
    ViewData view = base_view(context, "Transactions", "transactions");
    view.set("accounts", account_options(accounts, filter.account_id, false));
    view.set("types", type_options(filter.type));
    view.set("value_from", filter.from);
    view.set("value_to", filter.to);
    view.set("value_q", filter.text);
    const std::string query = filter_query(filter);
    view.set("csv_link", "/transactions.csv" + (query.empty() ? "" : "?" + query));
    auto page = web.services.history.list(user_id, filter);
    if (!page) {
        add_form_error(view, page.error());
        view.set("transactions", data{data::type::list});
        co_return render_page(web, context, status_of(page.error().code), "transactions",
                              std::move(view));
    }
    data rows{data::type::list};
    for (const auto& row : page->rows) rows.push_back(transaction_view(row, accounts));
    view.set("transactions", rows);
    view.set("has_transactions", !page->rows.empty());
    if (!page->next_cursor.empty()) {
        view.set("next_link", "/transactions?" + query + (query.empty() ? "" : "&") +
                                  "cursor=" + page->next_cursor);
    }
    co_return render_page(web, context, HttpStatus::ok, "transactions", std::move(view));
}

awaitable<HttpResponse> transactions_csv(WebContext& web, RequestContext& context) {
    auto exported = web.services.history.export_csv(context.identity->user.user_id,
                                                    filter_of(context.query));
    if (!exported) {
        co_return text_response(status_of(exported.error().code), exported.error().message + "\n");
    }
    auto source = std::make_shared<CsvExport>(std::move(*exported));
    context.body_stream = [source] { return source->next_chunk(); };
    HttpResponse response = make_response(HttpStatus::ok, "", "text/csv; charset=utf-8");
    response.set(boost::beast::http::field::content_disposition,
                 "attachment; filename=\"transactions.csv\"");
    co_return response;
}

awaitable<HttpResponse> analytics_page(WebContext& web, RequestContext& context) {
    const std::string& user_id = context.identity->user.user_id;
    const std::string account_id = context.query.get("account_id");
    ViewData view = base_view(context, "Analytics", "analytics");
    const auto accounts = web.services.accounts.list(user_id);
    view.set("account_filter", account_options(accounts, account_id, false));
    auto summary = web.services.analytics.summary(user_id, account_id);
    if (!summary) {
        add_form_error(view, summary.error());
        co_return render_page(web, context, status_of(summary.error().code), "analytics",
                              std::move(view));
    }
    view.set("accounts", account_options(summary->accounts, "", false));
    view.set("total_balance", summary->total_balance.display());
    view.set("total_deposits", summary->total_deposits.display());
    view.set("total_withdrawals", summary->total_withdrawals.display());
    view.set("total_transfers_in", summary->total_transfers_in.display());
    view.set("total_transfers_out", summary->total_transfers_out.display());
    view.set("transaction_count", std::to_string(summary->transaction_count));
    data months{data::type::list};
    for (auto it = summary->months.rbegin(); it != summary->months.rend(); ++it) {
        data month;
        month.set("month", it->month);
        month.set("deposits", it->deposits.display());
        month.set("withdrawals", it->withdrawals.display());
        month.set("transfers_in", it->transfers_in.display());
        month.set("transfers_out", it->transfers_out.display());
        month.set("net", it->net.display());
        month.set("net_negative", it->net.is_negative());
        months.push_back(month);
    }
    view.set("months", months);
    view.set("has_months", !summary->months.empty());
    co_return render_page(web, context, HttpStatus::ok, "analytics", std::move(view));
}

}  // namespace

void add_history_pages(Router& router, WebContext& web) {
    using V = HttpVerb;
    router.add(V::get, "/transactions", Access::signed_in, [&web](RequestContext& c) { return transactions_page(web, c); });
    router.add(V::get, "/transactions.csv", Access::signed_in, [&web](RequestContext& c) { return transactions_csv(web, c); });
    router.add(V::get, "/analytics", Access::signed_in, [&web](RequestContext& c) { return analytics_page(web, c); });
}

}  // namespace bank
