#include "web/view_renderer.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace bank {

namespace {

constexpr std::string_view partial_prefix = "partial_";
constexpr int partial_depth_max = 8;  // a partial including itself is caught here

std::string read_text(const std::filesystem::path& path) {
    std::ifstream file(path);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// Replaces each {{> partial_NAME}} with the partial's text (itself expanded), as the
// renderer would include it: the partial shares the includer's context.
std::string expand_partials(const std::string& source,
                            const std::map<std::string, std::string, std::less<>>& raw, int depth) {
    if (depth > partial_depth_max) throw std::runtime_error("templates: partials nest too deep");
    std::string out;
    out.reserve(source.size());
    std::size_t at = 0;
    for (std::size_t open = source.find("{{>", at); open != std::string::npos;
         open = source.find("{{>", at)) {
        const std::size_t close = source.find("}}", open);
        if (close == std::string::npos) break;
        std::string_view name(source.data() + open + 3, close - open - 3);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        const auto found = raw.find(name);
        if (!name.starts_with(partial_prefix) || found == raw.end()) {
            throw std::runtime_error("templates: unknown partial " + std::string(name));
        }
        out.append(source, at, open - at);
        out += expand_partials(found->second, raw, depth + 1);
        at = close + 2;
    }
    out.append(source, at);
    return out;
}

}  // namespace

ViewRenderer::ViewRenderer(const std::string& directory) {
    std::map<std::string, std::string, std::less<>> raw;
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
        if (entry.path().extension() != ".mustache") continue;
        raw[entry.path().stem().string()] = read_text(entry.path());
    }
    if (!raw.contains("layout")) throw std::runtime_error("no layout.mustache in " + directory);
    for (const auto& [name, text] : raw) {
        auto page = std::make_unique<Template>();
        page->name = name;
        page->source = expand_partials(text, raw, 0);
        page->idle.push_back(parse(*page));  // throws when malformed
        templates_.emplace(name, std::move(page));
    }
}

ViewRenderer::~ViewRenderer() = default;

std::unique_ptr<ViewRenderer::Parsed> ViewRenderer::parse(const Template& page) {
    auto parsed = std::make_unique<Parsed>(page.source);
    if (!parsed->is_valid()) {
        throw std::runtime_error("template " + page.name + ": " + parsed->error_message());
    }
    return parsed;
}

std::string ViewRenderer::render(std::string_view name, const ViewData& view) const {
    const auto found = templates_.find(name);
    if (found == templates_.end()) throw std::runtime_error("no template " + std::string(name));
    Template& page = *found->second;
    std::unique_ptr<Parsed> parsed;
    {
        const std::lock_guard lock(page.mutex);
        if (!page.idle.empty()) {
            parsed = std::move(page.idle.back());
            page.idle.pop_back();
        }
    }
    if (!parsed) parsed = parse(page);
    std::string html;
    html.reserve(page.last_size.load(std::memory_order_relaxed) + 1024);
    parsed->render(view, [&html](const std::string& text) { html += text; });
    // A failed render leaves its error in the parsed template, which would refuse every later
    // render: such a copy is dropped, not given back.
    if (!parsed->is_valid()) {
        throw std::runtime_error("template " + page.name + ": " + parsed->error_message());
    }
    page.last_size.store(html.size(), std::memory_order_relaxed);
    const std::lock_guard lock(page.mutex);
    page.idle.push_back(std::move(parsed));
    return html;
}

std::string ViewRenderer::render_page(std::string_view name, ViewData view) const {
    view.set("content", render(name, view));
    return render("layout", view);
}

}  // namespace bank
