#include "http/static_assets.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace bank {
namespace {

std::string content_type_of(std::string_view path) {
    const auto ends_with = [&](std::string_view suffix) { return path.ends_with(suffix); };
    if (ends_with(".css")) return "text/css; charset=utf-8";
    if (ends_with(".js")) return "text/javascript; charset=utf-8";
    if (ends_with(".svg")) return "image/svg+xml";
    if (ends_with(".png")) return "image/png";
    if (ends_with(".ico")) return "image/x-icon";
    if (ends_with(".json")) return "application/json";
    return "application/octet-stream";
}

}  // namespace

void StaticAssets::add(std::string url_path, const std::string& file_path) {
    std::ifstream file(file_path, std::ios::binary);
    if (!file) throw std::runtime_error("cannot read the page asset " + file_path);
    std::ostringstream content;
    content << file.rdbuf();
    assets_[std::move(url_path)] = StaticAsset{content.str(), content_type_of(file_path)};
}

const StaticAsset* StaticAssets::find(std::string_view url_path) const {
    const auto found = assets_.find(std::string(url_path));
    return found == assets_.end() ? nullptr : &found->second;
}

}  // namespace bank
