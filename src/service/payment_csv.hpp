#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bank {

// One payment of an uploaded CSV (the /transfers/batch page), as typed, with every problem
// found in it before anything is sent.
struct PaymentCsvRow {
    std::size_t line = 0;             // in the file, the header being line 1
    std::string from_account_number;  // empty when the file has no such column
    std::string from_account_id;      // the person's account it names, once found
    std::string to_account_number;
    std::string amount;
    std::string description;
    std::string category;
    std::vector<std::string> problems;  // empty when the row can be sent
};

// A whole file: its rows, or what is wrong with it as a whole (nothing then is sent).
struct PaymentCsv {
    std::vector<PaymentCsvRow> rows;
    std::optional<std::string> problem;
};

// Reads CSV text (RFC 4180 quoting; a header row naming the columns to_account_number and
// amount, and optionally from_account_number, description and category, in any order; blank
// lines skipped). The file is refused whole beyond limits::transfer_batch_csv_bytes_max bytes
// or limits::transfer_batch_items_max rows, without a header, with a header naming a column
// twice or a column it does not know. Each row gets the stateless problems a single transfer
// would be refused for (a bad amount, one over the limit, a malformed account number, a long
// description, an unknown category) and a wrong number of fields.
PaymentCsv parse_payment_csv(std::string_view text);

}  // namespace bank
