#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/standing_order.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"

namespace bank {

// Standing orders and their occurrences in one table (BankingStandingOrders: user_id +
// item_key), so a person's orders and an order's occurrences are each one strongly consistent
// Query: an order is "order#<id>", an occurrence "occurrence#<order id>#<due date>". Every
// write is a PutItem conditional on the version it was decided on, or on the item not
// existing: that condition is the claim that lets several servers run the same orders and
// only one post an occurrence.
class DynamoDbStandingOrders {
public:
    DynamoDbStandingOrders(DynamoDbClient& client, const DynamoDbTables& tables)
        : client_(client), tables_(tables) {}

    std::vector<StandingOrder> list(std::string_view user_id);
    std::optional<StandingOrder> find(std::string_view user_id, std::string_view order_id);
    bool add(const StandingOrder& order);
    bool save(const StandingOrder& next);
    // A Scan with a filter: the table holds orders and occurrences alone, and the scheduler
    // reads it once per pass.
    std::vector<StandingOrder> due(Date through, std::size_t limit);

    std::vector<Occurrence> occurrences(std::string_view user_id, std::string_view order_id,
                                        std::size_t limit);
    std::optional<Occurrence> find_occurrence(std::string_view user_id, std::string_view order_id,
                                              Date due_date);
    bool save_occurrence(const Occurrence& next);

private:
    std::optional<boost::json::object> get(std::string_view user_id, const std::string& key);
    bool put_if(boost::json::object item, std::int64_t version);

    DynamoDbClient& client_;
    const DynamoDbTables& tables_;
};

}  // namespace bank
