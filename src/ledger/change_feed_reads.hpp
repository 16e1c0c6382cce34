#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/model.hpp"
#include "ledger/store_unavailable.hpp"

namespace bank {

// One posting in the bank-wide change feed, with its place in the feed: a text that orders
// the feed (compared as bytes) and that the engine reads back as "after this one".
struct Change {
    std::string position;
    Transaction posting;
};

struct ChangePage {
    std::vector<Change> changes;  // in feed order
    bool has_more = false;        // more postings could be served right now
};

// The bank-wide change feed for warehouse loaders (GET /api/v1/admin/changes): every posting
// once, in the engine's commit order, from any position it gave out. SQLite: the
// transactions' sequence (the rowid its single writer assigns in commit order). DynamoDB:
// sharded feed items ordered by each posting's logical time (docs/ARCHITECTURE.md, "The
// change feed"). A read the backend cannot answer throws StoreUnavailable.
class ChangeFeedReads {
public:
    virtual ~ChangeFeedReads() = default;

    // Whether `position` has the shape of a position this engine gives out (a cursor from a
    // client is checked before it reaches a query).
    virtual bool is_change_position(std::string_view position) const = 0;
    // At most `limit` postings after `after` (empty: from the first), in feed order.
    virtual ChangePage read_changes(std::string_view after, std::size_t limit) = 0;
};

}  // namespace bank
