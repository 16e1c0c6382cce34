// Every page of web/templates rendered through ViewRenderer with a fuzzed string in every
// field the templates name (and in the chart data, which goes into <script> blocks
// unescaped by design). The string always ends in the marker "<x9"; since every '<' that
// comes from data must be escaped, the marker must never appear in a rendered page.
//
// The first byte picks the page and how its sections are filled: with the string (truthy),
// with a list of one item holding every field, or with false (so inverted sections render).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>

#include "fuzz_check.hpp"
#include "web/analytics_views.hpp"
#include "web/view_renderer.hpp"

namespace {

constexpr std::string_view marker = "<x9";

struct TemplateNames {
    std::set<std::string> values;      // {{name}}
    std::set<std::string> raw_values;  // {{{name}}} and {{&name}}
    std::set<std::string> sections;    // {{#name}} and {{^name}}
};

std::string_view trim(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text;
}

// Collects the tag names of one template. Only the Mustache the templates use is read:
// variables, sections, inverted sections, partials and comments with the default delimiters.
void collect_names(std::string_view text, TemplateNames& names) {
    std::size_t start = 0;
    while ((start = text.find("{{", start)) != std::string_view::npos) {
        const bool triple = text.substr(start).starts_with("{{{");
        const std::string_view close = triple ? "}}}" : "}}";
        const std::size_t open_length = triple ? 3 : 2;
        const std::size_t end = text.find(close, start + open_length);
        if (end == std::string_view::npos) return;
        std::string_view tag = trim(text.substr(start + open_length, end - start - open_length));
        start = end + close.size();
        if (tag.empty()) continue;
        const char sigil = tag.front();
        if (triple) {
            names.raw_values.emplace(tag);
        } else if (sigil == '#' || sigil == '^') {
            names.sections.emplace(trim(tag.substr(1)));
        } else if (sigil == '&') {
            names.raw_values.emplace(trim(tag.substr(1)));
        } else if (sigil != '/' && sigil != '>' && sigil != '!' && sigil != '=') {
            names.values.emplace(tag);
        }
    }
}

std::string template_directory() {
    if (const char* source = std::getenv("BANK_SOURCE_DIR")) {
        return std::string(source) + "/web/templates";
    }
    return BANK_SOURCE_DIR "/web/templates";
}

void merge(TemplateNames& into, const TemplateNames& from) {
    into.values.insert(from.values.begin(), from.values.end());
    into.raw_values.insert(from.raw_values.begin(), from.raw_values.end());
    into.sections.insert(from.sections.begin(), from.sections.end());
}

// Each page with the names it can show: its own, the layout's and the partials'.
struct Fixture {
    bank::ViewRenderer renderer{template_directory()};
    std::vector<std::string> pages;  // every template but the layout and the partials
    std::map<std::string, TemplateNames> names_of_page;

    Fixture() {
        TemplateNames shared;
        for (const auto& entry : std::filesystem::directory_iterator(template_directory())) {
            if (entry.path().extension() != ".mustache") continue;
            const std::string stem = entry.path().stem().string();
            std::ifstream file(entry.path());
            std::ostringstream text;
            text << file.rdbuf();
            const bool is_page = stem != "layout" && !stem.starts_with("partial_");
            collect_names(text.str(), is_page ? names_of_page[stem] : shared);
            if (is_page) pages.push_back(stem);
        }
        bank::fuzz::require(!pages.empty(), "web/templates has pages");
        for (auto& [page, names] : names_of_page) merge(names, shared);
    }
};

const Fixture& fixture() {
    static const auto instance = std::make_unique<Fixture>();
    return *instance;
}

// Chart data built the way the analytics pages build it, with the fuzzed text as labels.
std::string chart_of(const std::string& text) {
    boost::json::array labels{text, text};
    boost::json::array values{text, "1.00"};
    return bank::chart_json("bar", labels, boost::json::array{bank::dataset(text, values)});
}

bank::ViewData fields_view(const TemplateNames& names, const std::string& text) {
    bank::ViewData view;
    for (const auto& name : names.values) view.set(name, text);
    for (const auto& name : names.raw_values) {
        // The layout's content is the rendered page itself (render_page sets it).
        if (name == "content") continue;
        view.set(name, name.ends_with("_chart") ? chart_of(text) : text);
    }
    return view;
}

bank::ViewData page_view(const TemplateNames& names, const std::string& text, int mode) {
    bank::ViewData view = fields_view(names, text);
    for (const auto& name : names.sections) {
        if (mode == 0) {
            view.set(name, text);
        } else if (mode == 1) {
            bank::ViewData items{bank::ViewData::type::list};
            items.push_back(fields_view(names, text));
            view.set(name, items);
        } else {
            view.set(name, false);
        }
    }
    return view;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using bank::fuzz::require;
    if (size == 0) return 0;
    const Fixture& context = fixture();
    const int mode = data[0] % 3;
    const std::string& page = context.pages[data[0] / 3 % context.pages.size()];
    std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    text += marker;
    const std::string html =
        context.renderer.render_page(page, page_view(context.names_of_page.at(page), text, mode));
    if (html.find(marker) != std::string::npos) {
        std::fprintf(stderr, "page %s shows \"%.*s\" unescaped\n", page.c_str(),
                     static_cast<int>(marker.size()), marker.data());
        require(false, "no '<' from data survives unescaped");
    }
    return 0;
}
