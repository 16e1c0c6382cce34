#include "storage/dynamodb/dynamodb_proposals.hpp"

#include <boost/json.hpp>

#include <stdexcept>
#include <string>

#include "ledger/proposal_plans.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_write_items.hpp"

namespace bank {

namespace {

namespace json = boost::json;
using namespace dynamodb_items;

template <class T>
T known_in_proposals(std::optional<T> value, const std::string& text) {
    if (!value) throw std::runtime_error("dynamodb: unknown value '" + text + "' in proposals");
    return *value;
}

json::object proposal_item(const Proposal& proposal) {
    return json::object{{"proposal_id", string_value(proposal.proposal_id)},
                        {"kind", string_value(to_string(proposal.kind))},
                        {"status", string_value(to_string(proposal.status))},
                        {"account_id", string_value(proposal.account_id)},
                        {"owner_user_id", string_value(proposal.owner_user_id)},
                        {"transaction_id", string_value(proposal.transaction_id)},
                        {"freeze_mode", string_value(to_string(proposal.freeze_mode))},
                        {"reason", string_value(proposal.reason)},
                        {"proposed_by", string_value(proposal.proposed_by)},
                        {"proposed_at", number_value(to_micros(proposal.proposed_at))},
                        {"decided_by", string_value(proposal.decided_by)},
                        {"decided_at", number_value(to_micros(proposal.decided_at))}};
}

Proposal read_proposal(const json::object& item) {
    Proposal proposal;
    proposal.proposal_id = text_of(item, "proposal_id");
    proposal.kind =
        known_in_proposals(parse_proposal_kind(text_of(item, "kind")), text_of(item, "kind"));
    proposal.status =
        known_in_proposals(parse_proposal_status(text_of(item, "status")), text_of(item, "status"));
    proposal.account_id = text_of(item, "account_id");
    proposal.owner_user_id = text_of(item, "owner_user_id");
    proposal.transaction_id = text_of(item, "transaction_id");
    proposal.freeze_mode = known_in_proposals(parse_freeze_mode(text_of(item, "freeze_mode")),
                                              text_of(item, "freeze_mode"));
    proposal.reason = text_of(item, "reason");
    proposal.proposed_by = text_of(item, "proposed_by");
    proposal.proposed_at = from_micros(number_of(item, "proposed_at"));
    proposal.decided_by = text_of(item, "decided_by");
    proposal.decided_at = from_micros(number_of(item, "decided_at"));
    return proposal;
}

}  // namespace

bool DynamoDbProposals::add(const Proposal& proposal) {
    return dynamodb_writes::call_if_condition_holds(
        client_, "PutItem",
        json::object{{"TableName", tables_.proposals},
                     {"Item", proposal_item(proposal)},
                     {"ConditionExpression", "attribute_not_exists(proposal_id)"}});
}

std::optional<Proposal> DynamoDbProposals::find(std::string_view proposal_id) {
    if (proposal_id.empty()) return std::nullopt;
    json::object answer = client_.call(
        "GetItem", json::object{{"TableName", tables_.proposals},
                                {"Key", json::object{{"proposal_id", string_value(proposal_id)}}},
                                {"ConsistentRead", true}});
    const auto* found = answer.if_contains("Item");
    if (found == nullptr || !found->is_object()) return std::nullopt;
    return read_proposal(found->as_object());
}

std::vector<Proposal> DynamoDbProposals::list(std::size_t limit) {
    std::vector<Proposal> proposals;
    json::object request{{"TableName", tables_.proposals}, {"ConsistentRead", true}};
    while (proposals.size() < limit) {
        json::object answer = client_.call("Scan", request);
        for (const auto& item : answer.at("Items").as_array()) {
            if (proposals.size() == limit) break;
            proposals.push_back(read_proposal(item.as_object()));
        }
        const auto* next = answer.if_contains("LastEvaluatedKey");
        if (next == nullptr) break;
        request["ExclusiveStartKey"] = *next;
    }
    return proposals;
}

bool DynamoDbProposals::decide(const Proposal& decided) {
    return dynamodb_writes::call_if_condition_holds(
        client_, "UpdateItem",
        json::object{
            {"TableName", tables_.proposals},
            {"Key", json::object{{"proposal_id", string_value(decided.proposal_id)}}},
            {"UpdateExpression", "SET #status = :status, decided_by = :by, decided_at = :at"},
            {"ConditionExpression", "#status = :pending"},
            {"ExpressionAttributeNames", json::object{{"#status", "status"}}},
            {"ExpressionAttributeValues",
             json::object{{":status", string_value(to_string(decided.status))},
                          {":by", string_value(decided.decided_by)},
                          {":at", number_value(to_micros(decided.decided_at))},
                          {":pending", string_value("pending")}}}});
}

}  // namespace bank
