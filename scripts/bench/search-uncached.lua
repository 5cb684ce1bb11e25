-- wrk script: search pages that are almost never in the result cache (256 entries),
-- with French text, facet filters and pages drawn from about 8,000 combinations, so each
-- request computes its page of hits. Pages go up to 60, where most searches still have
-- results, so the pages rendered are full ones rather than empty ones past the end.
local words = {"deliberation", "budget", "subvention", "marches", "prenoms", "sportifs",
  "stationnement", "cantine", "recharge", "voirie", "roanne", "kerbrient", "commune"}
local tags = {"budget", "sport", "mobilite", "energie", "education", "deliberations",
  "subventions", "etat+civil", "marches+publics"}

request = function()
  local kind = math.random(1, 4)
  local page = math.random(1, 60)
  local path
  if kind == 1 then
    path = "/recherche?q=" .. words[math.random(#words)] .. "&page=" .. page
  elseif kind == 2 then
    path = "/recherche?tag=" .. tags[math.random(#tags)] .. "&page=" .. page
  elseif kind == 3 then
    path = "/recherche?page=" .. page
  else
    path = "/recherche?q=" .. words[math.random(#words)] .. "&licence=odbl&tag="
      .. tags[math.random(#tags)] .. "&page=" .. page
  end
  return wrk.format("GET", path)
end
