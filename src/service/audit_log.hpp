#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "ledger/identity_reads.hpp"
#include "ledger/ledger_writer.hpp"
#include "ledger/model.hpp"
#include "service/pending_write.hpp"

namespace bank {

// A person's audit log of security events. Recording never delays an answer by a write of
// its own: `record` hands the event to the store and returns (TouchSession's way);
// `record_alongside` starts it at once for a caller that will show the log right after and
// so joins it when its own write is done.
class AuditLog {
public:
    AuditLog(IdentityReads& identities, LedgerWriter& writer, const Clock& clock)
        : identities_(identities), writer_(writer), clock_(clock) {}

    // An event of now. The address is cut to limits::client_address_length_max and the
    // detail to limits::audit_detail_length_max; neither is ever a secret.
    AuditEvent make(std::string user_id, AuditEventKind kind, std::string_view client_address,
                    std::string_view detail = {}) const;

    void record(AuditEvent event);
    PendingWrite record_alongside(AuditEvent event);

    // The user's newest events, newest first.
    std::vector<AuditEvent> recent(std::string_view user_id, std::size_t limit) const;

private:
    IdentityReads& identities_;
    LedgerWriter& writer_;
    const Clock& clock_;
};

}  // namespace bank
