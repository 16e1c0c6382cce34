#pragma once

#include <optional>
#include <string_view>

#include "ledger/second_factor.hpp"
#include "ledger/store_unavailable.hpp"

namespace bank {

// A person's second factors. Not a ledger write: it moves no money, so, like RoleGrants, it
// does not wait in the writer's queue; each change is one conditional write of the whole
// record. May be called from any thread at once; a backend that cannot answer throws
// StoreUnavailable.
class SecondFactorStore {
public:
    virtual ~SecondFactorStore() = default;

    // The record as last written (strongly consistent), or nullopt when there is none.
    virtual std::optional<SecondFactor> find_second_factor(std::string_view user_id) = 0;
    // Writes `next` only if the stored record's version is `next.version - 1` (no record
    // stored when `next.version` is 1). False, writing nothing, when another write came first:
    // the caller reads again and decides again.
    virtual bool save_second_factor(const SecondFactor& next) = 0;
};

}  // namespace bank
