#include "storage/dynamodb/dynamodb_every_item.hpp"

#include "storage/dynamodb/dynamodb_client.hpp"

namespace bank {

namespace json = boost::json;

std::vector<json::object> every_item(DynamoDbClient& client, std::string_view operation,
                                     json::object request) {
    std::vector<json::object> items;
    for (;;) {
        json::object answer = client.call(operation, request);
        for (const auto& item : answer.at("Items").as_array()) items.push_back(item.as_object());
        const auto* next = answer.if_contains("LastEvaluatedKey");
        if (next == nullptr) return items;
        request["ExclusiveStartKey"] = *next;
    }
}

}  // namespace bank
