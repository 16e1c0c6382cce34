#include <utility>

#include <boost/beast/http/field.hpp>

#include "http/history_filter_query.hpp"
#include "http/response.hpp"
#include "web/page_support.hpp"
#include "web/pages.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
using kainjow::mustache::data;

// The query's filters, their dates the person's days.
HistoryFilter page_filter_of(const RequestContext& context) {
    HistoryFilter filter = history_filter_of(context.query);
    filter.zone = page_zone(context);
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
    add("category", filter.category);
    add("from", filter.from);
    add("to", filter.to);
    add("min_amount", filter.min_amount);
    add("max_amount", filter.max_amount);
    add("q", filter.text);
    add("sort", filter.sort);
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

ViewData sort_options(std::string_view selected) {
    static constexpr std::pair<TransactionSort, std::string_view> sorts[] = {
        {TransactionSort::newest, "Newest first"},
        {TransactionSort::oldest, "Oldest first"},
        {TransactionSort::largest, "Largest amount first"},
        {TransactionSort::smallest, "Smallest amount first"}};
    data list{data::type::list};
    for (const auto& [sort, name] : sorts) {
        data option;
        option.set("value", std::string(to_string(sort)));
        option.set("name", std::string(name));
        option.set("selected", to_string(sort) == selected);
        list.push_back(option);
    }
    return list;
}

// A row of the history: what transaction_view shows, plus the choices of its
// recategorise form with its own category selected.
ViewData history_row(const Transaction& row, const std::vector<Account>& accounts,
                     const TimeZone& zone) {
    ViewData view = transaction_view(row, accounts, zone);
    view.set("category_choices", category_options(row.category));
    view.set("uncategorised", row.category.empty());
    return view;
}

awaitable<HttpResponse> transactions_page(WebContext& web, RequestContext& context) {
    const std::string& user_id = context.identity->user.user_id;
    const HistoryFilter filter = page_filter_of(context);
    const auto accounts = web.services.accounts.list(user_id);
    ViewData view = base_view(context, "Transactions", "transactions");
    view.set("accounts", account_options(accounts, filter.account_id, false, page_zone(context)));
    view.set("types", type_options(filter.type));
    view.set("filter_categories", category_options(filter.category));
    view.set("sorts", sort_options(filter.sort));
    view.set("value_from", date_input_value(filter.from));
    view.set("value_to", date_input_value(filter.to));
    view.set("value_min_amount", filter.min_amount);
    view.set("value_max_amount", filter.max_amount);
    view.set("value_q", filter.text);
    // The recategorise forms come back to this very page: same filters, same page.
    view.set("return_to", std::string(context.request.target()));
    const std::string query = filter_query(filter);
    view.set("csv_link", "/transactions.csv" + (query.empty() ? "" : "?" + query));
    view.set("xlsx_link", "/transactions.xlsx" + (query.empty() ? "" : "?" + query));
    auto page = web.services.history.list(user_id, filter);
    if (!page) {
        add_form_error(view, page.error());
        view.set("transactions", data{data::type::list});
        co_return render_page(web, context, status_of(page.error().code), "transactions",
                              std::move(view));
    }
    data rows{data::type::list};
    for (const auto& row : page->rows)
        rows.push_back(history_row(row, accounts, page_zone(context)));
    view.set("transactions", rows);
    view.set("has_transactions", !page->rows.empty());
    if (!page->next_cursor.empty()) {
        view.set("next_link", "/transactions?" + query + (query.empty() ? "" : "&") +
                                  "cursor=" + page->next_cursor);
    }
    co_return render_page(web, context, HttpStatus::ok, "transactions", std::move(view));
}

awaitable<HttpResponse> transactions_csv(WebContext& web, RequestContext& context) {
    auto exported =
        web.services.history.export_csv(context.identity->user.user_id, page_filter_of(context));
    if (!exported) {
        co_return text_response(status_of(exported.error().code), exported.error().message + "\n");
    }
    auto source = std::make_shared<CsvExport>(std::move(*exported));
    context.body_stream = [source] { return source->next_chunk(); };
    co_return download_response(csv_content_type, "transactions.csv");
}

awaitable<HttpResponse> transactions_xlsx(WebContext& web, RequestContext& context) {
    auto exported =
        web.services.history.export_xlsx(context.identity->user.user_id, page_filter_of(context));
    if (!exported) {
        co_return text_response(status_of(exported.error().code), exported.error().message + "\n");
    }
    auto source = std::make_shared<XlsxExport>(std::move(*exported));
    context.body_stream = [source] { return source->next_chunk(); };
    co_return download_response(xlsx_content_type, "transactions.xlsx");
}

}  // namespace

void add_history_pages(Router& router, WebContext& web) {
    using V = HttpVerb;
    router.bind(V::get, "/transactions",
                [&web](RequestContext& c) { return transactions_page(web, c); });
    router.bind(V::get, "/transactions.csv",
                [&web](RequestContext& c) { return transactions_csv(web, c); });
    router.bind(V::get, "/transactions.xlsx",
                [&web](RequestContext& c) { return transactions_xlsx(web, c); });
}

}  // namespace bank
