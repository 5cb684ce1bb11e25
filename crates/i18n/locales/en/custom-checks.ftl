# Validata's custom checks (the `custom_checks` of a schema): findings in the data and
# problems in the declarations. Each message has a `.hint` that says how to fix it.

## SIRET and SIREN

check-siret-checksum = The SIRET "{ $value }" in column { $column } is invalid: its check digit is wrong.
    .hint = Look the number up in the French company register; a SIRET has 14 digits, without spaces, and its first 9 digits are the SIREN.
check-siret-length = The SIRET "{ $value }" in column { $column } has { $digits } digits instead of 14.
    .hint = Enter the 14 digits of the SIRET as text: a spreadsheet that stores it as a number may drop leading zeros or add ".0".
check-siret-characters = The SIRET "{ $value }" in column { $column } contains characters other than digits.
    .hint = A SIRET contains only 14 digits; remove letters, hyphens and other signs (spaces and dots are tolerated).
check-siren-checksum = The SIREN "{ $value }" in column { $column } is invalid: its check digit is wrong.
    .hint = Look the number up in the French company register; a SIREN has 9 digits, without spaces.
check-siren-length = The SIREN "{ $value }" in column { $column } has { $digits } digits instead of 9.
    .hint = A SIREN has 9 digits; a SIRET (14 digits) is not expected in this column.
check-siren-characters = The SIREN "{ $value }" in column { $column } contains characters other than digits.
    .hint = A SIREN contains only 9 digits; remove letters, hyphens and other signs (spaces and dots are tolerated).

## ACTES nomenclature

check-actes-slash-missing = The matter "{ $value }" in column { $column } has no slash "/" between the matter and the sub-matter.
    .hint = Write the ACTES matter, a slash, then the sub-matter, for example "Finances locales/Fiscalité".
check-actes-space-around-slash = The matter "{ $value }" in column { $column } has a space before or after the slash "/".
    .hint = Write the slash right after the matter and right before the sub-matter, for example "Finances locales/Fiscalité".
check-actes-unknown-matter = "{ $matter }", in "{ $value }" of column { $column }, is not a matter of the ACTES nomenclature.
    .hint = The part before "/" must be one of the 9 matters: Commande publique, Urbanisme, Domaine et patrimoine, Fonction publique, Institutions et vie politique, Libertés publiques et pouvoirs de police, Finances locales, Domaines de compétences par thèmes, Autres domaines de compétences.

## GPS coordinates

check-gps-outside-france = The point in column { $column } (longitude { $lon }, latitude { $lat }) is neither in metropolitan France nor in an overseas department.
    .hint = Check the coordinates: longitude then latitude, in decimal degrees, with a dot as decimal separator.
check-gps-reversed = The point in column { $column } (longitude { $lon }, latitude { $lat }) looks reversed: with longitude and latitude swapped, it falls in France.
    .hint = Write the longitude first, then the latitude (for example "2.2945, 48.8584" for Paris).

## Year interval

check-year-interval-format = The value "{ $value }" in column { $column } is not a year interval of the form YYYY/YYYY.
    .hint = Write two 4-digit years separated by a slash, without spaces, for example "2023/2024".
check-year-interval-format-or-year = The value "{ $value }" in column { $column } is neither a year YYYY nor a year interval YYYY/YYYY.
    .hint = Write a 4-digit year, for example "2024", or two years separated by a slash, for example "2023/2024".
check-year-interval-same-years = The interval "{ $value }" in column { $column } starts and ends in the same year ({ $year }).
    .hint = For a single year, write only the year if the schema allows it; otherwise give two different years.
check-year-interval-reversed = In the interval "{ $value }" of column { $column }, the second year ({ $second }) comes before the first ({ $first }).
    .hint = Write the earlier year first: "{ $second }/{ $first }".

## Relations between columns

