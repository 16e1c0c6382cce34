#pragma once

#include <string>

namespace bank {

// Reads KEY=VALUE lines of a .env file (as the original Flask app did) into the
// environment. Variables already set win, so the real environment overrides the file.
// A missing file is not an error. Returns how many variables it set.
int load_env_file(const std::string& path);

}  // namespace bank
