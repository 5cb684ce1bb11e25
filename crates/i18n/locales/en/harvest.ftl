# Harvest sources, jobs and the harvest command.

## Harvest sources and jobs of the platform

harvest-dashboard-link = Harvesting the catalogues of your organisations
harvest-sources-title = Harvesting
harvest-sources-caption = Harvest sources
harvest-sources-empty = No harvest source yet.
harvest-source-new = New source
harvest-source-create = Create the source and see the preview
harvest-source-edit = Edit the source
harvest-source-save = Save
harvest-source-active = Active
harvest-source-inactive = Inactive
harvest-source-activate = Activate the source
harvest-source-deactivate = Deactivate the source
harvest-source-run-now = Harvest now
harvest-field-kind = Catalogue type
harvest-field-url = Catalogue address
harvest-field-remote-organization = Remote organisation (optional)
harvest-field-tags = Required tags, separated by commas (optional)
harvest-field-query = Query (optional)
harvest-field-schedule = Schedule (cron, UTC)
harvest-field-schedule-hint = Five fields: minute, hour, day of month, month, day of week. Example: "0 3 * * *" every night at 3 am UTC (4 or 5 am in Paris, depending on the season; pages show Paris times). Leave empty to harvest on request only.
harvest-field-active = State
harvest-kind-ckan = CKAN
harvest-kind-dcat = DCAT (RDF)
harvest-kind-udata = udata
harvest-kind-ods = Opendatasoft
harvest-preview-link = Preview
harvest-preview-title = Preview of "{ $name }"
harvest-preview-intro = The first { $limit } records of the source, as they would be imported. Nothing is saved.
harvest-preview-allow-hint = To harvest a catalogue on the intranet or on this machine, a server administrator adds its network or host name to the allow key of the [harvest] table of socle.toml (for example allow = "10.0.0.0/8"), then restarts socle.
harvest-preview-empty = The source returned no record.
harvest-preview-licence = Licence
harvest-preview-resources = Files
harvest-jobs-title = Harvest jobs
harvest-jobs-empty = This source has not been harvested yet.
harvest-job-title = Harvest of "{ $name }"
harvest-job-queued-at = Requested on
harvest-job-status = Status
harvest-job-counts = Outcome
harvest-job-status-line = Status: { $status }
harvest-job-counts-line = { $created } created, { $updated } updated, { $unchanged } unchanged, { $archived } archived, { $skipped } skipped, { $failed } failed
harvest-job-incomplete = remote listing incomplete: no dataset was archived
harvest-job-status-queued = queued
harvest-job-status-running = running
harvest-job-status-done = done
harvest-job-status-failed = failed
harvest-job-status-interrupted = interrupted (queued again)
harvest-item-remote-id = Remote id
harvest-item-title = Title
harvest-item-outcome = Outcome
harvest-item-reason = Reason
harvest-outcome-created = created
harvest-outcome-updated = updated
harvest-outcome-unchanged = unchanged
harvest-outcome-archived = archived
harvest-outcome-skipped = skipped
harvest-outcome-failed = failed
harvest-reason-missing-id = The record has no identifier: the source must give a stable one for each dataset.
harvest-reason-duplicate-id = The identifier "{ $id }" appears twice in the source: only the first record is imported.
harvest-reason-duplicate-identifier = The identifier "{ $identifier }" already belongs to another record of this harvest.
harvest-reason-invalid-field = Invalid field "{ $field }" ({ $problem }): fix the record in the source catalogue.
harvest-reason-other-organization = This record is already published by the organisation "{ $organization }": it is not moved.
harvest-reason-other-organization-unnamed = This record is already held by another organisation of the platform: it is not moved.
harvest-reason-other-source = This record is already harvested by another source of the organisation.
harvest-reason-deleted-locally = The matching dataset was deleted here: it is not created again.
harvest-reason-unknown-licence = Unknown licence "{ $licence }": the platform accepts Licence Ouverte 2.0, ODbL, CC BY 4.0 and CC0.
harvest-reason-no-licence = The record states no licence: add one in the source catalogue.
harvest-error-kind = Choose the type of the remote catalogue.
harvest-error-url = Invalid address: give a full address starting with https:// (or http://), of at most 2,048 characters.
harvest-error-schedule = Invalid schedule: give five cron fields, for example "0 3 * * *".
harvest-error-inactive = Activate the source before harvesting it.
harvest-error-interrupted = The server stopped during the harvest; it was queued again.
harvest-error-internal = Internal error while saving; the harvest was stopped.
harvest-error-pages-failed = { $count ->
        [one] { $count } page of the source could not be read
       *[other] { $count } pages of the source could not be read
    }: no dataset was archived.