check-sum-mismatch = The value "{ $value }" in column { $column } should be the sum of columns { $columns }, which is { $sum }.
    .hint = Correct the total or one of the summed values on this row.
check-compare-failed = The value "{ $value }" in column { $column } should be { $relation ->
        [greater] greater than
        [greater-or-equal] greater than or equal to
        [equal] equal to
        [less-or-equal] less than or equal to
       *[less] less than
    } the value "{ $value2 }" in column { $column2 }.
    .hint = Correct one of the two values on this row.
check-compare-incomparable = The value "{ $value }" in column { $column } cannot be compared with the value "{ $value2 }" in column { $column2 }.
    .hint = Both columns must hold values of the same kind: two numbers, two dates or two texts.
check-cohesive-mixed = Columns { $columns } must be all filled or all empty. On this row, filled: { $filled }; empty: { $empty }.
    .hint = Fill in { $empty } as well, or empty { $filled }.
check-cohesive-header = Columns { $columns } must be all present in the file or all absent; { $absent } are missing.
    .hint = Add the missing columns (they may be empty), or remove the others.
check-one-of-required-empty = At least one of the columns { $column1 } and { $column2 } must be filled on this row.
    .hint = Fill in { $column1 } or { $column2 } (or both).
check-one-of-required-header = Columns { $column1 } and { $column2 } are both missing from the file; one of them is required.
    .hint = Add at least column { $column1 } or column { $column2 }, and fill it in.

## Phone numbers and opening hours

check-phone-invalid = "{ $value }", in column { $column }, is not a valid phone number.
    .hint = Write a 10-digit French number ("01 99 00 27 37"), an international number with its country code ("+33 1 99 00 27 37"), or a short number ("115", "3949").
check-opening-hours-invalid = The opening hours "{ $value }" in column { $column } do not follow the OpenStreetMap opening_hours syntax (error at character { $position }).
    .hint = Use two-letter English day names and 4-digit times, with rules separated by "; " (semicolon and space), for example "Mo-Fr 08:00-12:00,14:00-18:00; Sa 09:00-12:00; PH off".

## Declarations in the schema

check-declaration-unknown = The schema declares an unknown check "{ $check }" ({ $pointer }); it is not applied.
    .hint = Correct the check name in the schema (for example "siret", "compare-columns-value") or remove the declaration.
check-declaration-param-missing = Check "{ $check }" in the schema ({ $pointer }) has no "{ $param }" parameter; it is not applied.
    .hint = Add the "{ $param }" parameter to the declaration's "params".
check-declaration-param-invalid = Parameter "{ $param }" of check "{ $check }" in the schema ({ $pointer }) is { $value }, { $expected ->
        [column-name] but a column name is expected
        [column-list] but a list of column names is expected
        [boolean] but "true" or "false" is expected
       *[operator] but one of the operators >, >=, ==, <=, < is expected
    }; the check is not applied.
    .hint = Correct the parameter's value in the schema.
check-declaration-column-unknown = Check "{ $check }" in the schema ({ $pointer }) is on column "{ $column }" (parameter "{ $param }"), which is not in the schema; it is not applied.
    .hint = Correct the column name in the declaration: it must be exactly the name of a schema field.
check-declaration-field-type = Check "{ $check }" in the schema ({ $pointer }) does not apply to column { $column }, of type { $type }; { $expected ->
        [geopoint] it needs a geopoint field
        [numeric] it needs integer, number or year fields
       *[comparable] it needs fields whose values can be compared (numbers, texts, dates, times, booleans)
    }. The check is not applied.
    .hint = Change the field's type in the schema or remove the check.
check-deprecated = The schema uses check "{ $check }", replaced by "{ $replacement }"; it is applied under its new name.
    .hint = Replace "{ $check }" with "{ $replacement }" in the schema.
check-unsupported = The schema declares check "{ $check }", which socle cannot apply yet; it is skipped.
    .hint = The other checks are done; this one can be checked with Validata.
