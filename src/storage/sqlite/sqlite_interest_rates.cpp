#include "storage/sqlite/sqlite_interest_rates.hpp"

#include <stdexcept>
#include <string>

#include "ledger/standing_order.hpp"

namespace bank {

namespace {

constexpr const char* accrual_columns =
    "account_id, month, interest, carried_units, transaction_id, recorded_at";

template <class T>
T known(std::optional<T> value, const std::string& text) {
    if (!value) throw std::runtime_error("sqlite: unknown value '" + text + "' in interest");
    return *value;
}

InterestAccrualRecord read_accrual(const SqliteQuery& query) {
    InterestAccrualRecord record;
    record.account_id = query.text(0);
    record.month = known(parse_month(query.text(1)), query.text(1));
    record.interest = Money::from_cents(query.integer(2));
    record.carried_units = query.integer(3);
    record.transaction_id = query.text(4);
    record.recorded_at = from_micros(query.integer(5));
    return record;
}

}  // namespace

bool SqliteInterestRates::add_rate(const InterestRate& rate) {
    connection_
        .query(
            "INSERT INTO interest_rates (account_type, effective_from, annual_rate, set_by, "
            "set_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_type, effective_from) DO NOTHING")
        .bind(to_string(rate.account_type))
        .bind(iso_date(rate.effective_from))
        .bind(rate.annual_rate.per_million())
        .bind(rate.set_by)
        .bind(to_micros(rate.set_at))
        .run();
    return connection_.changes() == 1;
}

std::vector<InterestRate> SqliteInterestRates::rates(AccountType type) {
    auto query = connection_.query(
        "SELECT account_type, effective_from, annual_rate, set_by, set_at FROM interest_rates "
        "WHERE account_type = ? ORDER BY effective_from");
    query.bind(to_string(type));
    std::vector<InterestRate> rates;
    while (query.step()) {
        InterestRate rate;
        rate.account_type = known(parse_account_type(query.text(0)), query.text(0));
        rate.effective_from = known(parse_iso_date(query.text(1)), query.text(1));
        rate.annual_rate = AnnualRate::from_per_million(query.integer(2));
        rate.set_by = query.text(3);
        rate.set_at = from_micros(query.integer(4));
        rates.push_back(std::move(rate));
    }
    return rates;
}

bool SqliteInterestRates::add_accrual(const InterestAccrualRecord& record) {
    connection_
        .query(std::string("INSERT INTO interest_accruals (") + accrual_columns +
               ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, month) DO NOTHING")
        .bind(record.account_id)
        .bind(month_text(record.month))
        .bind(record.interest.cents())
        .bind(record.carried_units)
        .bind(record.transaction_id)
        .bind(to_micros(record.recorded_at))
        .run();
    return connection_.changes() == 1;
}

std::optional<InterestAccrualRecord> SqliteInterestRates::find_accrual(std::string_view account_id,
                                                                       Month month) {
    auto query = connection_.query(std::string("SELECT ") + accrual_columns +
                                   " FROM interest_accruals WHERE account_id = ? AND month = ?");
    query.bind(account_id).bind(month_text(month));
    if (!query.step()) return std::nullopt;
    return read_accrual(query);
}

std::vector<InterestAccrualRecord> SqliteInterestRates::accruals(std::string_view account_id) {
    auto query = connection_.query(std::string("SELECT ") + accrual_columns +
                                   " FROM interest_accruals WHERE account_id = ? ORDER BY month");
    query.bind(account_id);
    std::vector<InterestAccrualRecord> records;
    while (query.step()) records.push_back(read_accrual(query));
    return records;
}

}  // namespace bank
