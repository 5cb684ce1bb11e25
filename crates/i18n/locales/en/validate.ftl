# Validation report messages (English). Each message may have a .hint attribute that
# says how to fix the problem.

## Titles of the error types, shown beside each finding.

title-type-error = Value of an unexpected type
title-constraint-error = Schema rule not met
title-missing-cell = Missing cell
title-extra-cell = Extra cell
title-blank-row = Blank row
title-blank-header = Blank header
title-blank-label = Blank column name
title-duplicate-label = Duplicate column name
title-missing-label = Missing column
title-extra-label = Column not in the schema
title-unmatched-header = Header unrelated to the schema
title-disordered-header = Columns in a different order
title-unique-error = Duplicate value
title-primary-key = Primary key violated
title-foreign-key = Reference not found
title-encoding-error = Unreadable characters
title-control-character = Control character
title-source-error = Unreadable file
title-spreadsheet-error-cell = Spreadsheet error cell
title-custom-check-error = Invalid format
title-check-error = Unusable schema check
title-year-interval-value = Incorrect year interval
title-sum-columns-value = Incorrect sum
title-compare-columns-value = Column comparison not met
title-cohesive-columns-value = Columns to fill in together
title-one-of-required = One of two columns is required
title-phone-number-value = Incorrect phone number
title-opening-hours-value = Incorrect opening hours
title-french-gps-coordinates = Coordinates outside France
title-reversed-french-gps-coordinates = Longitude and latitude swapped
title-deprecated-custom-check = Renamed schema check
title-unsupported-custom-check = Unsupported schema check

## Header

blank-header = The first line of the file is empty: it should hold the column names.
    .hint = Remove the empty lines at the top of the file so that the first line names every column.
blank-label = Column { $position } has no name.
    .hint = Name this column in the first line, or remove it if it is empty.
duplicate-label = The column name "{ $label }" appears twice (columns { $first } and { $position }).
    .hint = Rename or remove one of the two columns: every column name must be unique.
unmatched-header = No column of the file has a name that the schema expects.
    .hint = { $case ->
        [yes] The names differ only in upper and lower case: write them exactly as the schema does ({ $expected }), or validate with the --ignore-header-case option.
       *[other] Check that you chose the right schema. The first line must hold the exact column names: { $expected }.
    }
missing-label-required = The required column "{ $field }" is missing from the file.{ $suggestion ->
        [none] {""}
       *[other] {" "}Did you mean "{ $suggestion }"?
    }
    .hint = Add a column named exactly "{ $field }" in the first line, or rename the column that stands for it.
missing-label-optional = The optional column "{ $field }" is missing from the file.{ $suggestion ->
        [none] {""}
       *[other] {" "}Did you mean "{ $suggestion }"?
    }
    .hint = You may add a column "{ $field }", even empty, to follow the full schema.
extra-label = The column "{ $label }" is not part of the schema; its content is not checked.{ $suggestion ->
        [none] {""}
       *[other] {" "}Did you mean "{ $suggestion }"?
    }
    .hint = Rename it if it matches a schema column, otherwise remove it before publishing.
disordered-header = All columns are present, but in another order than the schema's.
    .hint = Preferably put the columns in the schema's order: { $expected }.

## Rows and cells

blank-row = This row is empty.
    .hint = Remove the row, or fill it in if data is missing.
missing-cell = The row ends before column "{ $field }": a cell is missing.
    .hint = Check the row's separators: a cell was probably forgotten or merged with its neighbour.
extra-cell = The row has more cells than the header ({ $width } columns): "{ $value }" is extra.
    .hint = Check the separators: a value containing the separator must be enclosed in double quotes.
encoding-error = This row contains bytes that are unreadable in the file's encoding; they were replaced with "�".
    .hint = Save the file as UTF-8 (in Excel: "Save As", type "CSV UTF-8").
control-character = The cell contains an invisible control character ({ $code }, position { $position }).
    .hint = Remove this character: it often comes from a copy and paste or a faulty export.
spreadsheet-error-cell = The cell holds a spreadsheet error ("{ $value }").
    .hint = Fix the formula in the spreadsheet or replace it with its value.

## Types

