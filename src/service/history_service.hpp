#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time_zone.hpp"
#include "ledger/ledger_reads.hpp"
#include "service/xlsx_export.hpp"

namespace bank {

// The history filter as typed in the page's query string or the API's.
struct HistoryFilter {
    std::string account_id;
    std::string type;
    std::string category;
    std::string from;        // YYYY-MM-DD, inclusive
    std::string to;          // YYYY-MM-DD, inclusive
    std::string min_amount;  // money text ("1,000.50"), inclusive
    std::string max_amount;  // money text, inclusive
    std::string text;
    std::string sort;    // newest (the default), oldest, largest, smallest
    std::string cursor;  // next_cursor of the previous page
    std::string limit;
    // Whose days `from` and `to` are: the person's on the pages, UTC in the API.
    TimeZone zone = TimeZone::utc();
};

// The keyset cursor after `row` in `sort`'s order: "SEQUENCE" for the time sorts,
// "CENTS.SEQUENCE" for the amount sorts. Opaque to clients.
std::string history_cursor(TransactionSort sort, const Transaction& row);

struct HistoryPage {
    std::vector<Transaction> rows;
    std::string next_cursor;  // empty on the last page
};

// The rows of a history filter as RFC 4180 CSV, produced a page at a time so that an export
// of any size never sits whole in memory. The first chunk is the header row; an empty chunk
// means the end.
class CsvExport {
public:
    CsvExport(LedgerReads& ledger, TransactionQuery query);
    std::string next_chunk();

private:
    LedgerReads* ledger_;
    TransactionQuery query_;
    bool header_written_ = false;
    bool finished_ = false;
};

// A person's transaction history: filtered, paged by keyset and exported as CSV.
class HistoryService {
public:
    explicit HistoryService(LedgerReads& ledger) : ledger_(ledger) {}

    Result<HistoryPage> list(const std::string& user_id, const HistoryFilter& filter) const;
    // Every row matching the filter (without its cursor and limit), as CSV.
    Result<CsvExport> export_csv(const std::string& user_id, HistoryFilter filter) const;
    // The same rows as an Excel workbook, up to limits::xlsx_export_rows_max.
    Result<XlsxExport> export_xlsx(const std::string& user_id, HistoryFilter filter) const;

private:
    Result<TransactionQuery> to_query(const std::string& user_id,
                                      const HistoryFilter& filter) const;
    Result<TransactionQuery> export_query(const std::string& user_id, HistoryFilter filter) const;

    LedgerReads& ledger_;
};

// One CSV cell: quoted when needed, and a leading = + - @ neutralised so that a
// spreadsheet never runs it as a formula.
std::string csv_cell(std::string_view text);

}  // namespace bank
