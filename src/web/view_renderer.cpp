#include "web/view_renderer.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace bank {

ViewRenderer::ViewRenderer(const std::string& directory) {
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
        if (entry.path().extension() != ".mustache") continue;
        std::ifstream file(entry.path());
        std::ostringstream text;
        text << file.rdbuf();
        const kainjow::mustache::mustache parsed(text.str());
        if (!parsed.is_valid()) {
            throw std::runtime_error("template " + entry.path().string() + ": " +
                                     parsed.error_message());
        }
        templates_[entry.path().stem().string()] = text.str();
    }
    if (!templates_.contains("layout")) {
        throw std::runtime_error("no layout.mustache in " + directory);
    }
}

std::string ViewRenderer::render(std::string_view name, const ViewData& view) const {
    const auto found = templates_.find(std::string(name));
    if (found == templates_.end()) throw std::runtime_error("no template " + std::string(name));
    // Templates named partial_* can be included by others: {{> partial_transaction_table}}.
    // (Only those: a partial shares the view's namespace, so "accounts" would hide data.)
    ViewData with_partials = view;
    for (const auto& [partial_name, text] : templates_) {
        if (!partial_name.starts_with("partial_")) continue;
        const std::string* source = &text;
        with_partials.set(partial_name, kainjow::mustache::partial([source] { return *source; }));
    }
    kainjow::mustache::mustache page(found->second);
    std::string html = page.render(with_partials);
    if (!page.is_valid()) throw std::runtime_error("template " + std::string(name) + ": " + page.error_message());
    return html;
}

std::string ViewRenderer::render_page(std::string_view name, ViewData view) const {
    view.set("content", render(name, view));
    return render("layout", view);
}

}  // namespace bank
