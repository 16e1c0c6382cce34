#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>

#include "ledger/ledger_reads.hpp"

namespace bank {

// Whether one of the person's newest `rows_max` outgoing transfers went to this account
// number. A query derived from LedgerReads, so it holds on every engine.
bool payee_paid_before(LedgerReads& ledger, std::string_view user_id,
                       std::string_view account_number, std::size_t rows_max);

// The account numbers the person's newest `rows_max` outgoing transfers went to, read once
// (a bulk payment asks about many payees).
std::unordered_set<std::string> payees_paid_before(LedgerReads& ledger, std::string_view user_id,
                                                   std::size_t rows_max);

}  // namespace bank
