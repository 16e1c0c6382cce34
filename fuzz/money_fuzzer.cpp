// Money::parse on arbitrary text: it never crashes, never accepts a negative amount, and
// whatever it accepts prints (both the machine and the display form) to text that parses
// back to the same number of cents.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/money.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using bank::Money;
    using bank::fuzz::require;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = Money::parse(text);
    if (!parsed) {
        require(!parsed.error().message.empty(), "a refused amount has a message");
        return 0;
    }
    require(!parsed->is_negative(), "a parsed amount is never negative");

    const auto machine = Money::parse(parsed->to_string());
    require(machine.ok(), "to_string() of a parsed amount parses");
    require(*machine == *parsed, "to_string() round-trips to the same cents");

    const auto human = Money::parse(parsed->display());
    require(human.ok(), "display() of a parsed amount parses");
    require(*human == *parsed, "display() round-trips to the same cents");

    // Adding the amount to itself either fits or is reported, never wraps.
    const auto doubled = parsed->checked_add(*parsed);
    if (doubled) require(doubled->cents() - parsed->cents() == parsed->cents(), "checked_add");
    return 0;
}