type-error-string = The value "{ $value }" is not { $format ->
        [email] a valid e-mail address
        [uri] a valid web address (it must start with https:// or http://)
        [uuid] a valid UUID
        [binary] valid base64 content
       *[other] valid text
    }.
    .hint = { $format ->
        [email] Write an address such as name@domain.fr, without spaces.
        [uri] Write the full address, for example https://www.example.fr/page.
        [uuid] A UUID has 32 hexadecimal digits, for example 3f2b8c1e-0a4d-4c5e-9f7a-2b1c3d4e5f60.
       *[other] Check the cell's content.
    }
type-error-number = The value "{ $value }" is not a number.
    .hint = { $hint ->
        [decimal-comma] Use a dot as the decimal separator: "{ $corrected }".
        [thousands-separator] Do not use a thousands separator: write the digits without spaces or dots.
        [surrounding-spaces] Remove the spaces around the number.
       *[other] Write a number with a decimal dot, without unit or spaces, for example 1234.56.
    }
type-error-integer = The value "{ $value }" is not a whole number.
    .hint = { $hint ->
        [surrounding-spaces] Remove the spaces around the number.
        [thousands-separator] Do not use a thousands separator: write the digits without spaces or dots.
        [not-an-integer] This column expects a whole number: remove the decimal part (12, not 12.0).
       *[other] Write a whole number without decimals, unit or spaces, for example 42.
    }
type-error-boolean = The value "{ $value }" is not an accepted yes/no value.
    .hint = { $hint ->
        [surrounding-spaces] Remove the spaces around the value. Accepted values: { $true } for yes; { $false } for no.
       *[other] Write one of the accepted values: { $true } for yes; { $false } for no (case matters).
    }
type-error-object = The value "{ $value }" is not a valid JSON object.
    .hint = Write a JSON object in braces, for example {"{"}"key": "value"{"}"}.
type-error-array = The value "{ $value }" is not a valid JSON list, or one of its items is not accepted.
    .hint = { $hint ->
        [array-not-json] Write the list as JSON: { $corrected }.
       *[other] Write a JSON list in square brackets, with texts in straight double quotes, for example ["value 1","value 2"].
    }
type-error-list = The value "{ $value }" is not a valid list.
    .hint = Separate the items with the delimiter the schema sets.
type-error-date = The value "{ $value }" is not a date in the format { $pattern_en }.
    .hint = { $hint ->
        [other-date-format] Write the date in the format { $pattern_en }: "{ $corrected }".
        [surrounding-spaces] Remove the spaces around the date.
       *[other] Write a real date in the format { $pattern_en } (YYYY the year, MM the month, DD the day), for example { $sample }.
    }
type-error-time = The value "{ $value }" is not a time in the format { $pattern_en }.
    .hint = Write the time in the format { $pattern_en } (hh hours, mm minutes, ss seconds), for example 09:30:00.
type-error-datetime = The value "{ $value }" is not a date and time in the format { $pattern_en }.
    .hint = { $hint ->
        [other-date-format] Write it in the format { $pattern_en }: "{ $corrected }".
       *[other] Write the date then the time, separated by T, for example 2024-07-14T09:30:00 or 2024-07-14T09:30:00+02:00.
    }
type-error-year = The value "{ $value }" is not a four-digit year.
    .hint = { $hint ->
        [surrounding-spaces] Remove the spaces around the year.
       *[other] Write the year alone, with four digits, for example 2024.
    }
type-error-yearmonth = The value "{ $value }" is not a month in the format YYYY-MM.
    .hint = Write the year then the month, for example 2024-07.
type-error-duration = The value "{ $value }" is not an ISO 8601 duration.
    .hint = Write a duration such as P1D (one day), PT2H30M (two hours thirty) or P1Y2M (one year and two months).
type-error-geopoint = The value "{ $value }" is not a valid geographic point.
    .hint = { $format ->
        [array] Write [longitude,latitude] in decimal degrees with a dot, for example [2.3522,48.8566].
        [object] Write {"{"}"lon": 2.3522, "lat": 48.8566{"}"}.
       *[other] Write "longitude,latitude" in decimal degrees with a dot, for example 2.3522,48.8566.
    }
type-error-geojson = The value "{ $value }" is not a valid GeoJSON geometry.
    .hint = Write a GeoJSON object, for example {"{"}"type": "Point", "coordinates": [2.35, 48.85]{"}"}.
type-error-any = The value "{ $value }" could not be read.
    .hint = Check the cell's content.

## Constraints

constraint-required = The column "{ $field }" is required, but this cell is empty.
    .hint = Fill in the cell: the schema requires a value on every row.
constraint-unique = The value "{ $value }" must be unique in column "{ $field }".
    .hint = Every row must have a different value in this column.
constraint-min-length = The text "{ $value }" is too short: { $length } characters, at least { $limit } expected.
    .hint = Complete the value so that it has at least { $limit } characters.
constraint-max-length = The text "{ $value }" is too long: { $length } characters, at most { $limit } allowed.
    .hint = Shorten the value to { $limit } characters at most.
constraint-minimum = The value { $value } is too small: the minimum is { $limit }.
    .hint = Check the value: it must be greater than or equal to { $limit }.
constraint-maximum = The value { $value } is too large: the maximum is { $limit }.
    .hint = Check the value: it must be less than or equal to { $limit }.
constraint-exclusive-minimum = The value { $value } must be strictly greater than { $limit }.
    .hint = Check the value: it must exceed { $limit }.
constraint-exclusive-maximum = The value { $value } must be strictly less than { $limit }.
    .hint = Check the value: it must stay below { $limit }.
constraint-pattern = The value "{ $value }" does not have the form expected for column "{ $field }".
    .hint = { $example ->
        [none] The value must match the regular expression { $limit }.
       *[other] Example of a correct value: "{ $example }". Required form (regular expression): { $limit }.
    }
constraint-enum = The value "{ $value }" is not one of the values allowed for column "{ $field }".
    .hint = { $count ->
        [one] The only allowed value is: { $allowed }.
       *[other] Choose one of the allowed values, with the same case and accents: { $allowed }.
    }

## Rules across rows

unique-error = The value "{ $value }" of column "{ $field }" already appears on row { $first }.
    .hint = Every value of this column must be unique: fix or remove the duplicate.
primary-key-missing = This row has no identifier: every cell of the primary key is empty.
    .hint = Fill in the row's identifier.
primary-key-duplicate = The identifier "{ $value }" already appears on row { $first }.
    .hint = Every row must have a different identifier: fix or remove the duplicate.
foreign-key = The value "{ $value }" of { $fields } matches no referenced row.
    .hint = Check the value, or add the row it refers to.

## Report

report-truncated = Validation stopped after { $max ->
        [one] { $max } error
       *[other] { $max } errors
    }; the rest of the file was not checked.
text-valid = ✔ { $file } is valid: { $rows ->
        [one] { $rows } data row
       *[other] { $rows } data rows
    }, { $columns ->
        [one] { $columns } column
       *[other] { $columns } columns
    }{ $warnings ->
        [0] .
        [one] , { $warnings } warning.
       *[other] , { $warnings } warnings.
    }
text-invalid = ✘ { $file } is not valid: { $truncated ->
        [yes] at least{" "}
       *[no] {""}
    }{ $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    } in { $rows ->
        [one] { $rows } data row
       *[other] { $rows } data rows
    } and { $columns ->
        [one] { $columns } column
       *[other] { $columns } columns
    }.
text-read-as = Read as { $format }, encoding { $encoding }{ $delimiter ->
        [none] .
        [tab] , tab-delimited.
       *[other] , delimiter "{ $delimiter }".
    }
text-schema = Schema: { $title } { $version } ({ $reference }).
text-truncated = Warning: validation stopped at row { $row } after { $max ->
        [one] { $max } error
       *[other] { $max } errors
    }. Fix them and run again, or raise the limit with --max-errors.
text-errors-heading = Errors ({ $count }):
text-warnings-heading = Warnings ({ $count }):
text-group-file = File and whole rows
text-group-column = Column "{ $name }" { $number ->
        [0] (missing from the file)
       *[other] (no. { $number })
    }
text-group-schema = Schema
text-rows = { $count ->
        [one] row { $rows }
       *[other] { $count } times, rows { $rows }{ $more ->
            [0] {""}
           *[other] {" "}and { $more } more
        }
    }
text-more-values = … and { $count } other values of this kind, rows { $rows }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }.
