# Messages of the socle command line (English).

cli-error-prefix = Error:
cli-schema-warning-prefix = Schema warning:
cli-file-unreadable = The file "{ $file }" could not be validated.
cli-file-unscanned = The file "{ $file }" could not be scanned.
cli-schema-not-found = The schema "{ $reference }" was not found: it is neither a bundled schema, nor an existing file, nor a web address.{ $suggestion ->
        [none] {""}
       *[other] {" "}Did you mean "{ $suggestion }"?
    }
    .hint = List the bundled schemas with "socle schemas list", or give the path of a schema.json file.
cli-schema-unreadable = The schema "{ $reference }" could not be read: { $detail }.
    .hint = Check the file's path and read permissions.
cli-schema-too-large = The schema "{ $reference }" exceeds { $limit } MB, the maximum size accepted.
    .hint = A Table Schema is normally a few tens of KB: check that this is the right file.
cli-schema-download = The schema "{ $reference }" could not be downloaded: { $detail }.
    .hint = Check the address and the connection, or download the file and give its path.
cli-schema-invalid = The schema "{ $reference }" cannot be used: { $count ->
        [one] 1 problem
       *[other] { $count } problems
    } to fix.
    .hint = Fix the schema, or use a bundled schema ("socle schemas list").
cli-schema-unusable = The schema "{ $reference }" cannot be used; the file was not validated.
cli-schema-location = at { $pointer }
cli-registry-broken = The bundled schema registry is damaged: { $detail }.
    .hint = Reinstall socle; if the problem persists, report it.
cli-schemas-heading = { $count } bundled schemas (name to use with --schema, version, title, registry name):
cli-warning-prefix = Warning:
cli-file-open-failed = The file "{ $file }" could not be opened: { $detail }.
    .hint = Check the file's path and read permissions.
cli-file-create-failed = The file "{ $file }" could not be written: { $detail }.
    .hint = Check that the folder exists and that you may write to it.
cli-totem-no-plans = no plans de comptes folder is given (--plans or SOCLE_TOTEM_PLANS): labels and chapters missing from the file will stay empty.
cli-totem-written = { $rows ->
        [one] 1 row
       *[other] { $rows } rows
    } written to "{ $file }".
cli-privacy-rules-invalid = The detection rules cannot be used: { $detail }.
    .hint = Fix the rules file, or use built-in rules with --schema.
cli-privacy-key-missing = The pseudonym key is missing or too short: set SOCLE_PSEUDONYM_KEY (at least 16 characters).
    .hint = The same key gives the same pseudonyms from one publication to the next; keep it safe.
cli-privacy-redacted = { $spans } spans redacted in { $records } rows; file written to "{ $file }", with the redaction log beside it (.redaction.json).
cli-output-not-regular = "{ $file }" exists and is not a regular file (a link, a pipe or a device): it will not be replaced.
    .hint = Give the path of a new file with -o.
cli-output-is-input = The output file "{ $file }" is the input file: it would be overwritten.
    .hint = Give another file name with -o.
cli-privacy-findings-capped = only the first { $kept } findings are listed, out of { $total }.
cli-totem-plan-name-invalid = The nomenclature "{ $norme }" or the variant "{ $declinaison }" is not a valid name.
    .hint = Use the names of the TOTEM files, for example --norme M57 --declinaison M57_P.
cli-totem-plan-download = The plan de comptes could not be downloaded from { $url }: { $detail }.
    .hint = Check the year, the nomenclature, the variant and the Internet connection.
cli-totem-plan-written = Plan de comptes saved in "{ $file }".

## Help pages (--help)

