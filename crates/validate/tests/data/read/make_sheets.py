"""Writes the spreadsheet fixtures of tests/read_sheet.rs.

Run from this folder with openpyxl and xlwt installed: python3 make_sheets.py
sheet.xlsx and sheet.xls hold the same table, whose expected records read_sheet.rs
states. repeated.ods is a tiny sheet whose repeat counts expand to 96 million cells.
"""
import datetime
import zipfile

import openpyxl
from openpyxl.styles import Font
import xlwt

HEADER = ["code_insee", "montant", "taux", "date", "horodatage", "heure", "actif", "note"]
ROWS = [
    ["01234", 1200.0, 0.1, datetime.date(2024, 2, 29), datetime.datetime(2024, 3, 1, 8, 30, 15),
     datetime.time(18, 0), True, "ok"],
    ["29019", 3, -2.5, None, None, None, False],
]


def write_xlsx(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Données"
    # The table starts at B2, as hand-made sheets often do.
    for row_index, row in enumerate([HEADER] + ROWS, start=2):
        for column_index, value in enumerate(row, start=2):
            if value is not None:
                sheet.cell(row=row_index, column=column_index, value=value)
    # Row 5 is left empty, row 6 has an error cell and one value only.
    error = sheet.cell(row=6, column=3)
    error.value = "#N/A"
    error.data_type = "e"
    sheet.cell(row=6, column=2, value="35238")
    # Styled but empty cells below the table must not become records.
    for row_index in (8, 9):
        sheet.cell(row=row_index, column=2).font = Font(bold=True)
    second = book.create_sheet("Autre")
    second["A1"] = "seule"
    second["A2"] = "valeur"
    book.save(path)


def write_xls(path):
    book = xlwt.Workbook()
    sheet = book.add_sheet("Feuille 1")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    datetime_style = xlwt.easyxf(num_format_str="DD/MM/YYYY HH:MM:SS")
    time_style = xlwt.easyxf(num_format_str="HH:MM")
    for column_index, label in enumerate(HEADER):
        sheet.write(0, column_index, label)
    for row_index, row in enumerate(ROWS, start=1):
        for column_index, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, datetime.datetime):
                sheet.write(row_index, column_index, value, datetime_style)
            elif isinstance(value, datetime.date):
                sheet.write(row_index, column_index, value, date_style)
            elif isinstance(value, datetime.time):
                sheet.write(row_index, column_index, value, time_style)
            else:
                sheet.write(row_index, column_index, value)
    book.save(path)


def write_repeated_ods(path):
    """A sheet of a few hundred bytes whose repeat counts expand to 96 million cells."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="S">'
        '<table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p>'
        '</table:table-cell></table:table-row>'
        '<table:table-row table:number-rows-repeated="6000">'
        '<table:table-cell table:number-columns-repeated="16000" office:value-type="float"'
        ' office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'
        '</table:table></office:spreadsheet></office:body></office:document-content>'
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '</manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)


write_xlsx("sheet.xlsx")
write_xls("sheet.xls")
write_repeated_ods("repeated.ods")
