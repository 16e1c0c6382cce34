#include "http/history_filter_query.hpp"

namespace bank {

HistoryFilter history_filter_of(const Fields& query) {
    HistoryFilter filter;
    filter.account_id = query.get("account_id");
    filter.type = query.get("type");
    filter.category = query.get("category");
    filter.from = query.get("from");
    filter.to = query.get("to");
    filter.min_amount = query.get("min_amount");
    filter.max_amount = query.get("max_amount");
    filter.text = query.get("q");
    filter.sort = query.get("sort");
    filter.cursor = query.get("cursor");
    filter.limit = query.get("limit");
    return filter;
}

}  // namespace bank
