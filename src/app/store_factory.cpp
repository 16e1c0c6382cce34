#include "app/store_factory.hpp"

#include <stdexcept>

#include "storage/sqlite/sqlite_store.hpp"

namespace bank {

std::unique_ptr<Store> open_store(const StoreOptions& options, const Clock& clock) {
    if (options.engine == "sqlite") return std::make_unique<SqliteStore>(options.db_path, clock);
    throw std::runtime_error("unknown store '" + options.engine + "': use sqlite or dynamodb");
}

}  // namespace bank
