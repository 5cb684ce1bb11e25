# Messages of the socle command line (English).

cli-error-prefix = Error:
cli-schema-warning-prefix = Schema warning:
cli-file-unreadable = The file "{ $file }" could not be validated.
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