cli-help-heading-usage = Usage:
cli-help-heading-commands = Commands
cli-help-heading-arguments = Arguments
cli-help-heading-options = Options
cli-help-command-placeholder = COMMAND
cli-help-default = [default: { $value }]
cli-help-possible = [possible values: { $values }]
cli-help-env = [env: { $variable }]
cli-about-help = Print the help of socle or of one of its commands.
cli-arg-help = Print this help.
cli-arg-version = Print the version.
cli-arg-lang = Language of messages and reports: fr (default) or en. Also read from SOCLE_LANG.
cli-arg-data = Folder of the database and uploaded files.
cli-about-socle = Open data platform for local authorities: validation, publication, harvesting.
cli-about-socle-validate = Validate a CSV, TSV, XLSX, XLS or ODS file (optionally gzip-compressed) against a schema.
cli-arg-socle-validate-file = File to validate: CSV, TSV, XLSX, XLS or ODS, possibly gzip-compressed.
cli-arg-socle-validate-schema = Schema: a bundled name (deliberations, scdl/deliberations, dae@1.0.0), a path or an https URL. Without it, only the file's structure is checked.
cli-arg-socle-validate-format = Report format.
cli-arg-socle-validate-max-errors = Errors kept in the report (1 to 100,000); validation stops once that many are found.
cli-arg-socle-validate-ignore-header-case = Match column names to the schema without regard to case.
cli-arg-socle-validate-threads = Worker threads (0: every core; at most 64).
cli-arg-socle-validate-sheet = Sheet of a spreadsheet to read (default: the first one).
cli-about-socle-schemas = List or show the bundled schemas.
cli-about-socle-schemas-list = List the bundled schemas with their versions.
cli-arg-socle-schemas-list-json = Print JSON instead of a table.
cli-about-socle-schemas-show = Print a bundled schema as a Table Schema descriptor (JSON).
cli-arg-socle-schemas-show-name = Registry name, e.g. deliberations or scdl/deliberations@2.1.5.
cli-about-socle-serve = Serve the publication platform (web pages) from a data folder.
cli-arg-socle-serve-bind = Address and port to listen on (default 127.0.0.1:8080). Also read from SOCLE_BIND.
cli-arg-socle-serve-data = Folder of the database and uploaded files; created when absent.
cli-arg-socle-serve-demo = Seed a demonstration catalogue and account into an empty database.
cli-about-socle-admin = Administer a platform's data folder.
cli-about-socle-admin-create-user = Create an account; the password is read from SOCLE_PASSWORD or standard input.
cli-arg-socle-admin-create-user-email = E-mail address used to sign in.
cli-arg-socle-admin-create-user-name = Name shown in the pages.
cli-arg-socle-admin-create-user-not-admin = Create an ordinary account instead of a platform administrator.
cli-about-socle-admin-set-password = Change the password of an account; the new one is read from SOCLE_PASSWORD or prompted for without echo.
cli-arg-socle-admin-set-password-email = E-mail address of the account.
cli-about-socle-admin-sweep-files = Remove stored files that no catalogue row references and that are older than a safety age.
cli-arg-socle-admin-sweep-files-dry-run = List the files that would be removed without removing them.
cli-arg-socle-admin-sweep-files-min-age-minutes = Keep unreferenced files younger than this many minutes (uploads in progress).
cli-about-socle-privacy = Find and redact personal data before publication.
cli-about-socle-privacy-scan = Find personal data (names of private persons, addresses, e-mails, phones, NIR, IBAN) in a file.
cli-arg-socle-privacy-scan-file = File to scan: CSV, TSV, XLSX, XLS or ODS.
cli-arg-socle-privacy-scan-format = Report format.
cli-arg-socle-privacy-scan-schema = Rules to apply, by schema: deliberations, subventions, marches-publics, decp-tabulaire, prenoms or generic. Without it, the rules are chosen from the file's columns.
cli-arg-socle-privacy-scan-policy = A JSON file of rules, in place of the built-in ones.
cli-about-socle-privacy-redact = Write a copy of a file with the personal data found replaced by placeholders or pseudonyms.
cli-arg-socle-privacy-redact-file = File to redact: CSV, TSV, XLSX, XLS or ODS.
cli-arg-socle-privacy-redact-output = CSV file to write (UTF-8, comma-separated). The redaction record is written beside it, as OUT.redaction.json.
cli-arg-socle-privacy-redact-schema = { cli-arg-socle-privacy-scan-schema }
cli-arg-socle-privacy-redact-policy = { cli-arg-socle-privacy-scan-policy }
cli-arg-socle-privacy-redact-pseudonym = Replace each span with a stable pseudonym instead of a placeholder; the key is read from SOCLE_PSEUDONYM_KEY.
cli-arg-socle-privacy-redact-actor = Name of the person redacting, recorded in the redaction record (default: the USER environment variable).
cli-about-socle-totem = Convert TOTEM budget files into the SCDL budget CSV.
cli-about-socle-totem-convert = Convert a TOTEM budget file (DocumentBudgetaire XML) into the SCDL budget CSV.
cli-arg-socle-totem-convert-input = TOTEM XML file (budget primitif, supplémentaire, décision modificative, compte administratif or compte financier unique).
cli-arg-socle-totem-convert-output = CSV file to write (SCDL budget schema).
cli-arg-socle-totem-convert-plans = Folder of the plans de comptes (YEAR/NORME/DECLINAISON/planDeCompte.xml).
cli-arg-socle-totem-convert-siret = SIRET to write in BGT_SIRET instead of the one of the file.
cli-about-socle-totem-plans = Manage the plans de comptes used for labels and chapters.
cli-about-socle-totem-plans-fetch = Download a plan de comptes from its official site into the plans folder.
cli-arg-socle-totem-plans-fetch-year = Budget year (exercice), e.g. 2024.
cli-arg-socle-totem-plans-fetch-norme = Nomenclature (norme), e.g. M57, M14, M4.
cli-arg-socle-totem-plans-fetch-declinaison = Variant (déclinaison), e.g. M57_P or M14_COM_SUP3500; defaults to the nomenclature.
cli-arg-socle-totem-plans-fetch-plans = Plans folder to write into (YEAR/NORME/DECLINAISON/planDeCompte.xml).
cli-arg-socle-totem-plans-fetch-base-url = Site the plans are downloaded from.
cli-about-socle-harvest = Harvest other catalogues into the platform.
cli-about-socle-harvest-preview = Show the first entries of a remote catalogue as they would be harvested.
cli-arg-socle-harvest-preview-url = Address of the catalogue: CKAN site root, DCAT file or feed, udata API root or listing, Opendatasoft portal root or DCAT export.
cli-arg-socle-harvest-preview-kind = Kind of catalogue.
cli-arg-socle-harvest-preview-format = Output format.
cli-arg-socle-harvest-preview-organization = Remote organisation to read (CKAN organisation name, udata organisation id, Opendatasoft publisher).
cli-arg-socle-harvest-preview-tags = Tag every dataset must have; repeat for several.
cli-arg-socle-harvest-preview-query = Remote query (CKAN q, udata q, Opendatasoft where clause).
cli-arg-socle-harvest-preview-allow-private = Allow loopback and private networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), for a catalogue on this machine or the intranet.
cli-arg-socle-harvest-preview-allow = Networks (CIDR) or host names to allow even though they are not public, separated by commas.
cli-about-socle-harvest-run = Run one harvest job of a source of the platform and print its outcome.
cli-arg-socle-harvest-run-source = Id of the harvest source, as shown in its page address (/moissonnage/sources/ID).

