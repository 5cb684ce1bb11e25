## Problems with values entered in the publication platform.

catalog-error-required = this field is required.
catalog-error-too-long = the text is too long (200 characters at most).
catalog-error-licence = choose a licence from the list.
catalog-error-frequency = choose a frequency from the list.
catalog-error-date = the date must be in YYYY-MM-DD form.
catalog-error-spatial = each code must look like commune:42218, epci:244200770 or departement:42.
catalog-error-email = the e-mail address is invalid.
catalog-error-email-taken = an account already exists with this e-mail address.
catalog-error-control = the text holds an invisible character (a control or direction override character): type it again or paste it as plain text.
catalog-error-tags = at most 30 tags, of at most 60 characters each.
catalog-error-siren = the SIREN must have 9 digits with a valid check digit.
catalog-error-password-short = the password must have at least 10 characters.
