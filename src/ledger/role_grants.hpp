#pragma once

#include <string_view>

#include "ledger/model.hpp"

namespace bank {

// Gives people roles (`bank admin grant`). Not a ledger write: it moves no money, so it is
// not a WriteCommand and does not wait in the writer's queue.
class RoleGrants {
public:
    virtual ~RoleGrants() = default;

    // Gives the user with this email the role; false when there is no such user.
    virtual bool set_role(std::string_view email, Role role) = 0;
};

}  // namespace bank