## Errors in the command's arguments

cli-usage-more = For help: { $command } --help
cli-usage-invalid-value = The value "{ $value }" is not accepted for { $arg }; possible values: { $valid }.{ $suggestion ->
        [none] {""}
       *[other] {" "}Did you mean "{ $suggestion }"?
    }
cli-usage-value-rejected = The value "{ $value }" is invalid for { $arg }: { $expected ->
        [max-errors] give a whole number from 1 to 100,000.
        [threads] give a whole number from 0 (every core) to 64.
        [year] give a year from 2000 to 2100.
        [min-age-minutes] give a whole number of minutes, at least 1.
        [bind] give an IP address and a port, e.g. 127.0.0.1:8080.
       *[other] see the command's help for the expected form.
    }
cli-usage-unknown-argument = Unexpected argument "{ $arg }".{ $suggestion ->
        [none] {""}
       *[other] {" "}Did you mean "{ $suggestion }"?
    }
cli-usage-unknown-subcommand = There is no command "{ $name }".{ $suggestion ->
        [none] {""}
       *[other] {" "}Did you mean "{ $suggestion }"?
    }
cli-usage-missing-argument = Missing required argument: { $arg }.
cli-usage-missing-subcommand = A command is expected here: { $valid }.
cli-usage-conflict = { $arg } cannot be used with { $other }: choose one of them.
cli-usage-no-equals = { $arg } expects its value after an "=" sign, e.g. { $arg }=VALUE.
cli-usage-value-count = Wrong number of values for { $arg }.
cli-usage-not-utf8 = An argument is not valid UTF-8 text.
cli-usage-invalid = The command's arguments are invalid.

