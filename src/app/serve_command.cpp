#include "app/serve_command.hpp"

#include <chrono>
#include <csignal>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "api/api_routes.hpp"
#include "app/alert_services.hpp"
#include "app/alert_thread.hpp"
#include "app/console_log.hpp"
#include "app/scheduler_thread.hpp"
#include "app/second_factor_services.hpp"
#include "app/test_bcrypt_cost_hook.hpp"
#include "app/test_clock_hook.hpp"
#include "app/webhook_services.hpp"
#include "core/alert_limits.hpp"
#include "core/limits.hpp"
#include "http/route_table.hpp"
#include "http/server.hpp"
#include "service/password_policy.hpp"
#include "service/session_cache.hpp"
#include "service/session_cache_guard.hpp"
#include "web/pages.hpp"

namespace bank {
namespace asio = boost::asio;

namespace {

constexpr auto drain_timeout = std::chrono::seconds(10);

std::string read_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error("cannot read " + path);
    std::ostringstream content;
    content << file.rdbuf();
    return content.str();
}

void add_assets(StaticAssets& assets, const std::string& root) {
    const std::string modules = root + "/node_modules/";
    assets.add("/static/css/bootstrap.min.css", modules + "bootstrap/dist/css/bootstrap.min.css");
    assets.add("/static/js/bootstrap.bundle.min.js",
               modules + "bootstrap/dist/js/bootstrap.bundle.min.js");
    assets.add("/static/js/chart.umd.js", modules + "chart.js/dist/chart.umd.js");
    assets.add("/static/js/charts.js", root + "/web/static/js/charts.js");
    assets.add("/static/js/time_zone.js", root + "/web/static/js/time_zone.js");
    assets.add("/static/js/passkeys.js", root + "/web/static/js/passkeys.js");
    assets.add("/static/js/csv_upload.js", root + "/web/static/js/csv_upload.js");
    assets.add("/static/css/app.css", root + "/web/static/css/app.css");
    assets.add("/static/img/favicon.svg", root + "/web/static/img/favicon.svg");
}

// Stops accepting, waits for the requests being served (up to drain_timeout), then
// stops the I/O loop; the caller drains the writer and closes the store.
asio::awaitable<void> drain(Server& server, asio::io_context& io) {
    server.stop_accepting();
    asio::steady_timer timer(io);
    const auto deadline = std::chrono::steady_clock::now() + drain_timeout;
    while (server.requests_in_flight() > 0 && std::chrono::steady_clock::now() < deadline) {
        timer.expires_after(std::chrono::milliseconds(20));
        co_await timer.async_wait(asio::use_awaitable);
    }
    io.stop();
}

// Serves until SIGINT or SIGTERM, then lets every request in flight finish (drain).
// Everything that holds executors of `io` is stopped here, before `io` is destroyed: the
// blocking-read pool, then `stop_backends` (the store's writer and the hashing workers),
// whose threads may still be releasing the completion handlers of writes they answered
// while the last response went out.
void listen_until_signalled(RequestPipeline& pipeline, const ServeOptions& options,
                            std::optional<asio::thread_pool>& store_request_pool,
                            const std::function<void()>& stop_backends) {
    const unsigned threads =
        options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    asio::io_context io(static_cast<int>(threads));
    Server server(
        io, pipeline,
        ServerOptions{options.host, options.port, options.tls_certificate, options.tls_key});
    server.start();

    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& error, int signal) {
        if (error) return;
        spdlog::info("signal {}: finishing the requests in flight, then stopping", signal);
        asio::co_spawn(io, drain(server, io), asio::detached);
    });
    spdlog::info("listening on {}://{}:{} (store {}, {})", server.tls() ? "https" : "http",
                 options.host, server.port(), options.store.engine, options.store.db_path);
    flush_console_log();  // whoever started the server waits for this line

    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&io] { io.run(); });
    io.run();
    for (auto& thread : pool) thread.join();
    if (store_request_pool) store_request_pool->join();
    stop_backends();
}

// Refuses settings that cannot work before anything is opened.
void check_serve_options(const ServeOptions& options) {
    if (options.tls_certificate.empty() != options.tls_key.empty()) {
        throw std::runtime_error("--tls-cert and --tls-key go together");
    }
    if (!password_dictionary_available()) {
        throw std::runtime_error(
            "cannot read cracklib's dictionary of common passwords (install cracklib-runtime)");
    }
}

// Exports always run on `pool`. A point read of SQLite stays on the I/O thread: it is a
// lookup in the process's own page cache, bounded by the named limits, and two thread hops
// would cost more than the read (docs/ARCHITECTURE.md, "A request").
void use_store_request_pool(RequestPipeline& pipeline, const Store& store,
                            asio::thread_pool& pool) {
    if (store.reads_block()) {
        pipeline.run_store_requests_on(pool.get_executor());
    } else {
        pipeline.run_streamed_bodies_on(pool.get_executor());
    }
}

