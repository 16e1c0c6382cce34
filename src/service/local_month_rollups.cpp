#include "service/local_month_rollups.hpp"

#include <map>
#include <tuple>

#include "service/analytics_period.hpp"

namespace bank {
namespace {

using Key = std::tuple<std::string, std::string, std::string, TransactionType>;

// Sums rows by account, month, category and type; `sign` -1 takes them away.
class MonthTotals {
public:
    void add(const Rollup& row, const std::string& month, int sign) {
        Rollup& total = totals_[Key{row.account_id, month, row.category, row.transaction_type}];
        total.account_id = row.account_id;
        total.month = month;
        total.category = row.category;
        total.transaction_type = row.transaction_type;
        total = with(total, row, sign);
    }

    // The rows left once the slices moved, without the ones that came to nothing.
    std::vector<Rollup> rows() && {
        std::vector<Rollup> rows;
        for (auto& [key, total] : totals_) {
            if (total.count != 0 || !total.total.is_zero()) rows.push_back(std::move(total));
        }
        return rows;
    }

private:
    static Rollup with(Rollup total, const Rollup& row, int sign) {
        const auto sum =
            sign > 0 ? total.total.checked_add(row.total) : total.total.checked_sub(row.total);
        // Real balances stay far below the int64 range; saturate rather than wrap.
        total.total = sum ? *sum : Money::from_cents(sign > 0 ? INT64_MAX : INT64_MIN);
        total.count += sign * row.count;
        return total;
    }

    std::map<Key, Rollup> totals_;
};

// The first instant of the UTC month named like the local month starting at `local_start`.
Timestamp utc_month_named_like(Timestamp local_start, const TimeZone& zone) {
    return month_start(zone.to_wall(local_start));
}

}  // namespace

std::vector<Rollup> local_month_rollups(AnalyticsReads& reads, const std::string& user_id,
                                        const std::string& account_id, Timestamp first,
                                        Timestamp last, const TimeZone& zone) {
    const std::string first_month = format_month(first, zone);
    const std::string last_month = format_month(last, zone);
    MonthTotals totals;
    for (const Rollup& row : reads.list_rollups(user_id, account_id, first_month, last_month)) {
        totals.add(row, row.month, 1);
    }
    const auto within = [&](const std::string& month) {
        return month >= first_month && month <= last_month;
    };
    const Timestamp end = local_month_start(last, zone, 1);
    for (Timestamp local = first; local <= end; local = local_month_start(local, zone, 1)) {
        const Timestamp utc = utc_month_named_like(local, zone);
        if (utc == local) continue;
        const std::string month = format_month(local, zone);
        const std::string before = format_month(local_month_start(local, zone, -1), zone);
        // West of UTC (utc < local) the slice is in the UTC month `month` and the local month
        // `before`; east of it, in the UTC month `before` and the local month `month`.
        const bool west = utc < local;
        const std::string& kept_in = west ? month : before;
        const std::string& belongs_to = west ? before : month;
        const PeriodQuery slice{user_id, account_id, std::min(utc, local), std::max(utc, local)};
        for (const Rollup& row : reads.period_rollups(slice)) {
            if (within(kept_in)) totals.add(row, kept_in, -1);
            if (within(belongs_to)) totals.add(row, belongs_to, 1);
        }
    }
    return std::move(totals).rows();
}

}  // namespace bank
