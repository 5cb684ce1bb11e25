## Pages of the publication platform (socle serve).

server-nav-skip = Skip to content
server-nav-label = Main navigation
server-nav-home = Back to the home page
server-nav-datasets = Datasets
server-nav-organizations = Organisations
server-nav-dashboard = My space
server-nav-sign-in = Sign in
server-nav-sign-out = Sign out ({ $name })
server-nav-other-language = Français
server-footer-text = socle: open data platform for local authorities. Works offline, with no third-party service.
server-breadcrumb-label = Breadcrumb

server-home-title = Open data of local authorities
server-home-lead = Find and download the data published by communes, EPCIs and départements.
server-home-latest = Latest datasets
server-home-empty = No dataset published yet.
server-home-organizations = Organisations

server-search-title = Search data
server-search-label = Search for a dataset
server-search-button = Search
server-search-filters = Refine
server-search-count = Results: { $count }
server-facet-organisation = Organisation
server-facet-tag = Tag
server-facet-format = Format
server-facet-licence = Licence
server-facet-schema = Schema
server-facet-validite = Validity
server-facet-remove = (remove this filter)
server-pagination-label = Result pages
server-pagination-previous = Previous page
server-pagination-next = Next page
server-pagination-page = Page { $page } of { $count }

server-validity-unknown = Not checked
server-validity-valid = Matches its schema
server-validity-valid-no-schema = Well-formed, no schema
server-validity-invalid = Does not match its schema
server-status-none = Not validated (no schema, or not a table)
server-status-pending = Validation queued
server-status-running = Validation running
server-status-valid = Valid file
server-status-valid-no-schema = Readable table, no schema declared
server-status-invalid = Invalid file
server-status-failed = Unreadable file

server-dataset-draft = Draft
server-dataset-private = Private
server-dataset-add-file = Add a file
server-dataset-publish = Publish
server-dataset-unpublish = Back to draft
server-dataset-metadata = Information
server-dataset-resources = Files
server-dataset-no-resources = No file yet.
server-resource-file = File
server-resource-format = Format
server-resource-size = Size
server-resource-validation = Validation
server-resource-download = Download
server-resource-download-file = Download { $name }
server-preview-title = Preview of { $name }
server-preview-caption = { $rows ->
    [1] The first row of the file
   *[other] The first { $rows } rows of the file
}
server-preview-more = The file has more rows: download it to see them all.

server-field-organization = Organisation
server-field-title = Title
server-field-description = Description
server-field-description-help = Markdown text: lists, links, bold.
server-field-licence = Licence
server-field-tags = Tags
server-field-tags-help = Separated by commas.
server-field-frequency = Update frequency
server-field-temporal = Period covered
server-field-temporal-start = From
server-field-temporal-end = To
server-field-spatial = Spatial coverage
server-field-spatial-help = Codes separated by commas: commune:42218, epci:244200770, departement:42.
server-spatial-commune = Municipality (INSEE code { $code })
server-spatial-epci = Inter-municipal body (SIREN { $code })
server-spatial-departement = Département { $code }
server-field-contact = Contact
server-field-contact-name = Contact name
server-field-contact-email = Contact e-mail address
server-field-schema = Schema
server-field-private = Private dataset (visible only to members of the organisation)
server-field-modified = Updated on
server-field-origin = Origin
server-origin-harvested = Harvested from the source "{ $source }"
server-origin-modified = modified at the source on
server-origin-record = see the original record
server-field-identifier = Identifier
server-field-email = E-mail address
server-field-name = Name
server-field-siren = SIREN
server-field-password = Password
server-field-display-name = Display name

server-frequency-UNKNOWN = Unknown
server-frequency-CONT = Continuous
server-frequency-DAILY = Daily
server-frequency-WEEKLY = Weekly
server-frequency-MONTHLY = Monthly
server-frequency-QUARTERLY = Quarterly
server-frequency-ANNUAL_2 = Twice a year
server-frequency-ANNUAL = Annual
server-frequency-BIENNIAL = Every two years
server-frequency-TRIENNIAL = Every three years
server-frequency-IRREG = Irregular
server-frequency-NEVER = Never
server-frequency-OTHER = Other

