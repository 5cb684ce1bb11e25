-- wrk script: requests search pages with French text, facets and pagination.
local paths = {
  "/recherche?q=deliberation",
  "/recherche?q=budget+primitif",
  "/recherche?q=subvention&licence=odbl",
  "/recherche?q=march%C3%A9s+publics&page=3",
  "/recherche?tag=sport",
  "/recherche?q=stationnement&tag=mobilite",
  "/recherche?q=pr%C3%A9noms",
  "/recherche",
  "/recherche?page=40",
  "/recherche?q=cantine&schema=deliberations",
}

request = function()
  return wrk.format("GET", paths[math.random(1, #paths)])
end
