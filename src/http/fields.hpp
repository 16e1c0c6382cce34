#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace bank {

// Decoded name/value pairs from a query string, a form body or a Cookie header, in the
// order they came. A name may repeat; `get` answers the first.
class Fields {
public:
    void add(std::string name, std::string value) {
        entries_.emplace_back(std::move(name), std::move(value));
    }
    std::string get(std::string_view name) const {
        for (const auto& [key, value] : entries_) {
            if (key == name) return value;
        }
        return {};
    }
    bool has(std::string_view name) const {
        for (const auto& entry : entries_) {
            if (entry.first == name) return true;
        }
        return false;
    }
    std::size_t size() const { return entries_.size(); }
    const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

private:
    std::vector<std::pair<std::string, std::string>> entries_;
};

// application/x-www-form-urlencoded (also a query string without its "?"). Refuses
// malformed escapes and more than `fields_max` fields.
Result<Fields> parse_urlencoded(std::string_view text, std::size_t fields_max);
// A Cookie request header: "a=1; b=2".
Fields parse_cookie_header(std::string_view header);
// Percent-encodes a value for a query string or a cookie.
std::string url_encode(std::string_view text);

}  // namespace bank
