#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace bank {

struct StaticAsset {
    std::string body;
    std::string content_type;
};

// The page assets (our CSS and JS, Bootstrap and Chart.js from node_modules), read into
// memory at start-up from a fixed list. A URL maps to a file only through that list, so
// no request path ever reaches the file system.
class StaticAssets {
public:
    // Adds `url_path` (e.g. "/static/css/bootstrap.min.css") served from `file_path`.
    // Throws when the file cannot be read.
    void add(std::string url_path, const std::string& file_path);
    const StaticAsset* find(std::string_view url_path) const;

private:
    std::unordered_map<std::string, StaticAsset> assets_;
};

}  // namespace bank
