# Remote file refresh, version history and alerts.

## Resource page: schedule, versions, alerts

refresh-section-title = Remote file refresh
refresh-source = File address
refresh-last-check = Last check
refresh-never-checked = Not checked yet: the first check runs within a minute of adding the link.
refresh-outcome-not-modified = unchanged (the server answered "not modified")
refresh-outcome-unchanged = unchanged (same content as the current version)
refresh-outcome-changed = new version stored
refresh-outcome-failed = failed
refresh-last-error = Reason of the last failure
refresh-failures = Consecutive failures
refresh-next-check = Next check
refresh-disabled = Automatic refresh stopped
refresh-enabled = Refresh automatically
refresh-harvested-off = This file belongs to a harvested dataset: its original publisher serves it, and the platform does not fetch it on its own. Tick "Refresh automatically" to check it regularly here too.
refresh-interval = Frequency
refresh-interval-3600 = Every hour
refresh-interval-21600 = Every 6 hours
refresh-interval-86400 = Every day
refresh-interval-604800 = Every week
refresh-interval-2592000 = Every 30 days
refresh-interval-seconds = Every { $seconds } seconds
refresh-save = Save
refresh-now = Refresh now
refresh-versions-title = Fetched versions
refresh-versions-empty = No version fetched yet.
refresh-version-number = Version
refresh-version-fetched = Fetched on
refresh-version-size = Size
refresh-version-status = Validation
refresh-version-download = Download version { $version }

## Alerts

refresh-alerts-title = Alerts
refresh-alert-became-invalid = "{ $resource }" ({ $dataset }): the refreshed file is no longer valid
refresh-alert-url-failed = "{ $resource }" ({ $dataset }): the remote file cannot be reached
refresh-alert-recovered = "{ $resource }" ({ $dataset }): back to normal
refresh-alert-mark-seen = Mark as seen
refresh-alert-seen-at = Seen on { $date }
refresh-detail-invalid = Version { $version } does not follow the dataset's schema. The previous version can still be downloaded from the file's page.
refresh-detail-valid-again = Version { $version } follows the schema again.
refresh-detail-url-recovered = The address { $url } answers again.
refresh-detail-personal-data = Version { $version } contains personal data to check. Until an editor confirms its publication, it is served to editors only and visitors get the previous version. To publish it, unpublish the dataset and publish it again with the confirmation ticked.

## Errors of the editor's actions

refresh-error-interval = This frequency is not accepted: choose a frequency between 15 minutes and 31 days.
refresh-error-lang = Unknown language: only "fr" and "en" are accepted.
refresh-error-not-url = This file was uploaded to the platform: only a file added by a link can be refreshed.

## Why a remote file could not be fetched

refresh-fetch-invalid-url = The address "{ $url }" is not a valid URL. Correct the file's link.
refresh-fetch-unsupported-scheme = The address "{ $url }" uses the "{ $scheme }" scheme: only http and https are accepted. Correct the file's link.
refresh-fetch-host-not-found = The server "{ $host }" was not found. Check the domain name of the link.
refresh-fetch-address-rejected = The server "{ $host }" has the address { $address }, which is not a public address ({ $range ->
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
    } range): the platform rejects connections to it. Publish the file at a public address, or ask the administrator to add this network to the fetch_allow setting.
refresh-fetch-connection-failed = The connection to "{ $url }" failed ({ $detail ->
        [refused] the server refuses the connection, no service listens at this address and port
        [reset] the server closed the connection
       *[other] { $detail }
    }). Check that the server is running; another attempt will be made later.
refresh-fetch-timeout = The server of "{ $url }" did not answer within the { $seconds } seconds allowed. Another attempt will be made later.
refresh-fetch-too-large = The file at "{ $url }" is larger than the limit of { $limit } bytes. Publish a smaller file or ask the administrator to raise the limit.
refresh-fetch-status = The server of "{ $url }" answered with HTTP error { $status }. Check that the file is still published at this address.
refresh-fetch-too-many-redirects = The address "{ $url }" redirects more than { $limit } times. Give the file's final address.
refresh-fetch-redirect-loop = The address "{ $url }" redirects in a loop. Fix the redirect on the server or give the file's final address.
refresh-fetch-invalid-redirect = The address "{ $url }" redirects without a valid destination. Give the file's final address.
refresh-fetch-read = Reading the file at "{ $url }" failed ({ $detail }). Another attempt will be made later.
refresh-fetch-write = Storing the file from "{ $url }" failed ({ $detail }). Tell the platform's administrator.
refresh-fetch-empty = The address "{ $url }" returned an empty file. Check that the file is still published at this address.
refresh-fetch-allow-invalid = The fetch_allow setting contains an invalid entry "{ $entry }". Tell the platform's administrator.
refresh-fetch-internal = An internal error prevented the refresh. Tell the platform's administrator.

## Alert e-mails

refresh-mail-subject-became-invalid = [socle] File no longer valid: { $resource } ({ $dataset })
refresh-mail-subject-url-failed = [socle] Remote file unreachable: { $resource } ({ $dataset })
refresh-mail-subject-recovered = [socle] Back to normal: { $resource } ({ $dataset })
refresh-mail-greeting = Hello { $name },
refresh-mail-intro-became-invalid = The latest refresh of the file "{ $resource }" of the dataset "{ $dataset }" brought a file that no longer follows its schema.
refresh-mail-intro-url-failed = The file "{ $resource }" of the dataset "{ $dataset }" could not be fetched from its address.
refresh-mail-intro-recovered = The file "{ $resource }" of the dataset "{ $dataset }" is back to normal.
refresh-mail-reason = Detail: { $reason }
refresh-mail-link = The file's page on the platform: { $path }
refresh-mail-footer = You receive this message because you are an editor or administrator of the organisation that publishes this dataset.
