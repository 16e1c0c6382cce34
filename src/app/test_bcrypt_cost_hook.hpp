#pragma once

namespace bank {

// The bcrypt cost of `bank serve`: limits::bcrypt_cost (12), except under the test hook
// BANK_TEST_BCRYPT_COST (docs/TESTING.md), which may lower it to between 4 and 12 so the
// suite's thousands of registrations and sign-ins do not spend most of CI hashing. Read once;
// the server logs a warning when it is set and refuses to start on any other value. Nothing in
// deploy/ or .env.example sets it: unset, as it must be in production, nothing changes.
int process_bcrypt_cost();

}  // namespace bank