server-organization-kind-commune = Municipality (commune)
server-organization-kind-epci = Inter-municipal body (EPCI)
server-organization-kind-departement = Department (département)
server-organization-kind-region = Region
server-organization-kind-syndicat = Joint local authority body (syndicat)
server-organization-kind-etablissement-public = Public body
server-organization-kind-other = Other
server-organizations-title = Organisations
server-organization-datasets = Datasets ({ $count })
server-role-admin = administrator
server-role-editor = editor
server-role-member = member

server-login-title = Sign in
server-login-email = E-mail address
server-login-password = Password
server-login-submit = Sign in
server-login-failed = Wrong e-mail address or password.

server-dashboard-title = My space
server-dashboard-new-dataset = Create a dataset
server-dashboard-empty = This organisation has no dataset yet.
server-dashboard-no-organization = You are not a member of any organisation: ask an administrator to add you.

server-new-title = Create a dataset
server-new-template = Start from an SCDL template
server-new-template-help = Choosing a template fills in the title, description, tags, schema and frequency.
server-new-template-none = No template
server-new-template-apply = Use this template
server-new-no-organization = You must be an editor of an organisation to create a dataset.
server-new-submit = Create the dataset

server-upload-title = Upload a file
server-upload-lead = Add a file to the dataset "{ $title }". It is checked automatically.
server-upload-choose = Choose a file or drop it here
server-upload-help = CSV, TSV, XLSX, XLS or ODS tables, validated; TOTEM budgets in XML, converted; other files (JSON, PDF, ZIP…) published without validation. Up to { $size }.
server-upload-progress = Uploading
server-upload-submit = Upload the file

server-report-title = Validation report: { $name }
server-report-running = The check is running; this page refreshes by itself.
server-report-rows = Rows read
server-report-errors = Errors found
server-report-encoding = Encoding
server-report-delimiter = Delimiter
server-report-truncated = The check stopped at the maximum number of errors: fix these, then upload the file again.
server-report-by-column = Problems by column
server-report-column = Column "{ $name }"
server-report-file-level = File and header
server-report-occurrences = { $count ->
        [one] once
       *[other] { $count } times
    }
server-report-how-to-fix = How to fix:
server-report-rows-caption = Rows and values concerned
server-report-row = Row
server-report-cell = Value
server-report-warnings = Warnings
server-report-next = What next?
server-report-normalise = Convert to comma-separated UTF-8 CSV
server-report-publish = Publish the dataset
server-report-publish-anyway = Publish anyway, with this report
server-report-reupload = Fix and replace this file

server-error-title = An error occurred
server-error-title-400 = Request to correct
server-error-title-403 = Access denied
server-error-title-404 = Page not found
server-error-title-413 = File too large
server-error-forbidden-hint = This page or action is for the editors or administrators of the organisation concerned, or for the platform's administrators. Ask your organisation's administrator for that role.
server-error-malformed-request = The request is incomplete or malformed: reload the page, then send the form again.
server-error-not-found = This page does not exist, or you are not allowed to see it.
server-error-forbidden = You are not allowed to do this.
server-error-csrf = The form has expired: reload the page and try again.
server-error-too-large = The file is larger than the maximum size allowed.
server-error-internal = Internal server error. The incident was logged; try again later.
server-error-upload-form = The upload form is incomplete: choose a file and try again.
server-error-upload-interrupted = The upload was interrupted: try again.
server-error-upload-empty = The uploaded file is empty.
server-error-normalise-unreadable = The file could not be read for conversion.

server-cli-failed = the server stopped on an error: { $error }
server-cli-config-invalid = invalid configuration: { $error }
server-cli-user-created = Account created: { $email }
server-cli-admin-created = Platform administrator account created: { $email }. It manages organisations and their members at /administration.
server-cli-user-failed = the account could not be created: { $error }
server-cli-password-prompt = Password (at least 10 characters):

server-nav-admin = Administration
server-admin-title = Platform administration
server-admin-new-organization = Create an organisation
server-admin-kind = Kind of organisation
server-admin-create = Create the organisation
server-admin-member = Give a user a role
server-admin-role = Role
server-admin-save-member = Save the role
server-admin-unknown-user = No account has this e-mail address: create it first with "socle admin create-user".

server-link-title = Or: give the address of a file published elsewhere
server-link-url = File address (URL)
server-link-name = Display name
server-link-submit = Add the link
server-error-link-invalid = The address must start with https:// or http:// and contain no space.

