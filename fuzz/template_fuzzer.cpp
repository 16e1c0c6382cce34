// Every page of web/templates rendered through ViewRenderer with a fuzzed string in every
// field the templates name, and in the chart data, which goes raw into
// <script type="application/json"> blocks. The string always ends in a marker holding each
// character HTML gives a meaning to: '<' (a tag), '"' and '\'' (the end of an attribute) and
// '&' (an entity). The properties checked on every rendered page:
//   - outside the chart blocks, none of the marker's characters appears unescaped, and the
//     escaped marker does appear (the data really was rendered, so the check is not vacuous);
//   - each chart block is valid JSON whose labels are the fuzzed string, byte for byte, and
//     no chart block holds "</" (which would end the script element early).
//
// The first byte picks the page and how its sections are filled: with the string (truthy),
// with a list of one item holding every field, or with false (so inverted sections render).
#include <algorithm>
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
#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/value.hpp>

#include "fuzz_check.hpp"
#include "web/analytics_views.hpp"
#include "web/view_renderer.hpp"

namespace {

constexpr std::string_view marker = "9<x9\"y9'z9&w9";
// The marker as Mustache escapes it.
constexpr std::string_view escaped_marker = "9&lt;x9&quot;y9&apos;z9&amp;w9";
// Pieces of the marker that must never appear raw outside the chart blocks. Each spans a
// markup character and the marker text on both sides of it, so that a template's own quote
// next to data that happens to start with "y9" (value="y9...) is not mistaken for one.
constexpr std::string_view raw_pieces[] = {"9<x9", "x9\"y9", "y9'z9", "z9&w9"};
constexpr std::string_view chart_open = "<script type=\"application/json\"";
constexpr std::string_view chart_close = "</script>";

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

// Checks one chart block: valid JSON, labels equal to the fuzzed text, no "</" inside.
void check_chart(std::string_view block, const std::string& text) {
    using bank::fuzz::require;
    require(block.find("</") == std::string_view::npos, "a chart block holds no \"</\"");
    boost::json::parse_options options;
    options.allow_invalid_utf8 = true;  // the fuzzed text need not be UTF-8
    boost::system::error_code error;
    const boost::json::value chart = boost::json::parse(block, error, {}, options);
    require(!error, "a chart block is valid JSON");
    const auto* labels = chart.is_object() ? chart.as_object().if_contains("labels") : nullptr;
    require(labels != nullptr && labels->is_array(), "a chart block has labels");
    for (const auto& label : labels->as_array()) {
        require(label.is_string() && label.as_string() == text,
                "a chart label is the fuzzed text, byte for byte");
    }
}

// The page without its chart blocks, each of which is checked on the way.
std::string html_outside_charts(const std::string& html, const std::string& text) {
    std::string rest;
    std::size_t at = 0;
    while (true) {
        const std::size_t open = html.find(chart_open, at);
        if (open == std::string::npos) break;
        const std::size_t body = html.find('>', open);
        bank::fuzz::require(body != std::string::npos, "a chart block's tag is closed");
        const std::size_t close = html.find(chart_close, body);
        bank::fuzz::require(close != std::string::npos, "a chart block is closed");
        rest.append(html, at, body + 1 - at);
        const std::string_view block(html.data() + body + 1, close - body - 1);
        if (!block.empty()) check_chart(block, text);
        at = close;
    }
    rest.append(html, at);
    return rest;
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
    const std::string rest = html_outside_charts(html, text);
    for (const std::string_view piece : raw_pieces) {
        if (const std::size_t found = rest.find(piece); found != std::string::npos) {
            const std::size_t from = found < 80 ? 0 : found - 80;
            std::fprintf(stderr, "page %s shows \"%.*s\" unescaped in: %.*s\n", page.c_str(),
                         static_cast<int>(piece.size()), piece.data(),
                         static_cast<int>(std::min<std::size_t>(160, rest.size() - from)),
                         rest.data() + from);
            require(false, "no markup character from data survives unescaped");
        }
    }
    require(rest.find(escaped_marker) != std::string::npos,
            "the fuzzed text is rendered (escaped) on the page");
    return 0;
}
