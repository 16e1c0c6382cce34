#pragma once

#include "service/services.hpp"
#include "web/dashboard_cache.hpp"
#include "web/view_renderer.hpp"

namespace bank {

// What every page controller works with.
struct WebContext {
    Services services;
    const ViewRenderer& views;
    DashboardCache* dashboard_cache = nullptr;  // none: every dashboard is rendered afresh
};

}  // namespace bank
