#pragma once

#include "http/fields.hpp"
#include "service/history_service.hpp"

namespace bank {

// The history filter named by a query string (the pages' and the API's share one
// vocabulary: account_id, type, category, from, to, min_amount, max_amount, q, sort,
// cursor, limit).
HistoryFilter history_filter_of(const Fields& query);

}  // namespace bank
