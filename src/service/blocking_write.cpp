#include "service/blocking_write.hpp"

#include <future>
#include <memory>

namespace bank {

WriteResult write_and_wait(LedgerWriter& writer, WriteCommand command) {
    // Shared, because the writer may run the completion after this frame has returned (it
    // never does before the answer is set, which is what get() waits for).
    auto promise = std::make_shared<std::promise<WriteResult>>();
    auto answer = promise->get_future();
    writer.submit(std::move(command),
                  [promise](WriteResult result) { promise->set_value(std::move(result)); });
    return answer.get();
}

}  // namespace bank
