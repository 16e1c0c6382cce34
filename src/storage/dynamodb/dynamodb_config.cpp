#include "storage/dynamodb/dynamodb_config.hpp"

#include <cstdlib>
#include <fstream>
#include <map>
#include <stdexcept>

namespace bank {

namespace {

using Section = std::map<std::string, std::string>;

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value == nullptr ? std::string() : std::string(value);
}

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

// Reads one section of an INI file as the AWS CLI writes it ("[name]", "key = value").
// A missing file or section is an empty map.
Section read_section(const std::string& path, const std::string& wanted) {
    Section values;
    std::ifstream file(path);
    std::string line;
    bool inside = false;
    while (std::getline(file, line)) {
        line = trim(line);
        if (line.empty() || line[0] == '#' || line[0] == ';') continue;
        if (line.front() == '[' && line.back() == ']') {
            inside = trim(line.substr(1, line.size() - 2)) == wanted;
            continue;
        }
        const auto equals = line.find('=');
        if (inside && equals != std::string::npos) {
            values[trim(line.substr(0, equals))] = trim(line.substr(equals + 1));
        }
    }
    return values;
}

std::string home_file(const char* override_variable, const char* relative) {
    std::string overridden = env(override_variable);
    if (!overridden.empty()) return overridden;
    return env("HOME") + "/.aws/" + relative;
}

std::string value_of(const Section& section, const std::string& key) {
    const auto found = section.find(key);
    return found == section.end() ? std::string() : found->second;
}

void fill_from_profile(DynamoDbConfig& config) {
    std::string profile = env("AWS_PROFILE");
    if (profile.empty()) profile = "default";
    const Section credentials =
        read_section(home_file("AWS_SHARED_CREDENTIALS_FILE", "credentials"), profile);
    // ~/.aws/config names every profile but the default one "profile NAME".
    const std::string config_section = profile == "default" ? profile : "profile " + profile;
    const Section settings = read_section(home_file("AWS_CONFIG_FILE", "config"), config_section);
    if (config.access_key_id.empty()) {
        config.access_key_id = value_of(credentials, "aws_access_key_id");
        config.secret_access_key = value_of(credentials, "aws_secret_access_key");
        config.session_token = value_of(credentials, "aws_session_token");
    }
    if (config.region.empty()) config.region = value_of(settings, "region");
}

}  // namespace

DynamoDbConfig DynamoDbConfig::from_environment() {
    DynamoDbConfig config;
    config.region = env("AWS_REGION");
    if (config.region.empty()) config.region = env("AWS_DEFAULT_REGION");
    if (!env("AWS_ACCESS_KEY_ID").empty()) {
        config.access_key_id = env("AWS_ACCESS_KEY_ID");
        config.secret_access_key = env("AWS_SECRET_ACCESS_KEY");
        config.session_token = env("AWS_SESSION_TOKEN");
    }
    if (config.access_key_id.empty() || config.region.empty()) fill_from_profile(config);
    if (config.region.empty()) {
        throw std::runtime_error(
            "dynamodb: no region (set AWS_REGION or a region in ~/.aws/config)");
    }
    if (config.access_key_id.empty() || config.secret_access_key.empty()) {
        throw std::runtime_error(
            "dynamodb: no credentials (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or "
            "run `aws configure`)");
    }
    config.endpoint = env("AWS_ENDPOINT_URL_DYNAMODB");
    if (config.endpoint.empty()) config.endpoint = env("AWS_ENDPOINT_URL");
    if (config.endpoint.empty())
        config.endpoint = "https://dynamodb." + config.region + ".amazonaws.com";
    config.table_prefix = env("BANK_DYNAMODB_TABLE_PREFIX");
    return config;
}

}  // namespace bank
