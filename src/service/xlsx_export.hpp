#pragma once

#include <cstddef>
#include <string>

#include "ledger/ledger_reads.hpp"
#include "ledger/transaction_query.hpp"

namespace bank {

// The rows of a history filter as an Excel workbook (one sheet, "Transactions"): dates as
// dates, amounts and balances as numbers in a currency format, the same columns as the CSV.
//
// A workbook is a zip archive that cannot be sent before it is finished, so it is built
// whole, in one call, on the thread that runs streamed bodies (the blocking-read pool on
// DynamoDB). `row_max` bounds that work: past it the sheet ends with a row saying where it
// stopped and how to get everything (the CSV, which streams any size).
class XlsxExport {
public:
    XlsxExport(LedgerReads& ledger, TransactionQuery query, std::size_t row_max);

    // The .xlsx file's bytes. Throws std::runtime_error when the workbook cannot be written.
    std::string workbook();
    // As a streamed body: the whole workbook, then "" (the end).
    std::string next_chunk();

private:
    LedgerReads* ledger_;
    TransactionQuery query_;
    std::size_t row_max_;
    bool sent_ = false;
};

}  // namespace bank
