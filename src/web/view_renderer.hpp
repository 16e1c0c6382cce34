#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <kainjow/mustache.hpp>

namespace bank {

using ViewData = kainjow::mustache::data;

// Mustache templates from web/templates, read and parsed once at start-up. Every {{value}} is
// HTML-escaped; {{{content}}} is used only for the page body the layout wraps.
//
// Templates named partial_* can be included by others ({{> partial_transaction_table}}); they
// are pasted into their includers when read, so a render parses nothing. A parsed
// kainjow::mustache is not safe to render from two threads at once (render is not const and
// keeps an error message), so each template keeps a small pool of parsed copies: a render
// borrows one and gives it back, and the pool grows only to the number of renders running at
// the same time.
class ViewRenderer {
public:
    // Reads every *.mustache file of `directory`; throws when one is missing or malformed.
    explicit ViewRenderer(const std::string& directory);
    ~ViewRenderer();
    ViewRenderer(const ViewRenderer&) = delete;
    ViewRenderer& operator=(const ViewRenderer&) = delete;

    // Renders `name` (without extension) into the layout.
    std::string render_page(std::string_view name, ViewData view) const;
    std::string render(std::string_view name, const ViewData& view) const;

private:
    using Parsed = kainjow::mustache::mustache;

    struct Template {
        std::string name;
        std::string source;  // partials pasted in
        std::mutex mutex;
        std::vector<std::unique_ptr<Parsed>> idle;
        std::atomic<std::size_t> last_size{0};  // reserved for the next render's output
    };

    static std::unique_ptr<Parsed> parse(const Template& page);

    std::map<std::string, std::unique_ptr<Template>, std::less<>> templates_;
};

}  // namespace bank
