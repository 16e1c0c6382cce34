#include "app/second_factor_services.hpp"

#include <stdexcept>

#include <spdlog/spdlog.h>
#include <boost/url/parse.hpp>

namespace bank {

namespace {

StepUpPolicy policy_from(const std::string& text) {
    const auto policy = parse_step_up_policy(text);
    if (!policy) {
        throw std::runtime_error("BANK_STEP_UP must be enrolled, required or off, not '" + text +
                                 "'");
    }
    return *policy;
}

bool names_an_ip_address(const std::string& url) {
    const auto parsed = boost::urls::parse_uri(url);
    return parsed && (parsed->host_type() == boost::urls::host_type::ipv4 ||
                      parsed->host_type() == boost::urls::host_type::ipv6);
}

// Passkeys need the address people's browsers use (WebAuthn checks the origin and RP ID);
// without it they are off and the pages say so.
std::optional<WebAuthnVerifier> verifier_from(const std::string& public_url) {
    if (public_url.empty()) {
        spdlog::info("passkeys: off (BANK_PUBLIC_URL is not set)");
        return std::nullopt;
    }
    auto verifier = WebAuthnVerifier::for_public_url(public_url);
    if (!verifier && names_an_ip_address(public_url)) {
        // Enough for the reset links; WebAuthn needs a domain name (or localhost).
        spdlog::warn(
            "passkeys: off (BANK_PUBLIC_URL {} names an IP address, which cannot be a "
            "WebAuthn RP ID)",
            public_url);
        return std::nullopt;
    }
    if (!verifier) {
        throw std::runtime_error("BANK_PUBLIC_URL must be an http(s) URL with a host name, not '" +
                                 public_url + "'");
    }
    spdlog::info("passkeys: RP ID {}, origin {}", verifier->rp_id(), verifier->origin());
    return verifier;
}

}  // namespace

SecondFactorServices::SecondFactorServices(Store& store, AuthService& auth, const Clock& clock,
                                           const StoreOptions& store_options,
                                           const std::string& key_file,
                                           const std::string& step_up_policy,
                                           const std::string& public_url)
    : key_(load_server_key(key_file, store_options)),
      records_(store, key_, clock),
      challenges_(key_),
      second_factors_(records_, store, auth, AuditLog(store, store, clock), challenges_, "Bank",
                      store),
      passkey_challenges_(key_),
      passkeys_(store, store, auth, AuditLog(store, store, clock), challenges_, passkey_challenges_,
                verifier_from(public_url), clock),
      step_up_(records_, store, auth, passkeys_, AuditLog(store, store, clock), challenges_,
               policy_from(step_up_policy)) {
    spdlog::info("step-up for risky transfers: {}", to_string(step_up_.policy()));
}

}  // namespace bank
