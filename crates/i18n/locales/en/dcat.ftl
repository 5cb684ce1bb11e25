# DCAT-AP catalogue export.

# Literals written in the feeds (the data is French, so they are always French).
dcat-catalog-title = Open data catalogue of { $site }
dcat-catalog-description = Public datasets published on { $site }, described in DCAT-AP 3.
dcat-organization-catalog-description = Public datasets published by { $organization }.
dcat-platform-name = Open data platform { $site }

# Errors of the feed URLs.
dcat-error-query = The URL parameters cannot be read: use for example ?page=2&page_size=100.
dcat-error-page = The page number “{ $value }” is invalid: give a whole number from 1, for example ?page=2.
dcat-error-page-size = The page size “{ $value }” is invalid: give a number from 1 to { $max }, or “all” for the whole catalogue in one page.
dcat-error-page-all = With page_size=all the catalogue fits in one page: { $value ->
        [none] remove the apres parameter.
       *[other] remove the page parameter (value “{ $value }”) and the apres parameter.
    }
dcat-error-cursor = The cursor “{ $value }” is invalid: follow the hydra:next link of a previous page, or remove the apres parameter.
dcat-error-page-out-of-range = Page { $page } does not exist: at { $size ->
        [one] { $size } dataset
       *[other] { $size } datasets
    } per page, this catalogue fits in { $last ->
        [one] { $last } page
       *[other] { $last } pages
    }. Ask for a page from 1 to { $last }.
