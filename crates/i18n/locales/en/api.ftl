# CKAN-compatible Action API and socle's API documentation page.

## Errors of the Action API

api-error-not-found = Not found: nothing visible has this identifier. Check the id or name, and the token if the item is private.
api-error-missing = Missing value: give "{ $field }".
api-error-too-large = The request body exceeds the limit of { $limit } bytes: send less content.
api-error-not-text = The value "{ $value }" is not text: send a string.
api-error-not-boolean = The value "{ $value }" is not a boolean: use true or false.
api-error-not-integer = The value "{ $value }" is not a whole number: use, for example, 10.
api-error-not-natural = The value { $value } is negative: use a whole number of zero or more.
api-error-not-list = The value "{ $value }" is not a list: send a JSON list such as ["tags"].
api-error-query-quote = Unclosed quote in "{ $clause }": close the quoted value.
api-error-query-syntax = Query not understood: "{ $clause }". Write field:value or field:"value with spaces".
api-error-query-unsupported = Unsupported operator: "{ $clause }". socle combines clauses with AND; remove negations and ORs.
api-error-query-field = Unknown filter field: "{ $field }". Accepted fields: { $fields }.
api-error-sort = Sort not understood: "{ $clause }". Write a field (score, metadata_modified, metadata_created, title_string, name) followed by asc or desc.
api-error-facet-field = Unknown facet: "{ $field }". Available facets: { $fields }.
api-error-token-required = This action needs an API token in the Authorization header. Create one in your space, on the "API tokens" page.
api-error-token-invalid = The API token sent is unknown or revoked: create a new one in your space.
api-error-method = Unsupported HTTP method: use GET or POST.
api-error-unknown-action = Unknown action: "{ $action }". The list of actions is on the /api page.
api-error-post-required = The action { $action } changes the catalogue: send it with POST.
api-error-query-string = The query string is badly encoded: URL-encode the parameters.
api-error-multipart = The multipart body is invalid or interrupted: send the whole form again.
api-error-form = The form is badly encoded: encode it as application/x-www-form-urlencoded.
api-error-json-object = The JSON body must be an object, such as {"{"}"id": "my-dataset"{"}"}.
api-error-json = Invalid JSON at line { $line }, column { $column }: fix the syntax of the request body.
api-error-organization-sort = Sort not understood: "{ $value }". Use name, title or package_count, followed by asc or desc.
api-error-name-invalid = The name must have 2 to 100 characters among lower-case unaccented letters, digits, "-" and "_".
api-error-name-taken = This name is already used by another dataset: choose another one.
api-error-frequency = Unknown frequency: "{ $value }". Use a code or URI of the EU frequency vocabulary (ANNUAL, MONTHLY…) or of Dublin Core.
api-error-schema = Unknown schema: "{ $value }". Give its schema.data.gouv.fr URL or the name of a schema the platform offers.
api-error-tag = Invalid tag: { $value }. Send {"{"}"name": "tag"{"}"} or non-empty text.
api-error-extra-shape = Invalid extra: { $value }. Each extra has the form {"{"}"key": …, "value": …{"}"}.
api-error-licence = Unknown licence: "{ $value }". Accepted licences: { $licences }.
api-error-extra-unknown = The extra "{ $key }" is not stored by socle: remove it. Accepted extras: { $keys }.
api-error-state = Unsupported state: "{ $value }". Use active or draft; to delete, call package_delete.
api-error-resource-shape = Each resource must be a JSON object with at least a "url".
api-error-organization = Organisation not found: "{ $value }". Give the id or name of an existing organisation.
api-error-not-editor = You are not an editor of this dataset's organisation: ask an administrator for that role.
api-error-owner-change = A dataset cannot change organisation: remove owner_org or give the current one ("{ $value }" received).
api-error-not-platform-admin = Only platform administrators may do this.
api-error-organization-kind = Unknown organisation kind: "{ $value }". Use commune, epci, departement, region, syndicat, etablissement-public or other.
api-error-not-organization-admin = Only administrators of this organisation or of the platform manage its members.
api-error-user-not-found = No account has the address "{ $value }": the user name is the account's e-mail address.
api-error-role = Unknown role: "{ $value }". Use member, editor or admin.
api-error-upload-twice = One "upload" file per call: send other files one at a time.
api-error-upload-empty = The file sent is empty: choose a file that contains data.
api-error-field-too-large = Field too long: { $limit } bytes at most.
api-error-url = Invalid link: "{ $value }". Give an http:// or https:// address without spaces, of at most 2,000 characters.