## System failures (files, network, HTTP)

cli-io-failure = { $kind ->
        [not-found] no such file or folder
        [permission-denied] permission denied
        [already-exists] the file already exists
        [is-a-directory] it is a folder, not a file
        [not-a-directory] a part of the path is not a folder
        [directory-not-empty] the folder is not empty
        [storage-full] no space left on the disk
        [read-only] the file system is read-only
        [file-too-large] the file is too large
        [invalid-data] the content is invalid
        [unexpected-eof] the file ends before its expected end
        [timed-out] timed out
        [interrupted] interrupted
        [address-in-use] the address is already in use
        [address-not-available] the address does not belong to this machine
        [connection-refused] connection refused
        [connection-reset] connection closed by the other machine
        [unreachable] network or machine unreachable
        [out-of-memory] out of memory
       *[other] system error{ $code ->
            [none] {""}
           *[other] {" "}(code { $code })
        }
    }
cli-http-failure = { $kind ->
        [forbidden] the server denies access (HTTP status { $status })
        [not-found] nothing at this address (HTTP status { $status })
        [too-many-requests] the server limits the number of requests (HTTP status 429); try again later
        [client-error] the server rejects the request (HTTP status { $status })
        [server-error] the server failed (HTTP status { $status }); try again later
        [timed-out] the server did not answer in time
        [host-not-found] server name not found
        [connection-failed] cannot connect to the server
        [redirects] too many redirects, or an invalid redirect
        [bad-address] invalid web address
        [too-large] the response is too large
        [tls] the secure connection (TLS) failed
       *[other] the server sent an invalid HTTP response
    }
cli-totem-plan-too-large = the downloaded file is larger than { $limit } bytes
cli-totem-plan-empty = the downloaded file lists no account
cli-policy-not-regular = it is not a regular file
cli-policy-too-large = the file is larger than { $limit } bytes
cli-serve-port-busy = Port { $port } of { $address } is already in use by another program.
    .hint = Stop the other server, or choose another port with --bind { $ip }:{ $next }.
cli-serve-bind-failed = The server could not listen on { $address }: { $detail }.
    .hint = Choose another address with --bind (e.g. --bind 127.0.0.1:8080).
cli-data-unusable = The data folder "{ $data }" is unusable: { $detail }.
    .hint = Check the path given by --data (or SOCLE_DATA) and its write permissions.
cli-totem-plans-dir-missing = The plans de comptes folder "{ $path }" is unreadable: { $detail }.
    .hint = Check the path given by --plans (or SOCLE_TOTEM_PLANS), or download a plan with "socle totem plans fetch".

## Password change

cli-serve-data-parent-missing = The folder "{ $parent }" does not exist: the data folder cannot be created in it.
    .hint = Check the path given with --data (or SOCLE_DATA), or create that folder first.
cli-admin-no-database = No database in "{ $data }": this folder is not a socle platform's.
    .hint = Give the data folder with --data (or SOCLE_DATA).
cli-admin-user-not-found = No account has the address "{ $email }".
    .hint = Check the address; "socle admin create-user" creates an account.
cli-admin-password-prompt = New password for { $email } (at least 10 characters):{" "}
cli-admin-password-confirm = Confirm the password:{" "}
cli-admin-password-mismatch = The two passwords typed differ; the password was not changed.
cli-admin-password-unreadable = The password could not be read: { $detail }.
    .hint = Without a terminal, give the password in the SOCLE_PASSWORD variable.
