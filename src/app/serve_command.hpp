#pragma once

#include <string>

#include "app/mail_setup.hpp"
#include "app/password_reset_setup.hpp"
#include "app/store_factory.hpp"
#include "http/pipeline.hpp"

namespace bank {

struct ServeOptions {
    std::string host;
    unsigned short port = 5000;
    StoreOptions store;
    std::string web_root;         // the folder holding web/ and node_modules/
    PipelineOptions pipeline;     // cookie flags and rate limits
    std::string tls_certificate;  // PEM files: serve HTTPS with HSTS when both are set
    std::string tls_key;
    unsigned threads = 0;                     // 0: one per core
    std::string secret_key_file;              // BANK_SECRET_KEY_FILE (app/server_key_file.hpp)
    std::string step_up_policy = "enrolled";  // BANK_STEP_UP: enrolled, required or off
    // BANK_PUBLIC_URL (--public-url): the address people's browsers use
    // ("https://bank.example"); reset links point there, and passkeys take their RP ID and
    // origin from it (they are off without it).
    std::string public_url;
    MailOptions mail;  // BANK_SMTP_URL, BANK_MAIL_FROM (password resets, alert mails)
    // BANK_SCHEDULER_INTERVAL (--scheduler-interval): seconds between the standing-order
    // scheduler's passes; 0 runs no scheduler in this process.
    unsigned scheduler_interval_seconds = 30;
};

// Runs the server until SIGINT or SIGTERM, then shuts down gracefully. Returns the exit code.
int run_serve(const ServeOptions& options);

}  // namespace bank
