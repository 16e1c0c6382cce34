// parse_cookie_header on arbitrary header text (in a buffer of exactly its size): no crash
// or overread; every cookie has a non-empty name without '=', ';' or a leading space, no
// value holds a ';', and there are never more cookies than ';'-separated pieces.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

#include "fuzz_check.hpp"
#include "http/fields.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using bank::fuzz::require;
    const auto exact = std::make_unique<char[]>(size);
    if (size > 0) std::memcpy(exact.get(), data, size);
    const std::string_view header(exact.get(), size);

    const bank::Fields cookies = bank::parse_cookie_header(header);
    const auto pieces = static_cast<std::size_t>(std::count(header.begin(), header.end(), ';')) + 1;
    require(cookies.size() <= pieces, "at most one cookie per ';'-separated piece");
    for (const auto& [name, value] : cookies.entries()) {
        require(!name.empty(), "a cookie name is never empty");
        require(name.find_first_of("=;") == std::string_view::npos, "a name has no '=' or ';'");
        require(name.front() != ' ', "a name has no leading space");
        require(value.find(';') == std::string_view::npos, "a value has no ';'");
        require(cookies.has(name), "has() finds every parsed name");
    }
    return 0;
}
