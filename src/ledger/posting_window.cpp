#include "ledger/posting_window.hpp"

#include <algorithm>

#include "ledger/recurring_detection.hpp"

namespace bank {

namespace {

std::uint32_t intern(std::string text, std::vector<std::string>& table,
                     std::unordered_map<std::string, std::uint32_t>& index) {
    const auto found = index.find(text);
    if (found != index.end()) return found->second;
    const auto id = static_cast<std::uint32_t>(table.size());
    table.push_back(text);
    index.emplace(std::move(text), id);
    return id;
}

}  // namespace

std::size_t PostingWindow::bytes() const {
    std::size_t total = sizeof(PostingWindow) + rows.capacity() * sizeof(WindowRow);
    // Each text twice (table and index) with the index's node and bucket.
    for (const std::string& text : descriptions)
        total += 2 * (sizeof(std::string) + text.size()) + 32;
    for (const std::string& text : payees) total += 2 * (sizeof(std::string) + text.size()) + 32;
    return total;
}

void append_to_window(PostingWindow& window, std::vector<WindowPosting> newer) {
    std::sort(newer.begin(), newer.end(),
              [](const WindowPosting& left, const WindowPosting& right) {
                  return left.sequence > right.sequence;
              });
    std::vector<WindowRow> rows;
    rows.reserve(newer.size() + window.rows.size());
    for (WindowPosting& posting : newer) {
        WindowRow row{posting.sequence, posting.timestamp, posting.date,
                      posting.amount,   posting.outgoing,  posting.own};
        row.payee = intern(payee_key(posting.description), window.payees, window.payee_index);
        row.description =
            intern(std::move(posting.description), window.descriptions, window.description_index);
        window.newest_sequence = std::max(window.newest_sequence, row.sequence);
        rows.push_back(row);
    }
    rows.insert(rows.end(), window.rows.begin(), window.rows.end());
    window.rows = std::move(rows);
}

bool advance_window(PostingWindow& window, Timestamp from, std::size_t rows_max) {
    if (window.complete && from < window.from) return false;
    std::erase_if(window.rows, [from](const WindowRow& row) { return row.timestamp < from; });
    if (window.rows.size() >= rows_max) {
        window.rows.resize(rows_max);
        window.truncated = true;
    } else if (window.truncated) {
        // Rows older (by sequence) than every row kept, never read, may be in the window now.
        return false;
    }
    window.from = from;
    window.complete = true;
    return true;
}

bool window_tables_oversized(const PostingWindow& window, std::size_t rows_max) {
    return window.descriptions.size() > 2 * rows_max;
}

}  // namespace bank
