#pragma once

#include <cstddef>
#include <vector>

namespace bank {

// A batch of new items (audit events, interest records), each put only where its key is new,
// written by a store in requests that apply whole or not at all (DynamoDB's
// TransactWriteItems of up to 100). After a request fails, this decides what is sent again.
//
// An item whose condition failed (`condition_failed`, one per item sent; empty when the
// failure named no item) is settled: its key is taken, by an earlier try of ours whose answer
// was lost or by another server, and sending it again could never write it. The others are
// sent again. A try that settled none of them (`fruitless_tries`, this one included) counts
// against `tries_max`; a try that settled some made progress and does not, since at most
// `sent` such tries can follow each other. When the fruitless tries are spent, the rest are
// given up. So each item is written at most once, and at least once unless every try fails.
struct ConditionalBatchRetry {
    std::vector<std::size_t> resend;   // positions among the items sent, in order
    std::vector<std::size_t> settled;  // positions whose key was found taken
    bool gives_up = false;             // no try left: `resend` are not written
};
ConditionalBatchRetry plan_conditional_batch_retry(std::size_t sent,
                                                   const std::vector<bool>& condition_failed,
                                                   int fruitless_tries, int tries_max);

}  // namespace bank
