#pragma once

#include <string>
#include <vector>

namespace bank {

// How both engines keep a person's recovery-code hashes in one attribute or column: the
// hex hashes separated by single spaces ("" for none).
std::string join_recovery_code_hashes(const std::vector<std::string>& hashes);
std::vector<std::string> split_recovery_code_hashes(const std::string& text);

}  // namespace bank
