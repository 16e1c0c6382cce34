#include "core/limits.hpp"
#include "web/analytics_views.hpp"
#include "web/page_support.hpp"
#include "web/pages.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
using kainjow::mustache::data;

ViewData categories_view(WebContext& web, const RequestContext& context,
                         std::string_view selected_category) {
    ViewData view = base_view(context, "Category rules", "categories");
    const auto rules = web.services.categories.rules(context.identity->user.user_id);
    data list{data::type::list};
    std::size_t position = 0;
    for (const CategoryRule& rule : rules) {
        data row;
        row.set("rule_id", rule.rule_id);
        row.set("position", std::to_string(++position));
        row.set("pattern", rule.pattern);
        row.set("category", category_label(rule.category));
        list.push_back(row);
    }
    view.set("rules", list);
    view.set("has_rules", !rules.empty());
    view.set("rule_count", std::to_string(rules.size()));
    view.set("rules_max", std::to_string(limits::category_rules_per_user_max));
    view.set("pattern_length_max", std::to_string(limits::category_rule_pattern_length_max));
    view.set("categories", category_options(selected_category));
    return view;
}

awaitable<HttpResponse> show(WebContext& web, RequestContext& context) {
    co_return render_page(web, context, HttpStatus::ok, "categories",
                          categories_view(web, context, ""));
}

awaitable<HttpResponse> add(WebContext& web, RequestContext& context) {
    auto rule = co_await web.services.categories.add_rule(
        context.identity->user.user_id, context.form.get("pattern"), context.form.get("category"));
    if (!rule) {
        ViewData view = categories_view(web, context, context.form.get("category"));
        keep_values(view, context, {"pattern"});
        add_form_error(view, rule.error());
        co_return render_page(web, context, status_of(rule.error().code), "categories",
                              std::move(view));
    }
    co_return redirect_with_flash(context, "/categories", "success",
                                  "Rule added: descriptions containing \"" + rule->pattern +
                                      "\" get " + rule->category + ".");
}

awaitable<HttpResponse> remove_rule(WebContext& web, RequestContext& context) {
    auto removed = co_await web.services.categories.delete_rule(context.identity->user.user_id,
                                                                context.form.get("rule_id"));
    if (!removed) {
        ViewData view = categories_view(web, context, "");
        add_form_error(view, removed.error());
        co_return render_page(web, context, status_of(removed.error().code), "categories",
                              std::move(view));
    }
    co_return redirect_with_flash(context, "/categories", "success", "Rule deleted.");
}

// Where a recategorise form returns: the history page it was on (filters, sort and page
// kept), and nothing else.
std::string history_return_path(std::string_view requested) {
    std::string path = safe_next(requested);
    const std::string_view base = "/transactions";
    if (path == base || (path.starts_with(base) && path[base.size()] == '?')) return path;
    return std::string(base);
}

awaitable<HttpResponse> recategorize(WebContext& web, RequestContext& context) {
    auto changed = co_await web.services.categories.recategorize(context.identity->user.user_id,
                                                                 context.form.get("transaction_id"),
                                                                 context.form.get("category"));
    if (!changed) {
        ViewData view = base_view(context, "Error", "transactions");
        view.set("message", changed.error().message);
        const HttpStatus status = status_of(changed.error().code);
        view.set("status", std::to_string(static_cast<int>(status)));
        co_return render_page(web, context, status, "error", std::move(view));
    }
    co_return redirect_with_flash(
        context, history_return_path(context.form.get("return_to")), "success",
        "The " + changed->amount.display() + " transaction is now in " + changed->category + ".");
}

}  // namespace

void add_category_pages(Router& router, WebContext& web) {
    using V = HttpVerb;
    router.bind(V::get, "/categories", [&web](RequestContext& c) { return show(web, c); });
    router.bind(V::post, "/categories", [&web](RequestContext& c) { return add(web, c); });
    router.bind(V::post, "/categories/delete",
                [&web](RequestContext& c) { return remove_rule(web, c); });
    router.bind(V::post, "/transactions/category",
                [&web](RequestContext& c) { return recategorize(web, c); });
}

}  // namespace bank
