#include "storage/sqlite/sqlite_bank_figures.hpp"

#include <set>

#include "core/bank_figure_limits.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace bank {

namespace {

BankFigure read_figure(const SqliteQuery& row) {
    return BankFigure{row.text(0), row.text(1), row.text(2), row.integer(3),
                      Money::from_cents(row.integer(4))};
}

}  // namespace

void SqliteBankFigures::add(const BankFigure& delta) {
    connection_
        .query(
            "INSERT INTO bank_figures (figure, period, item, count, total) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (figure, period, item) "
            "DO UPDATE SET count = count + excluded.count, total = total + excluded.total")
        .bind(delta.figure)
        .bind(delta.period)
        .bind(delta.item)
        .bind(delta.count)
        .bind(delta.total.cents())
        .run();
}

void SqliteBankFigures::add_largest_transfers(const std::vector<Transaction>& transfers) {
    std::set<std::string> days;
    for (const Transaction& row : transfers) {
        const std::string day = format_date(row.timestamp);
        days.insert(day);
        connection_
            .query(
                "INSERT OR IGNORE INTO bank_top_transfers (day, transaction_id, amount, "
                "timestamp, category) VALUES (?, ?, ?, ?, ?)")
            .bind(day)
            .bind(row.transaction_id)
            .bind(row.amount.cents())
            .bind(to_micros(row.timestamp))
            .bind(row.category)
            .run();
    }
    for (const std::string& day : days) {
        connection_
            .query(
                "DELETE FROM bank_top_transfers WHERE day = ?1 AND transaction_id NOT IN "
                "(SELECT transaction_id FROM bank_top_transfers WHERE day = ?1 "
                "ORDER BY amount DESC, timestamp DESC, transaction_id DESC LIMIT ?2)")
            .bind(day)
            .bind(static_cast<std::int64_t>(limits::bank_top_transfers_per_day))
            .run();
    }
}

void SqliteBankFigures::recategorize_kept_transfer(const Transaction& row) {
    connection_
        .query("UPDATE bank_top_transfers SET category = ? WHERE day = ? AND transaction_id = ?")
        .bind(row.category)
        .bind(format_date(row.timestamp))
        .bind(row.transaction_id)
        .run();
}

std::vector<BankFigure> SqliteBankFigures::read(std::string_view figure,
                                                const std::vector<std::string>& periods) {
    std::vector<BankFigure> figures;
    for (const std::string& period : periods) {
        auto select = connection_.query(
            "SELECT figure, period, item, count, total FROM bank_figures "
            "WHERE figure = ? AND period = ?");
        select.bind(figure).bind(period);
        while (select.step()) figures.push_back(read_figure(select));
    }
    return figures;
}

std::vector<Transaction> SqliteBankFigures::largest_transfers_of(
    const std::vector<std::string>& days) {
    std::vector<Transaction> transfers;
    for (const std::string& day : days) {
        auto select = connection_.query(
            "SELECT transaction_id, amount, timestamp, category FROM bank_top_transfers "
            "WHERE day = ?");
        select.bind(day);
        while (select.step()) {
            Transaction row;
            row.transaction_id = select.text(0);
            row.transaction_type = TransactionType::transfer_out;
            row.amount = Money::from_cents(select.integer(1));
            row.timestamp = from_micros(select.integer(2));
            row.category = select.text(3);
            transfers.push_back(std::move(row));
        }
    }
    return transfers;
}

void SqliteBankFigures::for_each(const std::function<void(const BankFigure&)>& visit) {
    auto select = connection_.query(
        "SELECT figure, period, item, count, total FROM bank_figures ORDER BY 1, 2, 3");
    while (select.step()) visit(read_figure(select));
}

}  // namespace bank
