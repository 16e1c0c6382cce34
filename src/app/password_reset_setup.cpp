#include "app/password_reset_setup.hpp"

#include <stdexcept>

#include "app/test_bcrypt_cost_hook.hpp"

namespace bank {

std::unique_ptr<PasswordResetService> make_password_reset_service(
    Store& store, LedgerWriter& writer, const Clock& clock, WorkerPool& workers,
    const MailSetup& mail, const std::string& public_url) {
    PasswordHasher hasher(process_bcrypt_cost());
    if (!mail.sender) {
        return std::make_unique<PasswordResetService>(store, writer, clock, workers, hasher,
                                                      nullptr, PasswordResetSettings{});
    }
    if (!public_url.starts_with("https://") && !public_url.starts_with("http://")) {
        throw std::runtime_error(
            "BANK_SMTP_URL needs BANK_PUBLIC_URL (or --public-url), the address people open the "
            "bank at, like https://bank.example.com: the reset links point there");
    }
    return std::make_unique<PasswordResetService>(store, writer, clock, workers, hasher,
                                                  mail.sender,
                                                  PasswordResetSettings{public_url, mail.from});
}

}  // namespace bank
