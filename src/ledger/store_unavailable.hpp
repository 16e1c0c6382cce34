#pragma once

#include <stdexcept>

namespace bank {

// Thrown by a store whose backend cannot be reached or keeps refusing (after its own
// retries): the request is answered 503 "try again", never 500.
class StoreUnavailable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace bank
