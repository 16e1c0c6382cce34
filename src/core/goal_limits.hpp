#pragma once

#include <cstddef>
#include <cstdint>

// The named limits of savings goals (kept beside core/limits.hpp).
namespace bank::limits {

// Goals one person may keep: more than a household plans at once, and a bound on what /goals
// and the dashboard read (one balance per goal).
inline constexpr std::size_t goals_per_person = 20;
// The largest target one goal may set: $100,000,000.00, so that a monthly amount and any
// percentage stay far inside the range of Money.
inline constexpr std::int64_t goal_target_cents_max = 100'000'000'00;
// A goal's name, in characters (UTF-8 code points): "Holiday in Lisbon 2027" fits easily, and
// "Savings goal: <name>" of four-byte characters stays inside a standing order's description
// (limits::description_length_max bytes).
inline constexpr std::size_t goal_name_length_max = 40;
// The days of the month an automatic transfer may run on: 1 to 28 (every month has them), or
// -1, the last day of the month.
inline constexpr int goal_transfer_day_max = 28;

}  // namespace bank::limits
