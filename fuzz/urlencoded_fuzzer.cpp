// parse_urlencoded (forms and query strings) on arbitrary text. The first byte picks the
// field limit, the rest is the text. Properties: no crash and no read outside the text
// (it is given in a buffer of exactly its size, so AddressSanitizer sees any overread); the
// same text cut out of a longer buffer (as a query is cut out of the request line) parses
// the same; the limit holds; accepted fields, encoded again, parse back to themselves.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "http/fields.hpp"

namespace {

bool same_fields(const bank::Result<bank::Fields>& a, const bank::Result<bank::Fields>& b) {
    if (a.ok() != b.ok()) return false;
    if (!a.ok()) return a.error().message == b.error().message;
    return a->entries() == b->entries();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using bank::fuzz::require;
    if (size == 0) return 0;
    const std::size_t fields_max = data[0] % 40;
    const std::size_t length = size - 1;

    const auto exact = std::make_unique<char[]>(length);
    if (length > 0) std::memcpy(exact.get(), data + 1, length);
    const std::string_view text(exact.get(), length);
    const auto parsed = bank::parse_urlencoded(text, fields_max);

    const std::string request_line = std::string(text) + " HTTP/1.1\r\nHost: a=b&c=d\r\n";
    const auto cut =
        bank::parse_urlencoded(std::string_view(request_line).substr(0, length), fields_max);
    require(same_fields(parsed, cut), "a view cut from a longer buffer parses the same");

    if (!parsed) return 0;
    require(parsed->size() <= fields_max, "no more than fields_max fields");
    std::string encoded;
    for (const auto& [name, value] : parsed->entries()) {
        if (!encoded.empty()) encoded.push_back('&');
        encoded += bank::url_encode(name);
        encoded.push_back('=');
        encoded += bank::url_encode(value);
    }
    const auto again = bank::parse_urlencoded(encoded, fields_max);
    require(again.ok(), "encoded fields parse");
    require(again->entries() == parsed->entries(), "encoded fields parse back to themselves");
    return 0;
}
