#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "ledger/change_feed_reads.hpp"

namespace bank {

// A page of the change feed as the loader gets it: the cursor to send next (the same one
// when nothing new was there, so a loader can always resume from the last answer).
struct ChangeFeedPage {
    std::vector<Change> changes;
    std::string next_cursor;
    bool has_more = false;
};

// GET /api/v1/admin/changes: the bank-wide change feed for warehouse loaders. The cursor is
// opaque to the client: base64url of the engine's position of the last posting served.
// Who may read it is the route's business (admin only).
class ChangeFeedService {
public:
    explicit ChangeFeedService(ChangeFeedReads& feed) : feed_(feed) {}

    // `cursor` empty: from the first posting. `limit` empty: change_feed_page_default.
    // A cursor this engine did not give out, or a limit outside 1..change_feed_page_max, is
    // a validation error naming `cursor` or `limit`; nothing is read then.
    Result<ChangeFeedPage> read(std::string_view cursor, std::string_view limit);

    static std::string cursor_of(std::string_view position);

private:
    ChangeFeedReads& feed_;
};

}  // namespace bank
