#pragma once

#include <string>
#include <vector>

#include "core/time_zone.hpp"
#include "ledger/analytics_reads.hpp"
#include "ledger/model.hpp"

namespace bank {

// The rollups of a person's local months, correct to the cent. The rollup tables are kept by
// UTC month, and a local month is not a sum of UTC months: November in Los Angeles runs from
// 07:00 UTC on the 1st to 08:00 UTC on the 1st of December. So each local month is its UTC
// month of the same name, less the postings between the UTC month's start and the local
// month's start (they belong to the month before), plus those of the same slice at its end;
// east of UTC the other way round. Each slice is read through
// AnalyticsReads::period_rollups: at most the zone's offset (14 hours) of postings at each of
// the months' boundaries. In UTC it is exactly one list_rollups.
//
// `first` and `last` are starts of local months (local_month_start); every row is labelled
// with the local month it falls in ("2026-11"), one row per account, month, category and type.
std::vector<Rollup> local_month_rollups(AnalyticsReads& reads, const std::string& user_id,
                                        const std::string& account_id, Timestamp first,
                                        Timestamp last, const TimeZone& zone);

}  // namespace bank
