-- wrk -s bench/lua/transfer_ring.lua URL -- RING_FILE MODE SECONDS
-- A ring of people paying each other: RING_FILE has one line per person, "TOKEN FROM_ACCOUNT_ID
-- TO_ACCOUNT_NUMBER" (the next person's checking account), and each request is the next
-- person's, each with their own bearer token, so the server sees many people and accounts at
-- once rather than one token on two accounts. MODE "single" posts one one-cent transfer
-- (POST /api/v1/transfer); MODE "batch" posts a batch of BATCH_ITEMS one-cent transfers to
-- the next person (POST /api/v1/transfers/batch). After SECONDS every connection waits out
-- wrk's remaining time, so nothing is in flight when wrk stops and the acknowledged count
-- (transfers created) can be compared with the ledger's.
local threads = {}
local batch_items = 1000

function setup(thread)
    table.insert(threads, thread)
end

local function batch_body(from_id, to_number)
    local item = string.format('{"from_account_id":"%s","to_account_number":"%s","amount":"0.01"}',
        from_id, to_number)
    local items = {}
    for index = 1, batch_items do items[index] = item end
    return '{"transfers":[' .. table.concat(items, ",") .. ']}'
end

function init(args)
    local ring_file, mode = args[1], args[2]
    deadline = os.time() + tonumber(args[3])
    requests = {}
    for line in io.lines(ring_file) do
        local token, from_id, to_number = line:match("^(%S+) (%S+) (%S+)$")
        local headers = {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}
        if mode == "batch" then
            table.insert(requests, wrk.format("POST", "/api/v1/transfers/batch", headers,
                batch_body(from_id, to_number)))
        else
            table.insert(requests, wrk.format("POST", "/api/v1/transfer", headers,
                string.format('{"from_account_id":"%s","to_account_number":"%s","amount":"0.01"}',
                    from_id, to_number)))
        end
    end
    batch_mode = mode == "batch"
    sent, acknowledged, refused, failed = 0, 0, 0, 0
end

function delay()
    if os.time() >= deadline then return 3600000 end
    return 0
end

function request()
    sent = sent + 1
    return requests[sent % #requests + 1]
end

function response(status, headers, body)
    if batch_mode and status == 200 then
        local _, created = body:gsub('"status":"created"', "")
        acknowledged = acknowledged + created
        refused = refused + batch_items - created
    elseif status == 201 then
        acknowledged = acknowledged + 1
    elseif status == 422 then
        refused = refused + 1
    else
        failed = failed + 1
    end
end

function done(summary, latency, requests)
    local totals = {acknowledged = 0, refused = 0, failed = 0}
    for _, thread in ipairs(threads) do
        for name, _ in pairs(totals) do totals[name] = totals[name] + thread:get(name) end
    end
    io.write(string.format("acknowledged %d\nrefused %d\nfailed %d\n", totals.acknowledged,
        totals.refused, totals.failed))
end
