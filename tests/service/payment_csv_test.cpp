#include "service/payment_csv.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/limits.hpp"
#include "service/step_up_service.hpp"

namespace bank {
namespace {

// A valid account number (Damm check digit) and another.
constexpr std::string_view bob = "1234567894";

struct FileCase {
    std::string name;
    std::string text;
    std::string problem;  // a part of the file's problem, empty when it is read
};

void PrintTo(const FileCase& file, std::ostream* out) { *out << file.name; }

class PaymentCsvFile : public testing::TestWithParam<FileCase> {};

TEST_P(PaymentCsvFile, IsReadOrRefusedWhole) {
    const FileCase& file = GetParam();
    const PaymentCsv csv = parse_payment_csv(file.text);
    if (file.problem.empty()) {
        EXPECT_FALSE(csv.problem) << *csv.problem;
    } else {
        ASSERT_TRUE(csv.problem);
        EXPECT_NE(csv.problem->find(file.problem), std::string::npos) << *csv.problem;
        EXPECT_TRUE(csv.rows.empty());
    }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PaymentCsvFile,
    testing::Values(FileCase{"empty", "", "empty"}, FileCase{"blank_lines", "\n\n", "empty"},
                    FileCase{"no_amount_column", "to_account_number\n1", "at least the columns"},
                    FileCase{"duplicate_header", "to_account_number,amount,amount\n",
                             "amount twice"},
                    FileCase{"unknown_column", "to_account_number,amount,iban\n", "\"iban\""},
                    FileCase{"header_only", "to_account_number,amount\n", "no payments"},
                    FileCase{"any_order_and_crlf", "amount,to_account_number\r\n1.00,1\r\n", ""},
                    FileCase{"too_large",
                             "to_account_number,amount\n" +
                                 std::string(limits::transfer_batch_csv_bytes_max, ' '),
                             "transfer_batch_csv_bytes_max"}),
    [](const testing::TestParamInfo<FileCase>& info) { return info.param.name; });

TEST(PaymentCsv, NamesEveryRowsProblems) {
    const PaymentCsv csv = parse_payment_csv(
        "to_account_number,amount,description,category\n"
        "1234567894,10.00,Salary,income\n"
        "1234567894,ten,,\n"
        "1234567894,2000000.00,,\n"
        "12,1.00,,\n"
        "1234567894,1.00,,no-such-category\n"
        "\"1234567894\",\"1,000.50\",\"Lunch, \"\"Friday\"\"\",\n"
        "1234567894,1.00\n");
    ASSERT_FALSE(csv.problem);
    ASSERT_EQ(csv.rows.size(), 7u);
    EXPECT_TRUE(csv.rows[0].problems.empty());
    EXPECT_EQ(csv.rows[0].line, 2u);
    EXPECT_EQ(csv.rows[1].problems.at(0).rfind("Amount: ", 0), 0u);
    EXPECT_NE(csv.rows[2].problems.at(0).find("over the limit"), std::string::npos);
    EXPECT_EQ(csv.rows[3].problems.at(0).rfind("To account: ", 0), 0u);
    EXPECT_EQ(csv.rows[4].problems.at(0).rfind("Category: ", 0), 0u);
    EXPECT_TRUE(csv.rows[5].problems.empty());
    EXPECT_EQ(csv.rows[5].amount, "1,000.50");
    EXPECT_EQ(csv.rows[5].description, "Lunch, \"Friday\"");
    EXPECT_NE(csv.rows[6].problems.at(0).find("has 2 fields; the header has 4"), std::string::npos);
}

TEST(PaymentCsv, MoreRowsThanABatchHoldsIsRefused) {
    std::string text = "to_account_number,amount\n";
    for (std::size_t row = 0; row <= limits::transfer_batch_items_max; ++row) {
        text += std::string(bob) + ",1\n";
    }
    const PaymentCsv csv = parse_payment_csv(text);
    ASSERT_TRUE(csv.problem);
    EXPECT_NE(csv.problem->find("transfer_batch_items_max"), std::string::npos);
}

TEST(BindBatch, BindsCountTotalAndTheSortedPayeesAndAmounts) {
    const auto binding = bind_batch({{"1234567894", "10.00"}, {"0000000000", "2.50"}});
    ASSERT_TRUE(binding);
    EXPECT_EQ(binding->count, 2u);
    EXPECT_EQ(binding->total.cents(), 1250);
    // sha256("0000000000 250\n1234567894 1000"), computed with Python's hashlib.
    EXPECT_EQ(binding->payees_digest,
              "fd8d91bf90faca934582f363fe72ea601f7c5d76f8cc36b63f776f218610d4af");
    const auto reordered = bind_batch({{"0000000000", "2.50"}, {"1234567894", "10.00"}});
    EXPECT_EQ(reordered->payees_digest, binding->payees_digest);
    const auto other = bind_batch({{"1234567894", "2.50"}, {"0000000000", "10.00"}});
    EXPECT_NE(other->payees_digest, binding->payees_digest);
    EXPECT_EQ(binding->bound_text(), "batch:2:" + binding->payees_digest);
    EXPECT_FALSE(bind_batch({{"12", "1.00"}, {"1234567894", "x"}}));
}

}  // namespace
}  // namespace bank
