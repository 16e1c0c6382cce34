#include "service/xlsx_export.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "support/store_helpers.hpp"

namespace bank {
namespace {

// The postings of one account, answered a page (query.limit rows) at a time after the cursor.
class PagedHistory : public LedgerReads {
public:
    explicit PagedHistory(int rows) {
        for (int i = 1; i <= rows; ++i) {
            Transaction row;
            row.transaction_id = "t" + std::to_string(i);
            row.account_id = "a1";
            row.amount = Money::from_cents(100L * i + 5);
            row.balance_after = Money::from_cents(1'000'000 - i);
            row.description = i == 1 ? "=SUM(A1:A9)" : "row " + std::to_string(i);
            row.timestamp = from_micros(1'795'594'184'123'456 + i);
            row.sequence = i;
            rows_.push_back(row);
        }
    }
    std::vector<Transaction> list_transactions(const TransactionQuery& query) override {
        ++pages_read;
        std::vector<Transaction> page;
        for (const Transaction& row : rows_) {
            if (row.sequence > query.before_sequence && page.size() < query.limit) {
                page.push_back(row);
            }
        }
        return page;
    }
    std::vector<Account> list_accounts(std::string_view) override { return {}; }
    std::optional<Account> find_account(std::string_view) override { return std::nullopt; }
    std::optional<Account> find_account_by_number(std::string_view) override {
        return std::nullopt;
    }
    std::optional<Transaction> find_transaction(std::string_view, std::string_view) override {
        return std::nullopt;
    }
    std::vector<CategoryRule> list_category_rules(std::string_view) override { return {}; }
    std::optional<RememberedRequest> find_remembered_request(std::string_view,
                                                             std::string_view) override {
        return std::nullopt;
    }

    int pages_read = 0;

private:
    std::vector<Transaction> rows_;
};

TransactionQuery oldest_first(std::size_t page) {
    TransactionQuery query;
    query.user_id = "alice";
    query.sort = TransactionSort::oldest;
    query.limit = page;
    return query;
}

// The sheet's XML inside the workbook, read by Python's zipfile (a reader nobody here wrote).
std::string sheet_xml(const std::string& workbook) {
    const test::ScratchDirectory directory("xlsx-test");
    const std::string path = directory.file("export.xlsx");
    std::ofstream(path, std::ios::binary) << workbook;
    const std::string command =
        "python3 -c \"import sys, zipfile; "
        "sys.stdout.write(zipfile.ZipFile(sys.argv[1])"
        ".read('xl/worksheets/sheet1.xml').decode())\" " +
        path;
    std::string xml;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[4096];
        while (const std::size_t read = fread(buffer, 1, sizeof buffer, pipe))
            xml.append(buffer, read);
        pclose(pipe);
    }
    return xml;
}

std::size_t rows_in(const std::string& xml) {
    const std::regex row("<row ");
    return std::distance(std::sregex_iterator(xml.begin(), xml.end(), row), std::sregex_iterator());
}

TEST(XlsxExport, StopsAtTheRowLimitAndSaysSoInTheSheet) {
    PagedHistory history(5);
    XlsxExport exported(history, oldest_first(2), 3);
    const std::string workbook = exported.next_chunk();
    ASSERT_EQ(workbook.substr(0, 2), "PK") << "a zip archive";
    EXPECT_EQ(exported.next_chunk(), "") << "the workbook is one chunk";
    const std::string xml = sheet_xml(workbook);
    ASSERT_FALSE(xml.empty());
    EXPECT_EQ(rows_in(xml), 1u + 3u + 1u) << "titles, three postings, the note";
    EXPECT_NE(xml.find("This workbook stops at 3 rows"), std::string::npos);
    EXPECT_EQ(xml.find("row 4"), std::string::npos);
    EXPECT_EQ(xml.find("<f>"), std::string::npos) << "a description is never a formula";
    EXPECT_NE(xml.find("=SUM(A1:A9)"), std::string::npos);
}

TEST(XlsxExport, WritesEveryRowUpToTheLimitWithoutANote) {
    PagedHistory history(3);
    XlsxExport exported(history, oldest_first(2), 3);
    const std::string xml = sheet_xml(exported.workbook());
    EXPECT_EQ(rows_in(xml), 1u + 3u);
    EXPECT_EQ(xml.find("stops at"), std::string::npos);
    EXPECT_EQ(history.pages_read, 2) << "two pages of two: the second short one ends it";
    // Amounts are numbers (not text) in the cents they hold: 3.05 for row 3.
    EXPECT_NE(xml.find("<v>3.05</v>"), std::string::npos) << xml.substr(0, 2000);
}

}  // namespace
}  // namespace bank
