#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "api/json_views.hpp"

namespace bank {

// Reads the named string fields of a JSON body, refusing any other member so that a
// misspelt field is an error rather than silently ignored.
struct JsonForm {
    std::optional<boost::json::object> body;
    std::optional<HttpResponse> refusal;

    JsonForm(const HttpRequest& request, std::initializer_list<std::string_view> allowed) {
        body = parse_json_body(request, refusal);
        if (!body) return;
        for (const auto& member : *body) {
            bool known = false;
            for (auto name : allowed) known = known || member.key() == name;
            if (!known) {
                refusal = json_refusal(make_error(
                    ErrorCode::validation_failed,
                    "Unknown field " + std::string(member.key()) + ".", std::string(member.key())));
                body.reset();
                return;
            }
        }
    }
    // The field's text, or nullopt after setting `refusal`.
    std::optional<std::string> get(std::string_view name, bool required) {
        auto value = string_field(*body, name, required);
        if (!value) {
            refusal = json_refusal(value.error());
            return std::nullopt;
        }
        return std::move(*value);
    }
};

}  // namespace bank
