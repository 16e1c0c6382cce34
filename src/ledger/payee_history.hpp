#pragma once

#include <cstddef>
#include <string_view>

#include "ledger/ledger_reads.hpp"

namespace bank {

// Whether one of the person's newest `rows_max` outgoing transfers went to this account
// number. A query derived from LedgerReads, so it holds on every engine.
bool payee_paid_before(LedgerReads& ledger, std::string_view user_id,
                       std::string_view account_number, std::size_t rows_max);

}  // namespace bank