harvest-page-failed = Page { $page } could not be read.
harvest-run-source-not-found = Harvest source not found: { $id }
    .hint = Copy the identifier from the source's page (address /moissonnage/sources/…).
harvest-run-inactive = Source { $id } is not activated: nothing was harvested.
    .hint = Check its preview, activate it on its page (/moissonnage/sources/{ $id }), then run the command again.
harvest-run-already-running = A harvest of source { $id } is already running (job { $job }).
    .hint = Follow it on the source's page, then run the command again once it has finished.
harvest-run-counts = Datasets: { $created } created, { $updated } updated, { $unchanged } unchanged, { $archived } archived, { $skipped } skipped, { $failed } failed.
harvest-run-done = Harvest finished.
harvest-run-report = Detailed report, record by record: /moissonnage/sources/{ $source }/jobs/{ $job }
harvest-run-incomplete = The remote listing was incomplete: no dataset was archived.
harvest-run-not-started = The harvest could not start: { $error }
    .hint = Check the folder given with --data and its socle.toml file, then run the command again.
harvest-run-failed = The harvest failed: { $reason }

## Reading remote catalogues: fetch errors, skipped entries, notes, listing ends,
## and `socle harvest preview`

harvest-fetch-invalid-url = The address “{ $url }” is invalid.
    .hint = Give a full address starting with https:// or http://.
harvest-fetch-unsupported-scheme = The address “{ $url }” uses the “{ $scheme }” protocol: only http and https are accepted.
    .hint = Give an address starting with https://.
harvest-fetch-host-not-found = The server “{ $host }” was not found.
    .hint = Check the spelling of the domain name and the network connection.
harvest-fetch-address-rejected = The server “{ $host }” has the address { $address } ({ $range ->
        [loopback] loopback
        [private] private
        [shared-cgnat] shared (CGNAT)
        [link-local] link-local
        [multicast] multicast
        [reserved] reserved
        [documentation] documentation and benchmarking
        [ietf-protocol] IETF protocol assignments
        [unique-local] IPv6 unique-local
        [unspecified] unspecified
       *[other] { $range }
    } network): non-public addresses are rejected.
    .hint = For a catalogue on the intranet or on this machine, add its network or name to the allow-list (--allow or SOCLE_HARVEST_ALLOW).
harvest-fetch-connection-failed = The connection to “{ $url }” failed: { $detail ->
        [refused] the server refuses the connection, no service listens at this address and port
        [reset] the server closed the connection
       *[other] { $detail }
    }.
    .hint = Check that the server is up; trying again later may succeed.
harvest-fetch-timeout = “{ $url }” did not answer in time ({ $seconds } s{ $attempts ->
        [1] {""}
       *[other] {" "}per request, { $attempts } requests
    }).
    .hint = The server is slow or overloaded: try again later.
harvest-fetch-too-large = The response of “{ $url }” is larger than the maximum of { $limit } bytes.
    .hint = Check that this is the right address, or request a smaller page from the catalogue.
harvest-fetch-status = “{ $url }” answered with HTTP status { $status }.
    .hint = Check the address; 5xx statuses mean the remote server has failed.
harvest-fetch-too-many-redirects = More than { $limit } redirects from “{ $url }”.
    .hint = Give the final address of the catalogue instead of a redirected one.
harvest-fetch-redirect-loop = Redirect loop: “{ $url }” was already visited.
    .hint = The remote server is misconfigured: report it to its administrator.
harvest-fetch-invalid-redirect = The redirect from “{ $url }” gives no valid address.
    .hint = The remote server is misconfigured: report it to its administrator.
harvest-fetch-read = Reading the response of “{ $url }” failed: { $detail }.
    .hint = The connection was cut: try again later.
harvest-fetch-write = Saving the response of “{ $url }” failed: { $detail }.
    .hint = Check the free disk space.
harvest-read-invalid-json = The response of “{ $url }” is not valid JSON: { $detail }.
    .hint = Check that the address is the catalogue’s API.
