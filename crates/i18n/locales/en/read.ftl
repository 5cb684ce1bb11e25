# Messages about reading a file (English): why a file cannot be read, and problems
# confined to one record. Sizes are in bytes; line and column numbers start at 1.

## The file cannot be read.

read-io = The file could not be read ({ $detail }). Send it again; if the error persists, the file is probably damaged.
read-not-found = The file was not found. Check its name and the folder it is in.
read-permission-denied = The file cannot be read: access is denied. Check the file's read permissions.
read-is-directory = The path given is a folder, not a file. Give the path of the file to read.
read-not-regular-file = The path given is not a regular file (a pipe, a device…). Save the data to a file first, then give its path.
read-empty-file = The file is empty: it contains no line. Check that it is the right file.
read-unsupported-format = This file format is not supported ({ $kind }). Save the table as CSV, TSV, XLSX, XLS or ODS, then try again.
read-binary-content = The file is not a table: its content is that of a { $kind } file. Check that it is the right file, as CSV, TSV, XLSX, XLS or ODS.
read-record-too-large = A record starting at line { $line } of the file exceeds the maximum size of { $limit } bytes. Most often a quote opened on that line is never closed: check the quotes on that line.
read-too-many-columns = The header has { $count } columns, more than the maximum of { $limit }. Check the column separator, and that the first line holds the column names.
read-decompressed-too-large = Once decompressed, the file exceeds the maximum size of { $limit } bytes. Send a smaller file, for example split into parts.
read-spreadsheet-too-large = The workbook is { $size } bytes, more than the maximum of { $limit } bytes for a spreadsheet. Save the sheet as CSV, which has no such limit, then try again.
read-sheet-too-large = The sheet has more than { $limit } cells, the maximum for a spreadsheet. Save the sheet as CSV, which has no such limit, then try again.
read-sheet-not-found = Sheet “{ $name }” was not found in the workbook. Sheets present: { $available }.
read-no-sheet = The workbook contains no sheet. Check that it is the right file.
read-spreadsheet-invalid = The spreadsheet could not be read ({ $detail }). Open it in your spreadsheet program, save it again, then try again.

## A problem in one record; reading goes on.

read-record-encoding-error = { $field_number ->
        [none] This record contains
       *[other] Column { $field_number } contains
    } bytes that are invalid in the file's encoding; they were replaced by “�”. Save the file as UTF-8 from your spreadsheet program.
read-record-spreadsheet-error-cell = The cell in column { $field_number } holds a spreadsheet error (“{ $value }”). Fix the formula or type the value.
read-record-unterminated-quote = The file ends inside a quote opened on line { $line }. Close that quote.
read-record-too-many-columns = This record has { $count } columns, more than the maximum of { $limit }; the extra columns are ignored. Check the column separator on this line.
