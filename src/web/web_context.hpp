#pragma once

#include "service/services.hpp"
#include "web/view_renderer.hpp"

namespace bank {

// What every page controller works with.
struct WebContext {
    Services services;
    const ViewRenderer& views;
};

}  // namespace bank
