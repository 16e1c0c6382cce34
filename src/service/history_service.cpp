#include "service/history_service.hpp"

#include <charconv>

#include "core/limits.hpp"
#include "ledger/category.hpp"
#include "service/refusal_text.hpp"
#include "service/validation.hpp"

namespace bank {
namespace {

bool parse_positive(std::string_view text, std::int64_t& out) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size() && out > 0;
}

bool by_amount(TransactionSort sort) {
    return sort == TransactionSort::largest || sort == TransactionSort::smallest;
}

// Reads a cursor made by history_cursor for the same sort into the query.
bool parse_cursor(std::string_view text, TransactionQuery& query) {
    if (!by_amount(query.sort)) return parse_positive(text, query.before_sequence);
    const auto dot = text.find('.');
    if (dot == std::string_view::npos) return false;
    std::int64_t cents = 0;
    if (!parse_positive(text.substr(0, dot), cents)) return false;
    query.cursor_amount = Money::from_cents(cents);
    return parse_positive(text.substr(dot + 1), query.before_sequence);
}

// An optional inclusive amount bound typed as money text.
Result<std::optional<Money>> parse_bound(std::string_view text, std::string field) {
    if (trim(text).empty()) return std::optional<Money>();
    auto amount = Money::parse(trim(text));
    if (!amount) {
        return invalid_field("Enter the amount as a number, like 1234.56.", std::move(field));
    }
    return std::optional<Money>(*amount);
}

}  // namespace

std::string history_cursor(TransactionSort sort, const Transaction& row) {
    if (!by_amount(sort)) return std::to_string(row.sequence);
    return std::to_string(row.amount.cents()) + "." + std::to_string(row.sequence);
}

Result<TransactionQuery> HistoryService::to_query(const std::string& user_id,
                                                  const HistoryFilter& filter) const {
    TransactionQuery query;
    query.user_id = user_id;
    query.limit = limits::page_size;
    if (!filter.account_id.empty()) {
        const auto account = ledger_.find_account(filter.account_id);
        if (!account || account->user_id != user_id) {
            return make_error(ErrorCode::not_found, "That account was not found.", "account_id");
        }
        query.account_id = filter.account_id;
    }
    if (!filter.type.empty()) {
        query.type = parse_transaction_type(filter.type);
        if (!query.type) return invalid_field("Choose a transaction type from the list.", "type");
    }
    if (!filter.category.empty()) {
        if (!is_category(filter.category))
            return invalid_field("Choose a category from the list.", "category");
        query.category = filter.category;
    }
    if (!filter.sort.empty()) {
        const auto sort = parse_transaction_sort(filter.sort);
        if (!sort) return invalid_field("Sort by newest, oldest, largest or smallest.", "sort");
        query.sort = *sort;
    }
    auto min_amount = parse_bound(filter.min_amount, "min_amount");
    if (!min_amount) return min_amount.error();
    query.min_amount = *min_amount;
    auto max_amount = parse_bound(filter.max_amount, "max_amount");
    if (!max_amount) return max_amount.error();
    query.max_amount = *max_amount;
    if (query.min_amount && query.max_amount && *query.min_amount > *query.max_amount) {
        return invalid_field("The smallest amount must not be above the largest.", "min_amount");
    }
    Timestamp day{};
    if (!filter.from.empty()) {
        if (!parse_date(filter.from, day))
            return invalid_field("Enter the start date as YYYY-MM-DD.", "from");
        query.from = filter.zone.from_wall(day);
    }
    if (!filter.to.empty()) {
        if (!parse_date(filter.to, day))
            return invalid_field("Enter the end date as YYYY-MM-DD.", "to");
        query.to = filter.zone.from_wall(day + std::chrono::days(1));
    }
    if (query.from && query.to && *query.from >= *query.to) {
        return invalid_field("The start date must not be after the end date.", "from");
    }
    query.text = trim(filter.text);
    if (query.text.size() > limits::description_length_max || !is_clean_text(query.text)) {
        return invalid_field("The search text is too long or has characters that are not allowed.",
                             "q");
    }
    if (!filter.cursor.empty() && !parse_cursor(filter.cursor, query)) {
        return invalid_field("That page link is not valid.", "cursor");
    }
    if (!filter.limit.empty()) {
        std::int64_t limit = 0;
        if (!parse_positive(filter.limit, limit) ||
            limit > static_cast<std::int64_t>(limits::page_size_max)) {
            return invalid_field("The page size must be between 1 and 100.", "limit");
        }
        query.limit = static_cast<std::size_t>(limit);
    }
    return query;
}

