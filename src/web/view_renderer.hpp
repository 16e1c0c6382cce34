#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include <kainjow/mustache.hpp>

namespace bank {

using ViewData = kainjow::mustache::data;

// Mustache templates from web/templates, read once at start-up. Every {{value}} is
// HTML-escaped; {{{content}}} is used only for the page body the layout wraps.
class ViewRenderer {
public:
    // Reads every *.mustache file of `directory`; throws when one is missing or malformed.
    explicit ViewRenderer(const std::string& directory);

    // Renders `name` (without extension) into the layout.
    std::string render_page(std::string_view name, ViewData view) const;
    std::string render(std::string_view name, const ViewData& view) const;

private:
    std::unordered_map<std::string, std::string> templates_;
};

}  // namespace bank
