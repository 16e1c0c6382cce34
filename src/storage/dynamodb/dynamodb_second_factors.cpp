#include "storage/dynamodb/dynamodb_second_factors.hpp"

#include "ledger/recovery_code_hashes.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_write_items.hpp"

namespace bank {

namespace {

namespace json = boost::json;
using namespace dynamodb_items;

// Empty text is left out (text_of reads a missing attribute as empty).
json::object record_item(const SecondFactor& record) {
    json::object item{
        {"user_id", string_value(record.user_id)},
        {"totp_confirmed", number_value(record.totp_confirmed ? 1 : 0)},
        {"last_used_step", number_value(record.last_used_step)},
        {"challenges_spent_through", number_value(to_micros(record.challenges_spent_through))},
        {"step_up_threshold_cents", number_value(record.step_up_threshold.cents())},
        {"version", number_value(record.version)}};
    if (!record.totp_secret_sealed.empty()) {
        item["totp_secret_sealed"] = string_value(record.totp_secret_sealed);
    }
    if (!record.recovery_code_hashes.empty()) {
        item["recovery_code_hashes"] =
            string_value(join_recovery_code_hashes(record.recovery_code_hashes));
    }
    return item;
}

}  // namespace

std::optional<SecondFactor> DynamoDbSecondFactors::find(std::string_view user_id) {
    json::object answer = client_.call(
        "GetItem", json::object{{"TableName", table_},
                                {"Key", json::object{{"user_id", string_value(user_id)}}},
                                {"ConsistentRead", true}});
    const auto* found = answer.if_contains("Item");
    if (found == nullptr || !found->is_object()) return std::nullopt;
    const json::object& item = found->as_object();
    SecondFactor record;
    record.user_id = text_of(item, "user_id");
    record.totp_secret_sealed = text_of(item, "totp_secret_sealed");
    record.totp_confirmed = number_of(item, "totp_confirmed") != 0;
    record.last_used_step = number_of(item, "last_used_step");
    record.recovery_code_hashes = split_recovery_code_hashes(text_of(item, "recovery_code_hashes"));
    record.challenges_spent_through = from_micros(number_of(item, "challenges_spent_through"));
    record.step_up_threshold = Money::from_cents(number_of(item, "step_up_threshold_cents"));
    record.version = number_of(item, "version");
    return record;
}

bool DynamoDbSecondFactors::save(const SecondFactor& next) {
    return dynamodb_writes::put_at_version(client_, table_, record_item(next), "user_id",
                                           next.version);
}

}  // namespace bank
