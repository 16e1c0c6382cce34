-- wrk -s bench/lua/transfer.lua URL -- TOKEN ACCOUNT_A_ID ACCOUNT_A_NUMBER ACCOUNT_B_ID ACCOUNT_B_NUMBER SECONDS
-- Durable transfers of one cent, A to B and B to A in turn, for SECONDS; then every connection
-- waits out wrk's remaining time, so no transfer is in flight when wrk stops and the
-- acknowledged count (201 answers) can be compared with the ledger's.
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    token, a_id, a_number, b_id, b_number = args[1], args[2], args[3], args[4], args[5]
    deadline = os.time() + tonumber(args[6])
    headers = {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}
    bodies = {
        string.format('{"from_account_id":"%s","to_account_number":"%s","amount":"0.01"}', a_id, b_number),
        string.format('{"from_account_id":"%s","to_account_number":"%s","amount":"0.01"}', b_id, a_number),
    }
    sent, acknowledged, refused = 0, 0, 0
    statuses = {}
end

function delay()
    if os.time() >= deadline then return 3600000 end
    return 0
end

function request()
    sent = sent + 1
    return wrk.format("POST", "/api/v1/transfer", headers, bodies[sent % 2 + 1])
end

function response(status, headers, body)
    if status == 201 then
        acknowledged = acknowledged + 1
    else
        refused = refused + 1
        statuses[status] = (statuses[status] or 0) + 1
    end
end

function done(summary, latency, requests)
    local total_acknowledged, total_refused = 0, 0
    for _, thread in ipairs(threads) do
        total_acknowledged = total_acknowledged + thread:get("acknowledged")
        total_refused = total_refused + thread:get("refused")
    end
    io.write(string.format("acknowledged %d\nrefused %d\n", total_acknowledged, total_refused))
end