server-dataset-edit = Edit the information
server-edit-title = Edit the dataset
server-edit-submit = Save the changes

# Personal data found in an uploaded file, and the confirmation needed to publish it.
server-privacy-title = Personal data
server-privacy-capped = Only the first { $shown } of { $total } findings are listed.
server-privacy-confirmed = Publication confirmed by { $user } on { $at }.
server-privacy-confirm-label = I confirm that the personal data reported may be published (elected official acting in office, legal person, consent of the person).
server-error-privacy-confirmation-required = A file of this dataset contains personal data: open its validation report and tick the confirmation box before publishing.
server-error-privacy-scan-running = A file of this dataset is still being checked: wait until its validation report is complete, then publish.
server-privacy-publish-redacted = Replace with a redacted version
server-privacy-private-resource = This file is private: only the organisation's editors see it, and it is not published with the dataset.
server-error-redact-failed = The redacted version could not be written because the original file could not be read again. Upload it again, then retry.
server-resource-private = private

server-budget-title = TOTEM budget file
server-budget-publish = Publish the budget as SCDL CSV
server-budget-error = This TOTEM file cannot be converted:
server-budget-plans-missing = No plans de comptes are loaded (the totem_plans setting is missing or its folder cannot be read): account labels and chapters will be empty, and the published CSV will not conform to the budget schema. To get them: socle totem plans fetch --year YEAR --norme NORME --declinaison VARIANT --plans FOLDER, then set that folder as totem_plans (SOCLE_TOTEM_PLANS) and restart.
server-budget-warnings = Found during the conversion:
server-budget-more-warnings = … and { $count } more not shown.
server-budget-not-totem = This file is not a TOTEM budget document (DocumentBudgetaire or CompteFinancierUnique).

## Personal-data hold on files of published datasets, file deletion and replacement.
server-privacy-held = This file is not public: it was added to a published dataset and stays visible to editors only until the personal-data check is done or, when the check requires it, until an editor confirms it.
server-privacy-unscanned = The personal-data check could not read this file. Check it yourself: it will only be published after an editor confirms it.
server-privacy-unscanned-confirmed = Publication without an automatic check confirmed by { $user } on { $at }.
server-privacy-confirm-unscanned-label = I checked this file myself and confirm that it may be published.
server-privacy-confirm-submit = Confirm and publish this file
server-privacy-confirm-all-label = I confirm that the files listed below may be published despite their personal data or the missing automatic check.
server-error-privacy-box-unticked = The confirmation box is not ticked: tick it to publish this file.
server-error-resource-validating = This file is still being validated: wait until its report is complete, then replace it.
server-privacy-awaiting-scanning = personal-data check running
server-privacy-awaiting-needs_confirmation = personal data to be confirmed by an editor
server-privacy-awaiting-unscanned = check impossible, an editor's confirmation is required
server-privacy-awaiting-cleared = checked
server-dataset-awaiting-title = Files awaiting the personal-data check
server-dataset-awaiting-held = It is not public meanwhile.
server-publication-blocked-title = Publication not possible yet
server-publication-blocked-lead = The dataset “{ $title }” is not published: open the report of each file below, then confirm its personal data or wait until its check is done.
server-publication-blocked-back = Back to the dataset
server-resource-delete = Delete this file
server-resource-delete-title = Delete the file “{ $name }”
server-resource-delete-lead = The file will be removed from the dataset “{ $dataset }”: it will no longer be listed or downloadable. This cannot be undone.
server-resource-delete-submit = Delete for good
server-resource-delete-cancel = Cancel
server-resource-replace-title = Replace the file “{ $name }”
server-resource-replace-lead = The new file keeps the download address of the old one. It is validated and checked again.
server-resource-replace-published = The dataset is published: while the new file is checked, neither the old nor the new file can be downloaded by the public.
server-resource-replace-submit = Replace the file
server-status-none-fetch-failed = Not validated: the remote file could not be fetched (see the report)
server-status-none-not-fetched = Not validated: remote file not fetched yet
server-status-none-not-scheduled = Not validated: file served by its original publisher, which the platform does not fetch on its own
server-status-none-not-table = Not validated: the { $format } format is not a table
server-status-none-totem = Not validated: TOTEM budget file (XML), convert it to an SCDL CSV from its report
