#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time_zone.hpp"
#include "http/request_context.hpp"
#include "http/response.hpp"  // status_of, for every page that answers a refusal
#include "http/types.hpp"
#include "ledger/model.hpp"
#include "web/web_context.hpp"

namespace bank {

// The zone the signed-in person's pages show times in (UTC when signed out).
TimeZone page_zone(const RequestContext& context);

// The data every page's layout needs: title, the signed-in person, the CSRF token,
// the flash message and which nav item is active.
ViewData base_view(const RequestContext& context, std::string_view title, std::string_view nav);
// The bell of the navigation: the person's unread notifications (one bounded read).
void add_notification_bell(const WebContext& web, const RequestContext& context, ViewData& view);
// Renders the page in the layout, the bell included.
HttpResponse render_page(const WebContext& web, const RequestContext& context, HttpStatus status,
                         std::string_view name, ViewData view);
// Puts an error into a form's view: the summary and the field's message.
void add_form_error(ViewData& view, const Error& error);
// Copies typed values back into the form ("value_FIELD"), never passwords.
void keep_values(ViewData& view, const RequestContext& context,
                 std::initializer_list<std::string_view> fields);
// Accounts as <option>s, with `selected_id` selected; times in `zone`.
ViewData account_options(const std::vector<Account>& accounts, std::string_view selected_id,
                         bool active_only, const TimeZone& zone);
ViewData account_view(const Account& account, const TimeZone& zone);
ViewData transaction_view(const Transaction& transaction, const std::vector<Account>& accounts,
                          const TimeZone& zone);
// What a type="date" input may show of `text`: the text when it is a date (YYYY-MM-DD), else
// nothing (HTML allows no other value there; the field's error message says what was wrong).
std::string date_input_value(std::string_view text);

ViewData category_options(std::string_view selected);
// The 303 that ends a successful POST, with the flash shown on the next page.
HttpResponse redirect_with_flash(RequestContext& context, std::string_view location,
                                 std::string kind, std::string message);
// A local path to return to after signing in; "/dashboard" for anything else.
std::string safe_next(std::string_view next);

}  // namespace bank
