// DynamoDbStore's StandingOrderStore role, kept out of dynamodb_store.cpp.
#include "storage/dynamodb/dynamodb_standing_orders.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"

namespace bank {

std::vector<StandingOrder> DynamoDbStore::list_standing_orders(std::string_view user_id) {
    return DynamoDbStandingOrders(client_, tables_).list(user_id);
}

std::optional<StandingOrder> DynamoDbStore::find_standing_order(std::string_view user_id,
                                                                std::string_view order_id) {
    return DynamoDbStandingOrders(client_, tables_).find(user_id, order_id);
}

bool DynamoDbStore::add_standing_order(const StandingOrder& order) {
    return DynamoDbStandingOrders(client_, tables_).add(order);
}

bool DynamoDbStore::save_standing_order(const StandingOrder& next) {
    return DynamoDbStandingOrders(client_, tables_).save(next);
}

std::vector<StandingOrder> DynamoDbStore::due_standing_orders(Date through, std::size_t limit) {
    return DynamoDbStandingOrders(client_, tables_).due(through, limit);
}

std::vector<Occurrence> DynamoDbStore::list_occurrences(std::string_view user_id,
                                                        std::string_view order_id,
                                                        std::size_t limit) {
    return DynamoDbStandingOrders(client_, tables_).occurrences(user_id, order_id, limit);
}

std::optional<Occurrence> DynamoDbStore::find_occurrence(std::string_view user_id,
                                                         std::string_view order_id, Date due_date) {
    return DynamoDbStandingOrders(client_, tables_).find_occurrence(user_id, order_id, due_date);
}

bool DynamoDbStore::save_occurrence(const Occurrence& next) {
    return DynamoDbStandingOrders(client_, tables_).save_occurrence(next);
}

}  // namespace bank
