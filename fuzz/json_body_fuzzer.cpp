// The API's JSON request bodies: parse_json_body and JsonForm with a fake HttpRequest. The
// first byte picks one of the endpoints' field lists and the Content-Type, the rest is the
// body. Properties: no crash; a body is either accepted (then it is an object holding only
// allowed members) or refused with a 400/415 whose own body is a JSON error object; reading
// a field answers its text or refuses with a 400 that names the field.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include <boost/beast/http/field.hpp>
#include <boost/json/parse.hpp>

#include "api/json_form.hpp"
#include "fuzz_check.hpp"

namespace {

using Names = std::initializer_list<std::string_view>;

// The field lists of the API's POST endpoints (src/api/*_endpoints.cpp).
const Names register_fields{"email", "password", "full_name", "phone"};
const Names account_fields{"account_type", "initial_balance"};
const Names payment_fields{"account_id", "amount", "description", "category"};
const Names transfer_fields{"from_account_id", "to_account_number", "amount", "description",
                            "category"};
const Names rule_fields{"pattern", "category"};
const Names field_lists[] = {register_fields, account_fields, payment_fields, transfer_fields,
                             rule_fields};

void require_json_error(const bank::HttpResponse& response) {
    using bank::fuzz::require;
    const auto status = response.result();
    require(status == bank::HttpStatus::bad_request ||
                status == bank::HttpStatus::unsupported_media_type,
            "a refused body answers 400 or 415");
    boost::system::error_code error;
    const auto body = boost::json::parse(response.body(), error);
    require(!error && body.is_object() && body.as_object().contains("error"),
            "a refusal's body is a JSON error object");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using bank::fuzz::require;
    if (size == 0) return 0;
    const Names allowed = field_lists[data[0] % std::size(field_lists)];
    bank::HttpRequest request{bank::HttpVerb::post, "/api/v1/fuzz", 11};
    request.set(boost::beast::http::field::content_type,
                (data[0] & 0x80) != 0 ? "text/plain" : "application/json; charset=utf-8");
    request.body().assign(reinterpret_cast<const char*>(data + 1), size - 1);
    request.prepare_payload();

    bank::JsonForm form(request, allowed);
    if (!form.body) {
        require(form.refusal.has_value(), "a refused body comes with a refusal");
        require_json_error(*form.refusal);
        return 0;
    }
    require(!form.refusal, "an accepted body has no refusal");
    for (const auto& member : *form.body) {
        bool known = false;
        for (auto name : allowed) known = known || member.key() == name;
        require(known, "an accepted body holds only allowed members");
    }
    for (auto name : allowed) {
        form.refusal.reset();
        const bool required = name.size() % 2 == 0;
        const auto value = form.get(name, required);
        if (value) {
            const auto* member = form.body->if_contains(name);
            require(member == nullptr || member->is_null() || member->is_string(),
                    "only strings (or absent fields) are read as text");
            continue;
        }
        require(form.refusal.has_value(), "a refused field sets the refusal");
        require(form.refusal->result() == bank::HttpStatus::bad_request, "a bad field is a 400");
        require_json_error(*form.refusal);
    }
    return 0;
}
