#include "app/store_factory.hpp"

#include <stdexcept>

#include "storage/dynamodb/dynamodb_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank {

std::unique_ptr<Store> open_store(const StoreOptions& options, const Clock& clock) {
    if (options.engine == "sqlite") return std::make_unique<SqliteStore>(options.db_path, clock);
    if (options.engine == "dynamodb") {
        return std::make_unique<DynamoDbStore>(DynamoDbConfig::from_environment(), clock);
    }
    throw std::runtime_error("unknown store '" + options.engine + "': use sqlite or dynamodb");
}

}  // namespace bank
