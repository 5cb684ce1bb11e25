# Messages of the personal-data scan and redaction (English).

privacy-kind-person = person's name
privacy-kind-address = postal address
privacy-kind-email = e-mail address
privacy-kind-phone = phone number
privacy-kind-nir = social security number (NIR)
privacy-kind-iban = IBAN
privacy-kind-rib = RIB (French bank details)
privacy-kind-birth-date = date of birth

privacy-category-private = private individual
privacy-category-agent = staff member
privacy-category-official = official acting in office
privacy-category-sole_trader = sole trader
privacy-category-unknown = unqualified person

privacy-confidence-high = high confidence
privacy-confidence-medium = medium confidence
privacy-confidence-low = low confidence

privacy-finding = Row { $row }, column "{ $column }": { $kind ->
        [person] person's name
        [address] postal address
        [email] e-mail address
        [phone] phone number
        [nir] social security number (NIR)
        [iban] IBAN
        [rib] RIB (French bank details)
        [birth_date] date of birth
       *[other] personal data
    } ({ $confidence ->
        [high] high confidence
        [medium] medium confidence
       *[low] low confidence
    }) in "{ $excerpt }".
    .hint = Mask it with "socle privacy redact", or confirm that it may be published (official acting in office, legal person, consent of the person).

privacy-summary = { $count ->
        [0] No personal data found
        [one] 1 personal data item found
       *[other] { $count } personal data items found
    } in { $records ->
        [one] 1 row
       *[other] { $records } rows
    } (rules "{ $policy }"){ $count ->
        [0] .
       *[other] . None blocks publication (medium confidence, or officials in office): read them, and publish a redacted version if they name private persons.
    }
privacy-summary-confirm = { $count ->
        [one] 1 personal data item found
       *[other] { $count } personal data items found
    } in { $records ->
        [one] 1 row
       *[other] { $records } rows
    } (rules "{ $policy }"), { $high } with high confidence: publishing requires an editor's explicit confirmation.
    .hint = Publish the masked copy made by "socle privacy redact", or confirm that this data may be published.

privacy-error-policy-json = The privacy rules are not valid JSON: { $detail }.
    .hint = Check the syntax of the rules file (fields name, columns, other_columns, min_confidence, report_officials).
privacy-error-policy-name = The privacy rules have no name.
    .hint = Fill in the "name" field.
privacy-error-policy-duplicate-column = The privacy rules name column "{ $column }" twice.
    .hint = Keep one rule per column.
privacy-error-policy-unknown-schema = No built-in privacy rules for schema "{ $schema }".
    .hint = Available schemas: { $known }. You can also supply your own rules as JSON.
