#include "app/env_file.hpp"

#include <cstdlib>
#include <fstream>

namespace bank {
namespace {

std::string strip(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

}  // namespace

int load_env_file(const std::string& path) {
    std::ifstream file(path);
    int count = 0;
    std::string line;
    while (std::getline(file, line)) {
        line = strip(line);
        if (line.empty() || line.front() == '#') continue;
        if (line.starts_with("export ")) line = strip(line.substr(7));
        const auto equals = line.find('=');
        if (equals == std::string::npos || equals == 0) continue;
        const std::string key = strip(line.substr(0, equals));
        std::string value = strip(line.substr(equals + 1));
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
            value.back() == value.front()) {
            value = value.substr(1, value.size() - 2);
        }
        if (::setenv(key.c_str(), value.c_str(), 0) == 0) ++count;
    }
    return count;
}

}  // namespace bank
