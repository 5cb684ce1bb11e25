-- wrk script: requests package_search pages of 1000 rows starting at SOCLE_BENCH_START,
-- each with a random extra parameter that package_search ignores, so no response comes
-- from the anonymous cache.
local start = os.getenv("SOCLE_BENCH_START") or "0"

request = function()
  return wrk.format("GET", "/api/3/action/package_search?rows=1000&start=" .. start .. "&r=" .. math.random(1, 1000000000))
end
