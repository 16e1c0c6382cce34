-- wrk -s bench/lua/statuses.lua URL [-- METHOD PATH JSON_BODY]: counts the answers by HTTP
-- status and prints them ("status 200 12345"), so a run that quietly got redirects or errors
-- is caught. With arguments, every request is METHOD PATH with the JSON body (a login flood).
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    counts = {}
    if #args >= 3 then
        wrk.method = args[1]
        wrk.path = args[2]
        wrk.body = args[3]
        wrk.headers["Content-Type"] = "application/json"
    end
end

function response(status, headers, body)
    counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
    local totals = {}
    for _, thread in ipairs(threads) do
        for code, count in pairs(thread:get("counts")) do
            totals[code] = (totals[code] or 0) + count
        end
    end
    for code, count in pairs(totals) do io.write(string.format("status %d %d\n", code, count)) end
end
