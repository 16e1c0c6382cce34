#include "ledger/bank_figures.hpp"

#include <chrono>
#include <stdexcept>

#include "core/bank_figure_limits.hpp"
#include "core/clock.hpp"
#include "ledger/activity.hpp"

namespace bank {

namespace {

BankFigure figure(std::string_view name, std::string period, std::string item, std::int64_t count,
                  Money total) {
    return BankFigure{std::string(name), std::move(period), std::move(item), count, total};
}

// The balance change of one account the plan moves, as a figure of its type (no new account).
void add_balance_change(std::vector<BankFigure>& deltas, const Account& after, Money before) {
    const auto change = after.balance.checked_sub(before);
    if (!change) throw std::overflow_error("bank figures: a balance change leaves 64 bits");
    if (change->cents() == 0) return;
    deltas.push_back(
        figure(bank_figure::balances, "", std::string(to_string(after.account_type)), 0, *change));
}

}  // namespace

std::string week_of(Timestamp at) {
    using std::chrono::days;
    const std::chrono::sys_days day = std::chrono::floor<days>(at);
    const unsigned since_monday = (std::chrono::weekday(day).c_encoding() + 6) % 7;
    return format_date(
        std::chrono::time_point_cast<std::chrono::microseconds>(day - days(since_monday)));
}

std::string volume_item(TransactionType type, AccountType from, AccountType to, bool own) {
    if (type != TransactionType::transfer_out && type != TransactionType::transfer_in) {
        return std::string(to_string(type));
    }
    return "transfer " + std::string(to_string(from)) + ">" + std::string(to_string(to)) +
           (own ? " own" : " others");
}

std::vector<BankFigure> bank_figure_deltas(const PostingPlan& plan) {
    std::vector<BankFigure> deltas;
    if (plan.status != WriteStatus::ok || !plan.payer || plan.rows.empty()) return deltas;
    const Account& payer = *plan.payer;
    const Transaction& row = plan.rows.front();
    const bool transfer = plan.payee.has_value();
    // A transfer's first row is the payer's outgoing leg; the payee's type names where it went.
    const AccountType to_type = transfer ? plan.payee->account_type : payer.account_type;
    const bool own = transfer && plan.payee->user_id == payer.user_id;
    deltas.push_back(figure(bank_figure::volume, format_date(row.timestamp),
                            volume_item(row.transaction_type, payer.account_type, to_type, own), 1,
                            row.amount));
    add_balance_change(deltas, payer, plan.payer_balance_before);
    if (transfer) add_balance_change(deltas, *plan.payee, plan.payee_balance_before);
    for (const Transaction& posted : plan.rows) {
        if (posted.transaction_type != TransactionType::deposit) continue;
        deltas.push_back(figure(bank_figure::deposits, "",
                                std::string(to_string(payer.account_type)), 1, posted.amount));
    }
    return deltas;
}

// One more person in the cohort of the sign-up month too (ledger/activity.hpp).
std::vector<BankFigure> registration_deltas(const User& user) {
    return {figure(bank_figure::people, "", "", 1, Money()),
            figure(bank_figure::signups, week_of(user.created_at), "people", 1, Money()),
            figure(bank_figure::cohort, format_month(user.created_at), "", 1, Money())};
}

std::vector<BankFigure> account_opening_deltas(const Account& account) {
    return {
        figure(bank_figure::balances, "", std::string(to_string(account.account_type)), 1, Money()),
        figure(bank_figure::signups, week_of(account.created_at), "accounts", 1, Money())};
}

void add_figure(BankFigureSums& sums, const BankFigure& delta) {
    BankFigure& sum = sums[BankFigureKey{delta.figure, delta.period, delta.item}];
    if (sum.figure.empty()) sum = figure(delta.figure, delta.period, delta.item, 0, Money());
    const auto total = sum.total.checked_add(delta.total);
    if (!total) throw std::overflow_error("bank figures: a total leaves 64 bits");
    sum.total = *total;
    sum.count += delta.count;
}

std::int64_t largest_transfer_expiry_seconds(Timestamp at) {
    const auto day = std::chrono::floor<std::chrono::days>(at);
    return std::chrono::duration_cast<std::chrono::seconds>(
               (day + limits::bank_largest_transfers_retention).time_since_epoch())
        .count();
}

// A day's items expire at its start plus the retention, so a day is whole while its start is
// after now - retention: the day after the one that instant falls in.
std::string largest_transfers_kept_since(Timestamp now) {
    const auto cutoff =
        std::chrono::floor<std::chrono::days>(now - std::chrono::duration_cast<Timestamp::duration>(
                                                        limits::bank_largest_transfers_retention));
    return format_date(Timestamp(cutoff + std::chrono::days(1)));
}

}  // namespace bank
