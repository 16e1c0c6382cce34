#pragma once

#include <string_view>
#include <vector>

#include "ledger/model.hpp"
#include "ledger/store_unavailable.hpp"

namespace bank {

// A person's sessions of every kind (sign-ins, access tokens, reset links), for the pages
// and endpoints that list and end them. May be called from any thread at once; a read the
// backend cannot answer throws StoreUnavailable.
class SessionReads {
public:
    virtual ~SessionReads() = default;

    // In no particular order; expired ones included until something deletes them.
    virtual std::vector<Session> list_sessions(std::string_view user_id) = 0;
};

}  // namespace bank
