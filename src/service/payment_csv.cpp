#include "service/payment_csv.hpp"

#include <array>

#include "core/limits.hpp"
#include "core/money.hpp"
#include "ledger/account_number.hpp"
#include "ledger/posting_plan.hpp"
#include "service/refusal_text.hpp"
#include "service/validation.hpp"

namespace bank {

namespace {

constexpr std::array<std::string_view, 5> known_columns = {
    "from_account_number", "to_account_number", "amount", "description", "category"};

// One record of the CSV text from `at`, moving `at` past it and counting the lines it spans.
std::vector<std::string> read_record(std::string_view text, std::size_t& at, std::size_t& lines) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    while (at < text.size()) {
        const char c = text[at++];
        if (quoted) {
            if (c == '"' && at < text.size() && text[at] == '"') {
                fields.back() += '"';
                ++at;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n') ++lines;
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c == '\n') {
            break;
        } else if (c != '\r') {
            fields.back() += c;
        }
    }
    ++lines;
    return fields;
}

bool blank(const std::vector<std::string>& fields) {
    return fields.size() == 1 && trim(fields.front()).empty();
}

// The column of each known name in the header, or the file's problem.
std::optional<std::string> read_header(const std::vector<std::string>& header,
                                       std::array<int, known_columns.size()>& column_of) {
    column_of.fill(-1);
    for (std::size_t index = 0; index < header.size(); ++index) {
        const std::string name = trim(header[index]);
        std::size_t known = 0;
        while (known < known_columns.size() && known_columns[known] != name) ++known;
        if (known == known_columns.size()) {
            return "The header names a column this page does not know: \"" + name +
                   "\" (use from_account_number, to_account_number, amount, description, "
                   "category).";
        }
        if (column_of[known] >= 0) return "The header names the column " + name + " twice.";
        column_of[known] = static_cast<int>(index);
    }
    if (column_of[1] < 0 || column_of[2] < 0) {
        return std::string(
            "The first line must be a header naming at least the columns "
            "to_account_number and amount.");
    }
    return std::nullopt;
}

void check_row(PaymentCsvRow& row) {
    const auto amount = Money::parse(row.amount);
    if (!amount) {
        row.problems.push_back("Amount: " + amount.error().message);
    } else if (check_amount(*amount) != WriteStatus::ok) {
        row.problems.emplace_back(amount->is_positive()
                                      ? "Amount: over the limit of $1,000,000.00 per transfer."
                                      : "Amount: must be more than $0.00.");
    }
    if (const auto number = AccountNumber::parse(row.to_account_number); !number) {
        row.problems.push_back("To account: " + number.error().message);
    } else {
        row.to_account_number = *number;
    }
    if (const auto text = normalize_description(row.description); !text) {
        row.problems.push_back("Description: " + text.error().message);
    }
    if (const auto category = normalize_category(row.category); !category) {
        row.problems.push_back("Category: " + category.error().message);
    }
}

}  // namespace

PaymentCsv parse_payment_csv(std::string_view text) {
    PaymentCsv csv;
    if (text.size() > limits::transfer_batch_csv_bytes_max) {
        csv.problem = "The file is larger than " +
                      with_thousands(limits::transfer_batch_csv_bytes_max / 1024) +
                      " KiB (transfer_batch_csv_bytes_max).";
        return csv;
    }
    std::size_t at = 0;
    std::size_t lines = 0;
    std::vector<std::string> header;
    while (at < text.size() && blank(header = read_record(text, at, lines))) header.clear();
    std::array<int, known_columns.size()> column_of{};
    if (header.empty()) {
        csv.problem = "The file is empty: it needs a header and at least one payment.";
        return csv;
    }
    if (auto problem = read_header(header, column_of)) {
        csv.problem = std::move(problem);
        return csv;
    }
    while (at < text.size()) {
        const std::size_t line = lines + 1;
        const std::vector<std::string> fields = read_record(text, at, lines);
        if (blank(fields)) continue;
        if (csv.rows.size() == limits::transfer_batch_items_max) {
            csv.rows.clear();
            csv.problem = "The file has more than " +
                          with_thousands(limits::transfer_batch_items_max) +
                          " payments (transfer_batch_items_max): split it.";
            return csv;
        }
        PaymentCsvRow row;
        row.line = line;
        const auto field = [&](std::size_t known) {
            const int column = column_of[known];
            return column >= 0 && static_cast<std::size_t>(column) < fields.size()
                       ? trim(fields[static_cast<std::size_t>(column)])
                       : std::string();
        };
        row.from_account_number = field(0);
        row.to_account_number = field(1);
        row.amount = field(2);
        row.description = field(3);
        row.category = field(4);
        if (fields.size() != header.size()) {
            row.problems.push_back("This row has " + std::to_string(fields.size()) +
                                   " fields; the header has " + std::to_string(header.size()) +
                                   ".");
        }
        check_row(row);
        csv.rows.push_back(std::move(row));
    }
    if (csv.rows.empty()) csv.problem = "The file has a header but no payments.";
    return csv;
}

}  // namespace bank