// Serves until SIGINT or SIGTERM with the standing-order scheduler running beside (unless its
// interval is 0), then stops the scheduler, the webhook dispatcher, the store and the hashing
// workers, in that order.
void serve_with_scheduler(RequestPipeline& pipeline, const ServeOptions& options, Store& store,
                          const Clock& clock, WorkerPool& workers, WebhookServices& webhooks,
                          AlertServices& alerts,
                          std::optional<asio::thread_pool>& store_request_pool) {
    AlertThread alert_thread(alerts.evaluator(), alerts.rules_present(),
                             limits::alert_pass_interval);
    StandingOrderScheduler scheduler(store, store, store, clock);
    scheduler.raise_alerts_with(
        [&alerts](const AlertEvent& event) { alerts.alerts().notify(event); });
    InterestPoster interest_poster(store, store, store, store, clock);
    std::optional<SchedulerThread> scheduler_thread;
    if (options.scheduler_interval_seconds > 0) {
        scheduler_thread.emplace(scheduler, interest_poster,
                                 std::chrono::seconds(options.scheduler_interval_seconds));
    }
    listen_until_signalled(pipeline, options, store_request_pool, [&] {
        // Before the store: a pass under way finishes its posting first.
        if (scheduler_thread) scheduler_thread->stop();
        alert_thread.stop();
        webhooks.stop();
        store.shutdown();
        workers.stop();
    });
}

PipelineOptions pipeline_options_of(const ServeOptions& options) {
    PipelineOptions pipeline_options = options.pipeline;
    // Cookies served over TLS are always Secure.
    if (!options.tls_certificate.empty()) pipeline_options.cookie_secure = true;
    return pipeline_options;
}

}  // namespace

int run_serve(const ServeOptions& options) {
    use_console_log();
    check_serve_options(options);
    const std::unique_ptr<Clock> clock_owner = process_clock();
    const Clock& clock = *clock_owner;
    const std::unique_ptr<Store> store_owner = open_store(options.store, clock);
    Store& store = *store_owner;
    WorkerPool workers(limits::worker_pool_size, limits::worker_queue_depth_max);
    SessionCache session_cache(limits::session_cache_entries_max);
    SessionCacheGuard guarded(store, session_cache);
    AuthService auth(store, guarded, clock, workers, PasswordHasher(process_bcrypt_cost()));
    auth.cache_sessions(session_cache);
    AccountService accounts(store, store);
    PaymentService payments(store, store);
    HistoryService history(store);
    AnalyticsService analytics(store, store, clock, &store);
    AdminService admin(store, store, clock);
    CategoryService categories(store, store, clock);
    SecondFactorServices second_factor(store, auth, clock, options.store, options.secret_key_file,
                                       options.step_up_policy, options.public_url);
    SessionService sessions(store, store, guarded, clock);
    AdminAccessService admin_access(store, guarded, clock);
    StandingOrderService standing_orders(store, store, clock);
    BankOperationsService bank_operations(store, store, store, store, clock);
    BudgetService budgets(store, store, store, clock);
    ForecastService forecasts(store, store, store, clock, &store);
    InterestService interest(store, clock);
    ChangeFeedService changes(store);
    RecurringDecisionService recurring_decisions(analytics, store, store, clock);
    GoalService goals(store, store, standing_orders, clock);
    WebhookServices webhooks(store, second_factor.key(), clock);
    const MailSetup mail = make_mail_setup(options.mail);
    AlertServices alerts(store, budgets, forecasts, clock, mail);
    alerts.send_to_webhooks(webhooks.service());
    auth.on_signed_in([&alerts](const Session& session) { alerts.sign_ins().signed_in(session); });
    const auto password_resets =
        make_password_reset_service(store, guarded, clock, workers, mail, options.public_url);
    const ViewRenderer views(options.web_root + "/web/templates");
    StaticAssets assets;
    add_assets(assets, options.web_root);

    Router router(route_table());
    // Only on a store that can tell when a person's data changed (not DynamoDB): there the
    // cache would cost its lookups and never hit.
    DashboardCache dashboard_cache(clock, limits::dashboard_cache_bytes_max);
    const bool versioned = store.data_version({}).has_value();
    // In the member order of Services; packed, as clang-format would not.
    // clang-format off
    const Services services{auth, accounts, payments, history, analytics, categories, admin,
                            second_factor.second_factors(), second_factor.step_up(), sessions,
                            admin_access, *password_resets, second_factor.passkeys(),
                            standing_orders, bank_operations, budgets, forecasts, interest, changes,
                            recurring_decisions, goals,     webhooks.service(), alerts.alerts()};
    // clang-format on
    WebContext web{services, views, versioned ? &dashboard_cache : nullptr};
    add_web_routes(router, web);
    ApiContext api{web.services, read_file(options.web_root + "/web/openapi.json")};
    add_api_routes(router, api);
    router.check_complete();
    RequestPipeline pipeline(router, auth, assets, make_error_renderer(views),
                             pipeline_options_of(options), clock);
    std::optional<asio::thread_pool> store_request_pool(std::in_place,
                                                        limits::store_request_threads);
    use_store_request_pool(pipeline, store, *store_request_pool);

    serve_with_scheduler(pipeline, options, store, clock, workers, webhooks, alerts,
                         store_request_pool);
    spdlog::info("stopped; every acknowledged write is durable");
    flush_console_log();
    return 0;
}

}  // namespace bank
