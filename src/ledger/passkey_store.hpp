#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ledger/passkey.hpp"
#include "ledger/store_unavailable.hpp"

namespace bank {

// People's passkeys. Like SecondFactorStore, no money moves, so nothing waits in the
// writer's queue: each change is one conditional write. May be called from any thread at
// once; a backend that cannot answer throws StoreUnavailable.
class PasskeyStore {
public:
    virtual ~PasskeyStore() = default;

    // A person's passkeys, oldest first (strongly consistent).
    virtual std::vector<Passkey> list_passkeys(std::string_view user_id) = 0;
    // The passkey with this credential id, whoever owns it (passwordless sign-in starts
    // from the credential alone); nullopt when there is none.
    virtual std::optional<Passkey> find_passkey(std::string_view credential_id) = 0;
    // Stores a new passkey (version 1); false, writing nothing, when its credential id is
    // taken by anyone.
    virtual bool add_passkey(const Passkey& passkey) = 0;
    // Writes `next` only over the stored version `next.version - 1`; false otherwise.
    virtual bool save_passkey(const Passkey& next) = 0;
    // Deletes the passkey only if it is still at `current.version`; false otherwise.
    virtual bool remove_passkey(const Passkey& current) = 0;
};

}  // namespace bank
