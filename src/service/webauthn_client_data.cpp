#include "service/webauthn_client_data.hpp"

#include <boost/json.hpp>

namespace bank {

std::optional<WebAuthnClientData> WebAuthnClientData::parse(std::string_view json) {
    boost::system::error_code error;
    const boost::json::value value = boost::json::parse(json, error);
    if (error || !value.is_object()) return std::nullopt;
    const boost::json::object& object = value.as_object();
    const auto text = [&](std::string_view key) -> const boost::json::string* {
        const auto* found = object.if_contains(key);
        return found != nullptr ? found->if_string() : nullptr;
    };
    const auto* type = text("type");
    const auto* challenge = text("challenge");
    const auto* origin = text("origin");
    if (type == nullptr || challenge == nullptr || origin == nullptr) return std::nullopt;
    WebAuthnClientData data{std::string(*type), std::string(*challenge), std::string(*origin)};
    if (const auto* cross = object.if_contains("crossOrigin")) {
        data.cross_origin = cross->is_bool() && cross->as_bool();
    }
    return data;
}

}  // namespace bank
