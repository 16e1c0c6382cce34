#include "service/change_feed_service.hpp"

#include <charconv>

#include "core/limits.hpp"
#include "service/webauthn_base64url.hpp"

namespace bank {

namespace {

Result<std::size_t> parse_limit(std::string_view text) {
    if (text.empty()) return limits::change_feed_page_default;
    std::size_t limit = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), limit);
    if (error != std::errc() || end != text.data() + text.size() || limit < 1 ||
        limit > limits::change_feed_page_max) {
        return make_error(ErrorCode::validation_failed,
                          "The limit must be a whole number from 1 to " +
                              std::to_string(limits::change_feed_page_max) + ".",
                          "limit");
    }
    return limit;
}

}  // namespace

std::string ChangeFeedService::cursor_of(std::string_view position) {
    return base64url_encode(position);
}

Result<ChangeFeedPage> ChangeFeedService::read(std::string_view cursor, std::string_view limit) {
    const auto page_size = parse_limit(limit);
    if (!page_size) return page_size.error();
    std::string after;
    if (!cursor.empty()) {
        auto decoded = base64url_decode(cursor);
        if (!decoded || !feed_.is_change_position(*decoded)) {
            return make_error(ErrorCode::validation_failed,
                              "The cursor is not one this feed gave out: send a next_cursor "
                              "unchanged, or no cursor to start from the first posting.",
                              "cursor");
        }
        after = std::move(*decoded);
    }
    ChangePage read = feed_.read_changes(after, page_size.value());
    ChangeFeedPage page;
    page.has_more = read.has_more;
    page.next_cursor =
        read.changes.empty() ? std::string(cursor) : cursor_of(read.changes.back().position);
    page.changes = std::move(read.changes);
    return page;
}

}  // namespace bank
