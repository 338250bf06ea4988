#!/usr/bin/env python3
"""Fill a blank return form the way a unit would: type into its cells and save.

    fill.py FORM.xlsx OUT.xlsx

Edits the sheet's XML in place (the cells to fill exist, blank, in the form): 填报人 B4,
联系电话 E4, and on every task row (6 onwards, as long as column H holds a task key)
本期进展 D, 完成情况 E (the four statuses in turn), 存在问题 F, 下步打算 G. The texts are
those tests/forms.rs expects of the LibreOffice return. Standard library only.
"""
import re
import sys
import zipfile
from xml.sax.saxutils import escape

STATUSES = ["已完成", "按序时推进", "滞后", "未启动"]


def set_cell(xml, cell, text):
    m = re.search(r'<c r="%s"( s="\d+")?[^>]*?(/>|>.*?</c>)' % cell, xml)
    if not m:
        raise SystemExit("no cell %s in the form" % cell)
    style = m.group(1) or ""
    new = '<c r="%s"%s t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (
        cell, style, escape(text))
    return xml[:m.start()] + new + xml[m.end():]


def progress(row, k):
    return "第%d行：本月完成前期手续，累计投资%d万元。\n下月开工。" % (row, 100 * k)


def main(src, out):
    with zipfile.ZipFile(src) as z:
        files = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml = files[sheet].decode("utf-8")
    xml = set_cell(xml, "B4", "李华")
    xml = set_cell(xml, "E4", "0972-8321234")
    row, k = 6, 0
    while re.search(r'<c r="H%d"' % row, xml):
        xml = set_cell(xml, "D%d" % row, progress(row, k + 1))
        xml = set_cell(xml, "E%d" % row, STATUSES[k % 4])
        xml = set_cell(xml, "F%d" % row, "资金到位较慢" if k % 2 else "")
        xml = set_cell(xml, "G%d" % row, "加快施工进度")
        row, k = row + 1, k + 1
    files[sheet] = xml.encode("utf-8")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in files.items():
            z.writestr(n, b)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
