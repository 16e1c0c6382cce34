#include "app/server_key_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>

#include <spdlog/spdlog.h>

namespace bank {

namespace {

SecretKey read_key(const std::string& path) {
    std::ifstream file(path);
    if (!file) throw std::runtime_error("cannot read the server key file " + path);
    std::string text;
    std::getline(file, text);
    while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.pop_back();
    const auto key = SecretKey::from_hex(text);
    if (!key) {
        throw std::runtime_error("the server key file " + path +
                                 " must hold 64 hex digits (make one with: openssl rand -hex 32)");
    }
    struct stat status {};
    if (::stat(path.c_str(), &status) == 0 && (status.st_mode & 077) != 0) {
        spdlog::warn("the server key file {} can be read by others; chmod 600 it", path);
    }
    return *key;
}

// Creates the file only if it does not exist yet (O_EXCL), readable by this user alone.
SecretKey create_key(const std::string& path) {
    const SecretKey key = SecretKey::generate();
    const int descriptor = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (descriptor < 0) throw std::runtime_error("cannot create the server key file " + path);
    const std::string text = key.to_hex() + "\n";
    const bool written =
        ::write(descriptor, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
        ::fsync(descriptor) == 0;
    ::close(descriptor);
    if (!written) throw std::runtime_error("cannot write the server key file " + path);
    spdlog::warn(
        "created a new server key in {} (mode 0600): it seals the second-factor secrets; keep "
        "it with the database and back both up together",
        path);
    return key;
}

}  // namespace

SecretKey load_server_key(const std::string& key_file, const StoreOptions& store) {
    if (!key_file.empty()) return read_key(key_file);
    if (store.engine != "sqlite") {
        throw std::runtime_error(
            "BANK_SECRET_KEY_FILE must name the server key file when the store is " + store.engine +
            ": every server of the deployment must use the same key (make one with: "
            "openssl rand -hex 32 > bank.key; chmod 600 bank.key)");
    }
    const std::string beside_database = store.db_path + ".key";
    if (::access(beside_database.c_str(), F_OK) == 0) return read_key(beside_database);
    return create_key(beside_database);
}

}  // namespace bank
