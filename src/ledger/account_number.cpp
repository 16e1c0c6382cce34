#include "ledger/account_number.hpp"

#include "core/random.hpp"

namespace bank {
namespace {

// The quasigroup table of order 10 from H. Michael Damm's 2004 thesis.
constexpr int damm_table[10][10] = {{0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
                                    {4, 2, 0, 6, 8, 7, 1, 3, 5, 9}, {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
                                    {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
                                    {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
                                    {9, 4, 3, 8, 6, 1, 7, 2, 0, 5}, {2, 5, 8, 1, 4, 3, 6, 7, 9, 0}};

int damm_interim(std::string_view digits) {
    int interim = 0;
    for (char c : digits) interim = damm_table[interim][c - '0'];
    return interim;
}

}  // namespace

char AccountNumber::check_digit(std::string_view digits) {
    return static_cast<char>('0' + damm_interim(digits));
}

std::string AccountNumber::generate() {
    std::string digits;
    digits.reserve(length);
    digits.push_back(static_cast<char>('1' + random_below(9)));
    while (digits.size() < length - 1) digits.push_back(static_cast<char>('0' + random_below(10)));
    digits.push_back(check_digit(digits));
    return digits;
}

Result<std::string> AccountNumber::parse(std::string_view text) {
    std::string digits;
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            if (digits.size() == length) break;
            digits.push_back(c);
        } else if (c != ' ' && c != '-') {
            return make_error(ErrorCode::validation_failed, "An account number has only digits.",
                              "to_account_number");
        }
    }
    if (digits.empty()) {
        return make_error(ErrorCode::validation_failed, "Enter the account number.",
                          "to_account_number");
    }
    std::size_t digit_count = 0;
    for (char c : text) digit_count += (c >= '0' && c <= '9') ? 1 : 0;
    if (digit_count != length) {
        return make_error(ErrorCode::validation_failed, "An account number has 10 digits.",
                          "to_account_number");
    }
    if (damm_interim(digits) != 0) {
        return make_error(ErrorCode::validation_failed,
                          "That account number is not valid; please check it for typos.",
                          "to_account_number");
    }
    return digits;
}

}  // namespace bank