harvest-read-invalid-rdf = The response of “{ $url }” is not a readable RDF document: { $detail }.
    .hint = Check the format of the DCAT export (RDF/XML, Turtle or JSON-LD) and its syntax.
harvest-read-unexpected-answer = Unexpected response from “{ $url }”: { $detail }.
    .hint = Check the catalogue type chosen and the address of its API.
harvest-read-invalid-url = The source address “{ $url }” is invalid.
    .hint = Give a full address starting with https://.
harvest-skip-missing-identifier = Entry without identifier (no dct:identifier, IRI or id): it cannot be followed from one harvest to the next.
harvest-skip-missing-title = The entry “{ $id }” has no title.
harvest-skip-duplicate-identifier = The identifier “{ $id }” was already seen in this harvest: only the first entry is kept.
harvest-skip-invalid-value = The entry “{ $id }” has an invalid value for “{ $field }”: “{ $value }”.
harvest-skip-not-an-object = Entry number { $position } of the list is not a JSON object.
harvest-skip-not-public = The entry “{ $id }” is private or deleted in the source catalogue.
harvest-skip-not-a-dataset = The entry “{ $id }” is of type “{ $type }”, not a dataset.
harvest-note-unknown-licence = Licence “{ $value }” not recognised: kept as it is.
harvest-note-unknown-frequency = Frequency “{ $value }” not recognised: kept as it is.
harvest-note-distribution-without-url = File number { $position } (“{ $title }”) has no address: it is ignored.
harvest-note-invalid-value-ignored = Invalid value ignored for “{ $field }”: “{ $value }”.
harvest-cut-page-failed = The page “{ $url }” could not be read, so the rest of the listing is unknown.
harvest-cut-next-link-loop = The link to the next page points back to a page already read (“{ $url }”).
harvest-cut-next-link-off-host = The link to the next page leads to another server (“{ $url }”): it is not followed.
harvest-cut-page-limit = Limit of { $max } pages reached.
harvest-cut-count-changed = The number of entries changed while reading ({ $first }, then { $now }): entries may have been missed.
harvest-cut-offset-limit = The API cannot read beyond { $max } entries: use the portal’s DCAT export to harvest everything.
harvest-cut-stopped = Reading stopped before the end of the list.
harvest-preview-cli-heading = Preview of the { $kind } source “{ $url }”: { $datasets ->
        [one] 1 dataset
       *[other] { $datasets } datasets
    }, { $skipped ->
        [0] no entry skipped
        [one] 1 entry skipped
       *[other] { $skipped } entries skipped
    } ({ $pages ->
        [0] no page read
        [one] 1 page read
       *[other] { $pages } pages read
    }{ $failed ->
        [0] {""}
        [one] , 1 page unreadable
       *[other] , { $failed } pages unreadable
    }){ $complete ->
        [yes] {""}
       *[no] {" "}in an incomplete listing (see the end)
    }. Nothing is stored.
harvest-preview-cli-dataset = Dataset “{ $title }” (remote identifier: { $id })
harvest-preview-cli-licence = Licence: { $licence }
harvest-preview-cli-frequency = Frequency: { $frequency }
harvest-preview-cli-distributions = { $count ->
        [0] No file
        [one] 1 file:
       *[other] { $count } files:
    }
harvest-preview-cli-raw = { $value } (not recognised)
harvest-preview-cli-note = Note: { $message }
harvest-preview-cli-skipped = Entry skipped: { $message }
harvest-preview-cli-unreadable = No page of "{ $url }" could be read: { $reason }
harvest-preview-cli-page-error = Page { $number } unreadable: { $message }
harvest-preview-cli-complete = Complete list: every entry of the source was read.
harvest-preview-cli-more = The source has more entries: only the first { $limit } are shown.
harvest-preview-cli-pages-failed = Incomplete list: { $failed ->
        [one] 1 page could not be read.
       *[other] { $failed } pages could not be read.
    }
harvest-preview-cli-cut-short = Incomplete list: { $message }
harvest-preview-cli-allow-invalid = The allow-list entry “{ $entry }” is invalid.
    .hint = Give networks (10.0.0.0/8, ::1) or server names, separated by commas.
harvest-preview-cli-allow-hint = For a catalogue on this machine or the intranet, add --allow-private, or allow its network with --allow (e.g. --allow 10.0.0.0/8).
