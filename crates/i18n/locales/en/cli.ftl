# Messages of the socle command line (English).

cli-error-prefix = Error:
cli-schema-warning-prefix = Schema warning:
cli-file-unreadable = The file "{ $file }" could not be validated.
cli-schema-not-found = The schema "{ $reference }" was not found: it is neither a bundled schema, nor an existing file, nor an https:// address.
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
