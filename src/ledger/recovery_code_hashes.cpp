#include "ledger/recovery_code_hashes.hpp"

#include <sstream>

namespace bank {

std::string join_recovery_code_hashes(const std::vector<std::string>& hashes) {
    std::string text;
    for (const auto& hash : hashes) {
        if (!text.empty()) text += ' ';
        text += hash;
    }
    return text;
}

std::vector<std::string> split_recovery_code_hashes(const std::string& text) {
    std::vector<std::string> hashes;
    std::istringstream words(text);
    for (std::string word; words >> word;) hashes.push_back(word);
    return hashes;
}

}  // namespace bank
