# Conversion of TOTEM files (DocumentBudgetaire) into the SCDL budget CSV.

## Errors that stop the conversion

totem-read-failed = Reading the file failed at line { $line }: { $detail }.
totem-write-failed = Writing the CSV file failed: { $detail }.
totem-doctype-rejected = The file contains a document type declaration (DTD) at line { $line }. It is rejected for safety: export the TOTEM flow without a DTD from your finance software.
totem-entity-declaration-rejected = The file declares XML entities at line { $line }. They are rejected for safety (no expansion, no file or network access): export the TOTEM flow without a DTD.
totem-entity-undefined = Element <{ $element }> uses the unknown entity "&{ $name };" at line { $line }. Only the predefined XML entities are accepted.
totem-xml-malformed = Invalid XML in element <{ $element }> at line { $line }: { $detail }.
totem-xml-truncated = The file ends before the end of element <{ $element }> opened at line { $line }: it is probably truncated. Download it again.
totem-xml-token-too-large = An item exceeds { $limit } bytes in <{ $element }> at line { $line }: this is not a valid TOTEM flow.
totem-xml-too-deep = Elements are nested more than { $limit } levels deep at <{ $element }>, line { $line }: this is not a valid TOTEM flow.
totem-encoding-invalid = The file is not encoded in { $encoding } as its XML declaration states (line { $line }). Fix the encoding declaration or export the file again.
totem-encoding-unsupported = The encoding "{ $label }" declared by the file is not supported. Use ISO-8859-1 or UTF-8.
totem-root-unknown = The root element <{ $element }> is neither DocumentBudgetaire nor CompteFinancierUnique: this file is not a TOTEM flow.
totem-document-missing = No DocumentBudgetaire element was found in the file.
totem-plans-dir-unreadable = The plans de comptes folder { $path } cannot be read: { $detail }.

## Warnings about the data

totem-notices-truncated = { $count } more distinct warnings were left out.
totem-personal-data-truncated = { $count } more elements containing personal data were left out of the list.
totem-opbudg-invalid = Unknown OpBudg value "{ $value }" (0 or 1 expected): column BGT_OPBUDG is left empty.
totem-codrd-invalid = Unknown CodRD value "{ $value }" (D or R expected): column BGT_CODRD is left empty.
totem-artspe-invalid = Unknown ArtSpe value "{ $value }" (true or false expected): column BGT_ARTSPE is left empty.
totem-chapter-not-in-plan = Chapter { $chapter } is not in the plan de comptes: the code is kept, with the label and section of chapter { $derived } derived from the account.
totem-chapter-unknown = Chapter { $chapter } is not in the plan de comptes and could not be derived from the account: label left empty.
totem-chapter-missing = The line of account { $nature } has no chapter and the plan de comptes does not allow deriving one.
totem-section-missing = The section of the line of account { $nature } could not be determined.
totem-section-guessed = Section of the line of account { $nature } derived from the account class: { $section }.
totem-nature-unknown = Account { $nature } is not in the plan de comptes: the flow's own label is used.
totem-nature-parent-label = Account { $nature } is not in the plan de comptes and the flow gives no label: the label of parent account { $parent } is used.
totem-function-unknown = Function { $function } is not in the plan de comptes: label left empty.
totem-amount-rewritten = Amount { $element } "{ $value }" was in French format: it was converted to a decimal point.
totem-amount-invalid = Amount { $element } "{ $value }" is not a number: the cell is left empty.
totem-natdec-unknown = Unknown budget stage NatDec "{ $value }": column BGT_NATDEC is left empty.
totem-year-invalid = Invalid year "{ $value }": no plan de comptes can be chosen.
totem-siret-invalid = SIRET "{ $siret }" does not have 14 digits or its check digit is wrong.
totem-draft = The flow is marked as a draft (ProjetBudget): it may differ from the voted budget.
totem-plan-other-year = No plan de comptes { $nomenclature } for { $year }: the one of { $used } is used. Labels may differ.
totem-plan-invalid = The plan de comptes { $nomenclature } of { $year } cannot be read ({ $detail }): labels are left empty.
totem-plan-missing = No plan de comptes { $nomenclature } for { $year }: labels are left empty and missing chapters cannot be derived.
totem-no-lines = The document contains no budget line.
totem-budgets-truncated = The file contains more than { $limit } budgets: their lines are converted but only the first { $limit } appear in the summary.

## Personal data found (never copied into the CSV)

totem-personal-data-subsidy-beneficiary = Subsidy to a natural person (<{ $element }>, line { $line }).
totem-personal-data-loan-beneficiary = Loan granted to a named beneficiary (<{ $element }>, line { $line }).
totem-personal-data-staff = Staff table, which can identify agents (<{ $element }>, line { $line }).
totem-personal-data-signatory = Name of a signatory (<{ $element }>, line { $line }).
totem-personal-data-accountant = Name of a public accountant or of a user (<{ $element }>, line { $line }).

## Conversion summary

totem-summary-heading = { $collectivite }, { $budget }: { $stage ->
        [bp] budget primitif
        [bs] budget supplémentaire
        [dm] décision modificative
        [ca] compte administratif
        [cfu] compte financier unique
       *[other] unknown stage
    } { $year }, { $rows } lines.
totem-summary-voted = { $section ->
        [fonctionnement] Operating section
       *[investissement] Investment section
    }, voted { $direction ->
        [expenses] expenses
       *[revenue] revenue
    }: { $amount } €.
totem-summary-realised = { $section ->
        [fonctionnement] Operating section
       *[investissement] Investment section
    }, realised { $direction ->
        [expenses] expenses
       *[revenue] revenue
    }: { $amount } €.