cli-admin-password-failed = The password could not be changed: { $error }
cli-admin-password-set = Password changed for { $email }; its open sessions were closed.
cli-config-read = the configuration file { $path } is unreadable ({ $detail })
cli-config-parse = the configuration file { $path } is invalid{ $line ->
        [none] {""}
       *[other] {" "}at line { $line }
    } ({ $detail }). Check the TOML: text in quotes, numbers and true or false without quotes, tables in brackets such as {"["}harvest].
cli-config-value = in the configuration file { $path }, the value of "{ $key }"{ $line ->
        [none] {""}
       *[other] {" "}(line { $line })
    } is invalid ({ $detail }). Expected form: { $key ->
        [bind] an address and port in quotes, such as bind = "127.0.0.1:8080"
        [public_url] a full http or https address in quotes, such as public_url = "https://donnees.example.fr"
        [max_upload_bytes] a number of bytes without quotes, such as max_upload_bytes = 1073741824
        [secure_cookies] true or false without quotes
        [session_seconds] a number of seconds without quotes, such as session_seconds = 43200
        [smtp_url] an smtp:// or smtps:// address in quotes
        [mail_from] an e-mail address in quotes
        [fetch_allow] a list such as fetch_allow = {"["}"10.0.0.0/8", "intranet.example"], or the text "10.0.0.0/8, intranet.example"
        [allow] a list such as allow = {"["}"127.0.0.1/32", "intranet.example"], or the text "127.0.0.1/32, intranet.example"
        [fetch_timeout_seconds] a number of seconds without quotes, from 1 to 3600
        [grace_days] a number of days without quotes, such as grace_days = 7
        [workers] a number of jobs without quotes, from 1 to 16
        [page_size] a number of records per page without quotes, from 1 to 1000
        [harvest] a {"["}harvest] table followed by its keys, one per line
       *[other] a folder path in quotes
    }.
cli-config-out-of-range = { $key } is { $value }, but the value must be between { $min } and { $max }{ $key ->
        [session_seconds] {" "}seconds (5 minutes to 30 days)
        [max_upload_bytes] {" "}bytes
        [fetch_timeout_seconds] {" "}seconds
        [grace_days] {" "}days
       *[other] {""}
    }. Fix it { $key ->
        [workers] in the {"["}harvest] table of socle.toml
        [page_size] in the {"["}harvest] table of socle.toml
        [grace_days] in the {"["}harvest] table of socle.toml
        [session_seconds] in socle.toml
        [max_upload_bytes] in socle.toml or in the environment variable SOCLE_MAX_UPLOAD_BYTES
        [fetch_timeout_seconds] in socle.toml or in the environment variable SOCLE_FETCH_TIMEOUT_SECONDS
       *[other] in socle.toml
    }.
cli-config-unknown-key = the configuration file { $path } has the unknown key "{ $key }"{ $table ->
        [top] {""}
       *[other] {" "}in the table {"["}{ $table }]
    }. Accepted keys: { $known }.
cli-config-allow-entry = { $setting ->
        [fetch] the entry "{ $entry }" of fetch_allow (or SOCLE_FETCH_ALLOW)
       *[other] the entry "{ $entry }" of allow in the table {"["}harvest]
    } is neither a CIDR network, an address nor a host name. Example: { $setting ->
        [fetch] fetch_allow = {"["}"10.0.0.0/8", "127.0.0.1/32", "intranet.example"]
       *[other] allow = "10.0.0.0/8, 127.0.0.1/32, intranet.example"
    }
cli-config-env = the environment variable { $name } is "{ $value }", but must hold { $expected }

## Validating a workbook

cli-validate-other-sheets = The sheet read is "{ $read }". { $count ->
        [one] The workbook also has the sheet { $others }
       *[other] The workbook also has the sheets { $others }
    }: to validate it, run the command again with --sheet NAME, e.g. --sheet "{ $example }".
