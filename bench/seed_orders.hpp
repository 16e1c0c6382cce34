#pragma once

#include <cstddef>
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

struct LikeThePass {
    std::size_t postings = 0;  // submitted, one per due order
    std::size_t posted = 0;    // answered ok
    double seconds = 0;        // from the first command submitted to the last answer
};

// `bank_bench post-orders`: the writer's like-for-like anchor of issue 14. Submits to the
// writer exactly what the scheduler's pass submits for the orders due today (its transfer
// per order, with the occurrence's key and the category the pass would infer, made by the
// same planner, in batches of limits::standing_orders_per_batch to the writer's background
// lane), and nothing of the pass's own bookkeeping (no claims, outcomes with their audit
// events, or next dates: the orders stay as they are). Run it on a copy of the file the
// pass runs on. The batches are submitted one ahead of the answers, so the writer never
// waits for this tool: its time is the writer's own for those commands.
LikeThePass post_standing_orders_like_the_pass(const std::string& db_path);

}  // namespace bank::bench
