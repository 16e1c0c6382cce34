// AccountNumber::parse on arbitrary text: an accepted number is exactly the ten digits of
// the input in order and passes the Damm check (computed here independently of the
// parser); ten digits separated only by spaces and dashes that pass the check are accepted.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "ledger/account_number.hpp"

namespace {

// Damm's quasigroup of order 10 (weakly totally anti-symmetric): a string of digits is
// valid when folding it through the table ends in 0.
constexpr int quasigroup[10][10] = {{0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
                                    {4, 2, 0, 6, 8, 7, 1, 3, 5, 9}, {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
                                    {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
                                    {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
                                    {9, 4, 3, 8, 6, 1, 7, 2, 0, 5}, {2, 5, 8, 1, 4, 3, 6, 7, 9, 0}};

bool passes_damm(std::string_view digits) {
    int interim = 0;
    for (char c : digits) interim = quasigroup[interim][c - '0'];
    return interim == 0;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using bank::AccountNumber;
    using bank::fuzz::require;
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    std::string input_digits;
    bool only_separators = true;
    for (char c : text) {
        if (is_digit(c)) {
            input_digits.push_back(c);
        } else if (c != ' ' && c != '-') {
            only_separators = false;
        }
    }

    const auto parsed = AccountNumber::parse(text);
    if (!parsed) {
        require(parsed.error().field == "to_account_number", "a refusal names its field");
        const bool well_formed = only_separators && input_digits.size() == AccountNumber::length;
        require(!(well_formed && passes_damm(input_digits)),
                "ten digits that pass the Damm check are accepted");
        return 0;
    }
    require(parsed->size() == AccountNumber::length, "an accepted number has ten digits");
    for (char c : *parsed) require(is_digit(c), "an accepted number is only digits");
    require(passes_damm(*parsed), "an accepted number passes the Damm check");
    require(*parsed == input_digits, "an accepted number is the input's digits in order");
    require(only_separators, "only spaces and dashes may separate the digits");
    require(AccountNumber::check_digit(std::string_view(*parsed).substr(0, 9)) == parsed->back(),
            "check_digit() agrees with parse()");
    return 0;
}
