#pragma once

#include <cstdint>
#include <string>

namespace bank::bench {

// `bank_bench seed-orders`: adds `orders` standing orders, all due today (UTC), to a store
// that `bank_bench seed` filled: FREQ=DAILY;COUNT=1 one-cent payments from each bench person's
// checking account to the next person's, at most limits::standing_orders_per_user_max per
// person (as the service allows). Written in one SQLite transaction through the store's own
// row writer (SqliteStandingOrders), so the scheduler reads them as it reads any order.
// Throws std::runtime_error when there are too few people for that many orders.
void seed_standing_orders(const std::string& db_path, std::int64_t orders);

}  // namespace bank::bench