Result<HistoryPage> HistoryService::list(const std::string& user_id,
                                         const HistoryFilter& filter) const {
    auto query = to_query(user_id, filter);
    if (!query) return query.error();
    // One row more than asked tells whether another page follows.
    const std::size_t limit = query->limit;
    query->limit = limit + 1;
    HistoryPage page;
    page.rows = ledger_.list_transactions(*query);
    if (page.rows.size() > limit) {
        page.rows.resize(limit);
        page.next_cursor = history_cursor(query->sort, page.rows.back());
    }
    return page;
}

std::string csv_cell(std::string_view text) {
    std::string cell;
    if (!text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '-' ||
                          text.front() == '@' || text.front() == '\t' || text.front() == '\r')) {
        cell.push_back('\'');
    }
    cell += text;
    if (cell.find_first_of(",\"\r\n'") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (char c : cell) {
        if (c == '"') quoted.push_back('"');
        quoted.push_back(c);
    }
    quoted.push_back('"');
    return quoted;
}

// An export reads every row of the filter (no cursor, no page limit), a full page at a time.
Result<TransactionQuery> HistoryService::export_query(const std::string& user_id,
                                                      HistoryFilter filter) const {
    filter.limit.clear();
    filter.cursor.clear();
    auto query = to_query(user_id, filter);
    if (!query) return query.error();
    query->limit = limits::page_size_max;
    return query;
}

Result<CsvExport> HistoryService::export_csv(const std::string& user_id,
                                             HistoryFilter filter) const {
    auto query = export_query(user_id, std::move(filter));
    if (!query) return query.error();
    return CsvExport(ledger_, std::move(*query));
}

Result<XlsxExport> HistoryService::export_xlsx(const std::string& user_id,
                                               HistoryFilter filter) const {
    auto query = export_query(user_id, std::move(filter));
    if (!query) return query.error();
    return XlsxExport(ledger_, std::move(*query), limits::xlsx_export_rows_max);
}

CsvExport::CsvExport(LedgerReads& ledger, TransactionQuery query)
    : ledger_(&ledger), query_(std::move(query)) {}

std::string CsvExport::next_chunk() {
    if (!header_written_) {
        header_written_ = true;
        return "timestamp,transaction_id,account_id,transaction_type,amount,balance_after,"
               "counterparty_account_number,description,category,transfer_id\r\n";
    }
    if (finished_) return {};
    const auto rows = ledger_->list_transactions(query_);
    std::string chunk;
    for (const auto& row : rows) {
        chunk += format_rfc3339(row.timestamp) + ',' + row.transaction_id + ',' + row.account_id +
                 ',' + std::string(to_string(row.transaction_type)) + ',' + row.amount.to_string() +
                 ',' + row.balance_after.to_string() + ',' +
                 csv_cell(row.counterparty_account_number) + ',' + csv_cell(row.description) + ',' +
                 csv_cell(row.category) + ',' + row.transfer_id + "\r\n";
    }
    if (rows.size() < query_.limit) {
        finished_ = true;
    } else {
        query_.continue_after(rows.back());
    }
    // A page shorter than the limit is the last; the call after it returns "".
    return chunk;
}

}  // namespace bank
