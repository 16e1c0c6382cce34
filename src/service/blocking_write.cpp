#include "service/blocking_write.hpp"

#include <future>
#include <memory>

namespace bank {

// Shared, because the writer may run the completion after the caller's frame has returned
// (it never does before the answer is set, which is what get() waits for).
std::future<WriteResult> submit_for_answer(LedgerWriter& writer, WriteCommand command,
                                           WriteUrgency urgency) {
    auto promise = std::make_shared<std::promise<WriteResult>>();
    auto answer = promise->get_future();
    auto done = [promise](WriteResult result) { promise->set_value(std::move(result)); };
    if (urgency == WriteUrgency::background) {
        writer.submit_background(std::move(command), std::move(done));
    } else {
        writer.submit(std::move(command), std::move(done));
    }
    return answer;
}

WriteResult write_and_wait(LedgerWriter& writer, WriteCommand command) {
    return submit_for_answer(writer, std::move(command)).get();
}

std::vector<WriteResult> write_all_and_wait(LedgerWriter& writer,
                                            std::vector<WriteCommand> commands,
                                            WriteUrgency urgency) {
    std::vector<std::future<WriteResult>> answers;
    answers.reserve(commands.size());
    for (auto& command : commands)
        answers.push_back(submit_for_answer(writer, std::move(command), urgency));
    std::vector<WriteResult> results;
    results.reserve(answers.size());
    for (auto& answer : answers) results.push_back(answer.get());
    return results;
}

}  // namespace bank
