#pragma once

#include "http/request_context.hpp"
#include "web/view_renderer.hpp"
#include "web/web_context.hpp"

namespace bank {

// The data of /profile: details, the password form, sign-in sessions, access tokens and the
// security events (auth_pages.cpp, session_pages.cpp).
ViewData profile_view(WebContext& web, const RequestContext& context, const Identity& identity);
// The sessions and tokens parts of it (session_pages.cpp).
void add_session_views(WebContext& web, ViewData& view, const Identity& identity);

}  // namespace bank
