#!/usr/bin/python3
"""Read the bot's export with a reader no one here wrote (Debian's openpyxl).

openpyxl in read-only mode trusts each sheet's declared dimension; a sheet
that declares "A1" shows only its header. For each sheet of DIR/export.xlsx
this opens the workbook read-only, counts the rows it yields, and holds them
against DIR/export.rows.json (the rows the Go test counted, the ideas sheet
against the stored ideas). DIR is written by
TestExport_EverySheetDeclaresItsDimension when THIDUABOT_XLSX_CHECK is set.
"""
import json
import os
import sys

import openpyxl


def main(folder):
    book = os.path.join(folder, "export.xlsx")
    with open(os.path.join(folder, "export.rows.json"), encoding="utf-8") as f:
        want = json.load(f)
    if len(want) < 5:
        print("export.rows.json names %d sheets; want every sheet of the export" % len(want), file=sys.stderr)
        return 1
    wb = openpyxl.load_workbook(book, read_only=True)
    problems = []
    for name, rows in sorted(want.items()):
        if name not in wb.sheetnames:
            problems.append("sheet %r is missing" % name)
            continue
        ws = wb[name]
        got = sum(1 for _ in ws.iter_rows(values_only=True))
        print("%-12s declared %s, read %d rows, want %d" % (name, ws.calculate_dimension(), got, rows))
        if got != rows or ws.max_row != rows:
            problems.append("sheet %r: openpyxl read %d rows (max_row %s); want %d" % (name, got, ws.max_row, rows))
    wb.close()
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
