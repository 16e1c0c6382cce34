#include "service/xlsx_export.hpp"

#include <xlsxwriter.h>

#include <unistd.h>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace bank {
namespace {

constexpr std::array<const char*, 10> column_titles{
    "Date (UTC)",    "Transaction ID",       "Account ID",  "Type",     "Amount",
    "Balance after", "Counterparty account", "Description", "Category", "Transfer ID"};
constexpr std::array<double, 10> column_widths{20, 38, 38, 13, 14, 14, 20, 32, 16, 38};

struct Formats {
    lxw_format* title;
    lxw_format* date;
    lxw_format* money;
};

void check(lxw_error error, const char* what) {
    if (error != LXW_NO_ERROR) {
        throw std::runtime_error(std::string("xlsx: ") + what + ": " + lxw_strerror(error));
    }
}

// Excel keeps every number as an IEEE double, so this is the one place an amount becomes
// one: the file format has no other number. The exact decimal text is read to the nearest
// double, as Excel reads a typed "1234.56", so the cell shows the cents exactly.
double spreadsheet_number(Money amount) { return std::strtod(amount.to_string().c_str(), nullptr); }

lxw_datetime spreadsheet_time(Timestamp at) {
    using namespace std::chrono;
    const auto day = floor<days>(at);
    const year_month_day date(day);
    const hh_mm_ss<microseconds> time(at - day);
    // Whole milliseconds, as the CSV's timestamps are read by a spreadsheet.
    const auto milliseconds = duration_cast<std::chrono::milliseconds>(time.subseconds()).count();
    const auto seconds =
        static_cast<double>(time.seconds().count()) + static_cast<double>(milliseconds) / 1000.0;
    return lxw_datetime{static_cast<int>(date.year()),
                        static_cast<int>(unsigned(date.month())),
                        static_cast<int>(unsigned(date.day())),
                        static_cast<int>(time.hours().count()),
                        static_cast<int>(time.minutes().count()),
                        seconds};
}

void write_text(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const std::string& text) {
    if (!text.empty())
        check(worksheet_write_string(sheet, row, column, text.c_str(), nullptr), "cell");
}

void write_transaction(lxw_worksheet* sheet, lxw_row_t row, const Transaction& posting,
                       const Formats& formats) {
    lxw_datetime at = spreadsheet_time(posting.timestamp);
    check(worksheet_write_datetime(sheet, row, 0, &at, formats.date), "date");
    write_text(sheet, row, 1, posting.transaction_id);
    write_text(sheet, row, 2, posting.account_id);
    write_text(sheet, row, 3, std::string(to_string(posting.transaction_type)));
    check(worksheet_write_number(sheet, row, 4, spreadsheet_number(posting.amount), formats.money),
          "amount");
    check(worksheet_write_number(sheet, row, 5, spreadsheet_number(posting.balance_after),
                                 formats.money),
          "balance");
    write_text(sheet, row, 6, posting.counterparty_account_number);
    write_text(sheet, row, 7, posting.description);
    write_text(sheet, row, 8, posting.category);
    write_text(sheet, row, 9, posting.transfer_id);
}

Formats add_formats(lxw_workbook* workbook) {
    Formats formats{workbook_add_format(workbook), workbook_add_format(workbook),
                    workbook_add_format(workbook)};
    format_set_bold(formats.title);
    format_set_num_format(formats.date, "yyyy-mm-dd hh:mm:ss");
    format_set_num_format(formats.money, "\"$\"#,##0.00");
    return formats;
}

void write_titles(lxw_worksheet* sheet, const Formats& formats) {
    for (std::size_t index = 0; index < column_titles.size(); ++index) {
        const auto column = static_cast<lxw_col_t>(index);
        check(worksheet_write_string(sheet, 0, column, column_titles[index], formats.title),
              "title");
        check(worksheet_set_column(sheet, column, column, column_widths[index], nullptr), "width");
    }
    worksheet_freeze_panes(sheet, 1, 0);  // the titles stay in view
}

// The bytes of `path`, which is removed.
std::string take_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream content;
    content << file.rdbuf();
    std::filesystem::remove(path);
    if (!file) throw std::runtime_error("xlsx: cannot read back " + path.string());
    return content.str();
}

std::filesystem::path new_temporary_file() {
    std::string pattern = (std::filesystem::temp_directory_path() / "bank-export-XXXXXX").string();
    const int descriptor = mkstemp(pattern.data());
    if (descriptor < 0) throw std::runtime_error("xlsx: cannot create a temporary file");
    close(descriptor);
    return pattern;
}

// Every row of `query` in its order, a page at a time; past `row_max` rows, a last row says
// the sheet stops there.
void write_sheet(lxw_workbook* book, LedgerReads& ledger, TransactionQuery query,
                 std::size_t row_max) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, "Transactions");
    if (sheet == nullptr) throw std::runtime_error("xlsx: cannot add the sheet");
    const Formats formats = add_formats(book);
    write_titles(sheet, formats);
    lxw_row_t row = 1;
    while (true) {
        const std::vector<Transaction> rows = ledger.list_transactions(query);
        for (const Transaction& posting : rows) {
            if (row > row_max) {
                write_text(sheet, row, 0,
                           "This workbook stops at " + std::to_string(row_max) +
                               " rows: narrow the filter, or download the CSV, which has "
                               "every row.");
                return;
            }
            write_transaction(sheet, row++, posting, formats);
        }
        if (rows.size() < query.limit) return;
        query.continue_after(rows.back());
    }
}

}  // namespace

XlsxExport::XlsxExport(LedgerReads& ledger, TransactionQuery query, std::size_t row_max)
    : ledger_(&ledger), query_(std::move(query)), row_max_(row_max) {}

std::string XlsxExport::workbook() {
    const std::filesystem::path path = new_temporary_file();
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;  // each row goes to disk as it is written
    lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
    if (book == nullptr) {
        std::filesystem::remove(path);
        throw std::runtime_error("xlsx: cannot start a workbook in " + path.string());
    }
    try {
        write_sheet(book, *ledger_, query_, row_max_);
    } catch (...) {
        workbook_close(book);
        std::filesystem::remove(path);
        throw;
    }
    const lxw_error closed = workbook_close(book);  // writes the zip archive and frees `book`
    if (closed != LXW_NO_ERROR) std::filesystem::remove(path);
    check(closed, "close");
    return take_file(path);
}

std::string XlsxExport::next_chunk() {
    if (sent_) return {};
    sent_ = true;
    return workbook();
}

}  // namespace bank