api-site-description = Open data platform for local authorities, compatible with the CKAN API.

## The /api page

api-page-title = Platform API
api-page-intro = The platform publishes its catalogue in two ways: the CKAN Action API (read and write), used by business software and data.gouv.fr's harvester, and a DCAT-AP catalogue.
api-page-openapi-link = OpenAPI 3.1 description (JSON)
api-page-ckan-title = CKAN API
api-page-ckan-intro = Actions answer JSON in CKAN's envelope: help, success, then result or error. Read actions accept GET and POST; write actions need POST with a JSON body, a form or a multipart upload.
api-page-ckan-base = Address of the actions:
api-page-read-title = Read the catalogue
api-page-write-title = Publish
api-page-token-intro = Writing needs an API token, sent in the Authorization header (as is or after "Bearer"). An editor writes the datasets of their organisations.
api-page-token-link = Create a token in your space
api-page-upload-note = An uploaded file takes the same path as in the web interface: size limit, background validation against the dataset's schema, then the personal data scan. The answer gives validation_status and validation_report_url.
api-page-actions-title = Available actions
api-page-action = Action
api-page-access = Access
api-page-description = Description
api-page-access-read = read
api-page-access-write = write (token)
api-page-errors-title = Errors
api-page-errors = CKAN's statuses: 404 "Not Found Error", 403 "Authorization Error", 409 "Validation Error" (one list of messages per field), 400 for an unknown action, invalid JSON or a malformed search. Messages are in French, in English with the header Accept-Language: en.
api-page-differences-title = Known differences from CKAN
api-page-difference-hidden = A private dataset, a draft or a deleted dataset answers "Not Found Error" to callers without the right, rather than "Authorization Error", so its existence is not revealed.
api-page-difference-query = There is no Solr: q and fq accept words and field:value clauses combined with AND; negations, ORs and ranges are rejected with a message.
api-page-difference-update = package_update keeps the licence and frequency when they are absent, and changes resources only when the resources key is present.
api-page-difference-spatial = Spatial coverage is a set of codes (commune:42218…), published in the spatial-text extra; there is no spatial geometry.
api-page-difference-groups = The platform has no groups: group_list returns an empty list.
api-page-dcat-title = DCAT-AP catalogue
api-page-dcat-intro = The catalogue of public datasets is published as DCAT-AP in Turtle, RDF/XML and JSON-LD, in pages linked by hydra:next, with each file's schema (dct:conformsTo).

api-action-status_show = Name, address and version of the platform.
api-action-help_show = Summary of an action.
api-action-package_list = Names of public datasets.
api-action-package_search = Search with words, filters, sort, paging and facets.
api-action-package_show = One dataset and its resources.
api-action-current_package_list_with_resources = Datasets with their resources, most recent first.
api-action-organization_list = Organisations, with their dataset counts (all_fields).
api-action-organization_show = One organisation, with its datasets (include_datasets).
api-action-group_list = Always empty: no groups.
api-action-tag_list = Tags of public datasets.
api-action-license_list = Licences offered.
api-action-resource_show = One resource.
api-action-package_create = Creates a dataset.
api-action-package_update = Replaces a dataset.
api-action-package_patch = Changes only the keys sent of a dataset.
api-action-package_delete = Deletes a dataset.
api-action-resource_create = Adds a link or a file, then validates it.
api-action-resource_update = Replaces a resource; a new file is validated again.
api-action-resource_patch = Changes only the keys sent of a resource.
api-action-resource_delete = Removes a resource.
api-action-organization_create = Creates an organisation (platform administrators).
api-action-organization_member_create = Adds a member or changes their role.
api-action-organization_member_delete = Removes a member.

## API tokens page

api-tokens-title = API tokens
api-tokens-intro = A token lets software publish on your behalf through the CKAN API, with your rights. Name each token after where it is used, and revoke those no longer in use.
api-tokens-doc-link = API documentation
api-tokens-dashboard-link = API tokens
api-tokens-name-label = Token name
api-tokens-new = New token
api-tokens-create = Create the token
api-tokens-created = Here is your new token:
api-tokens-created-once = Copy it now: it will not be shown again. The platform keeps only a hash of it.
api-tokens-list = Your tokens
api-tokens-created-at = Created
api-tokens-last-used = Last used
api-tokens-status = Status
api-tokens-never-used = never
api-tokens-revoked = revoked on { $date }
api-tokens-revoke = Revoke
api-tokens-none = You have no token yet.
api-dataset-archived = This dataset is archived: its source no longer publishes it. It can still be read but no longer appears in search or feeds.
