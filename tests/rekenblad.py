"""Read back the spreadsheets the life-cycle cost tool writes (.xlsx with openpyxl, .ods with lxml)
and compute their formulas, so a test can fill in a bidder's figures and check the result.

No spreadsheet program runs in `make test`, so this module evaluates the small formula language
the tool writes (docs/assets/javascripts/rekenblad.js): numbers, cell references and ranges,
+ - * / ^, comparisons, and SUM, MIN, MAX, IF, ROUNDUP, ROUNDDOWN, with the spreadsheet
programs' rules (unary minus binds tighter than ^; ROUNDUP rounds away from zero, ROUNDDOWN
towards it; an empty cell counts as 0). Anything else raises FormulaError, so a formula the tool
starts to write in another form fails the test instead of being half understood.
"""
from __future__ import annotations

import io
import math
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}


class FormulaError(ValueError):
    pass


@dataclass
class Cell:
    value: object = None  # a number, a string, or None (empty)
    formula: str | None = None  # normalised: "MIN(B5,B6*B7)", no "="
    input: bool = False  # a yellow cell the bidder may change (unlocked on a protected sheet)


@dataclass
class Sheet:
    name: str
    cells: dict[str, Cell] = field(default_factory=dict)
    protected: bool = False

    def text(self, ref: str) -> str:
        value = self.cells.get(ref, Cell()).value
        return "" if value is None else str(value)

    def find(self, label: str) -> str:
        """The address of the cell right of the first cell in column A whose text is `label`."""
        for ref, cell in self.cells.items():
            if ref.startswith("A") and ref[1:].isdigit() and cell.value == label:
                return "B" + ref[1:]
        raise KeyError(f"{self.name}: geen rij '{label}'")

    def rows(self) -> list[list[str]]:
        """Column A's texts, top to bottom (for the method sheet)."""
        numbers = sorted(int(r[1:]) for r in self.cells if r.startswith("A") and r[1:].isdigit())
        return [self.text(f"A{n}") for n in numbers]


# --- reading ---------------------------------------------------------------------------------


def read_xlsx(data: bytes) -> dict[str, Sheet]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    out = {}
    for ws in book.worksheets:
        sheet = Sheet(ws.title, protected=bool(ws.protection.sheet))
        for row in ws.iter_rows():
            for c in row:
                unlocked = c.protection is not None and c.protection.locked is False
                if c.value is None and not unlocked:
                    continue
                if isinstance(c.value, str) and c.value.startswith("="):
                    sheet.cells[c.coordinate] = Cell(formula=c.value[1:], input=unlocked)
                else:
                    sheet.cells[c.coordinate] = Cell(value=c.value, input=unlocked)
        out[ws.title] = sheet
    return out


def _col(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def ods_formula(text: str) -> str:
    """OpenFormula as the tool writes it ("of:=MIN([.B5];[.B6])") in the spreadsheet's A1 form."""
    if not text.startswith("of:="):
        raise FormulaError(f"geen OpenFormula: {text}")
    body = text[4:]
    body = re.sub(r"\[\.([A-Z]+[0-9]+):\.([A-Z]+[0-9]+)\]", r"\1:\2", body)
    body = re.sub(r"\[\.([A-Z]+[0-9]+)\]", r"\1", body)
    if "[" in body or "," in body:
        raise FormulaError(f"onverwachte verwijzing of komma: {text}")
    return body.replace(";", ",")


def read_ods(data: bytes) -> dict[str, Sheet]:
    package = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(package.read("content.xml"))
    q = lambda name: "{%s}%s" % (NS[name.split(":")[0]], name.split(":")[1])  # noqa: E731
    unlocked_styles = set()
    for style in root.iter(q("style:style")):
        props = style.find(q("style:table-cell-properties"))
        if props is not None and props.get(q("style:cell-protection")) == "none":
            unlocked_styles.add(style.get(q("style:name")))
    out = {}
    for table in root.iter(q("table:table")):
        sheet = Sheet(table.get(q("table:name")), protected=table.get(q("table:protected")) == "true")
        r = 0
        for row in table.iter(q("table:table-row")):
            for _ in range(int(row.get(q("table:number-rows-repeated"), "1"))):
                r += 1
                c = 0
                for cell in row.iter(q("table:table-cell"), q("table:covered-table-cell")):
                    for _ in range(int(cell.get(q("table:number-columns-repeated"), "1"))):
                        ref = f"{_col(c)}{r}"
                        c += 1
                        formula = cell.get(q("table:formula"))
                        kind = cell.get(q("office:value-type"))
                        unlocked = cell.get(q("table:style-name")) in unlocked_styles
                        if formula:
                            sheet.cells[ref] = Cell(formula=ods_formula(formula), input=unlocked)
                        elif kind in ("float", "percentage", "currency"):
                            sheet.cells[ref] = Cell(value=float(cell.get(q("office:value"))), input=unlocked)
                        elif kind == "string":
                            text = "\n".join("".join(p.itertext()) for p in cell.iter(q("text:p")))
                            sheet.cells[ref] = Cell(value=text, input=unlocked)
                        elif unlocked:
                            sheet.cells[ref] = Cell(input=True)
        out[sheet.name] = sheet
    return out


# --- computing -------------------------------------------------------------------------------

_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?(?:[Ee][+-]?\d+)?)|(?P<range>\$?[A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}\$?\d+)"
                    r"|(?P<ref>\$?[A-Z]{1,3}\$?\d+)(?![A-Z(])|(?P<name>[A-Z]+)(?=\()|(?P<op><>|>=|<=|[-+*/^(),<>=]))")


def _tokens(formula: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    formula = formula.strip()
    while pos < len(formula):
        m = _TOKEN.match(formula, pos)
        if not m or m.end() == pos:
            raise FormulaError(f"onbekend teken in {formula!r} op plaats {pos}")
        kind = m.lastgroup
        out.append((kind, m.group(kind).replace("$", "")))
        pos = m.end()
    return out


def _split(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return col - 1, int(m.group(2))


class Book:
    """One sheet's cells with formulas, evaluated on demand (references within the sheet)."""

    def __init__(self, sheet: Sheet):
        self.sheet = sheet
        self.values: dict[str, object] = {}
        self._busy: set[str] = set()

    def set(self, ref: str, value) -> None:
        cell = self.sheet.cells.get(ref)
        if cell is None or not cell.input:
            raise FormulaError(f"{self.sheet.name}!{ref} is geen invulcel")
        cell.value = value
        self.values.clear()

    def value(self, ref: str):
        if ref in self.values:
            return self.values[ref]
        cell = self.sheet.cells.get(ref, Cell())
        if cell.formula is None:
            result = cell.value
        else:
            if ref in self._busy:
                raise FormulaError(f"kringverwijzing in {ref}")
            self._busy.add(ref)
            try:
                result = _Parser(self, _tokens(cell.formula), cell.formula).parse()
            finally:
                self._busy.discard(ref)
        self.values[ref] = result
        return result

    def number(self, ref: str) -> float:
        v = self.value(ref)
        if v is None:
            return 0.0
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise FormulaError(f"{ref} is geen getal: {v!r}")
        return float(v)

    def range(self, first: str, last: str) -> list[float]:
        c1, r1 = _split(first)
        c2, r2 = _split(last)
        out = []
        for r in range(min(r1, r2), max(r1, r2) + 1):
            for c in range(min(c1, c2), max(c1, c2) + 1):
                v = self.value(f"{_col(c)}{r}")
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    out.append(float(v))
        return out


def _round(x: float, digits: float, away: bool) -> float:
    factor = 10 ** int(digits)
    # Spreadsheets work to 15 significant digits: 28.999999999999996 rounds down to 29, while
    # 2.9999999999 rounds down to 2.
    scaled = float(f"{abs(x) * factor:.15g}")
    n = math.ceil(scaled) if away else math.floor(scaled)
    return math.copysign(n / factor, x) if n else 0.0


class _Parser:
    def __init__(self, book: Book, tokens, source: str):
        self.book, self.tokens, self.source, self.pos = book, tokens, source, 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None)

    def take(self, op=None):
        tok = self.peek()
        if op is not None and tok != ("op", op):
            raise FormulaError(f"'{op}' verwacht in {self.source!r}")
        self.pos += 1
        return tok

    def parse(self):
        value = self.comparison()
        if self.pos != len(self.tokens):
            raise FormulaError(f"rest na de formule: {self.source!r}")
        return value

    def comparison(self):
        left = self.additive()
        kind, op = self.peek()
        if kind == "op" and op in ("<", ">", "<=", ">=", "=", "<>"):
            self.take()
            right = self.additive()
            return {"<": left < right, ">": left > right, "<=": left <= right, ">=": left >= right,
                    "=": left == right, "<>": left != right}[op]
        return left

    def additive(self):
        value = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            right = self.term()
            value = value + right if op == "+" else value - right
        return value

    def term(self):
        value = self.power()
        while self.peek() in (("op", "*"), ("op", "/")):
            op = self.take()[1]
            right = self.power()
            if op == "/" and right == 0:
                raise FormulaError(f"deling door nul in {self.source!r}")
            value = value * right if op == "*" else value / right
        return value

    def power(self):
        value = self.unary()
        while self.peek() == ("op", "^"):
            self.take()
            value = value ** self.unary()
        return value

    def unary(self):
        if self.peek() in (("op", "-"), ("op", "+")):
            sign = -1 if self.take()[1] == "-" else 1
            return sign * self.unary()
        return self.primary()

    def primary(self):
        kind, text = self.take()
        if kind == "num":
            return float(text)
        if kind == "ref":
            return self.book.number(text)
        if kind == "op" and text == "(":
            value = self.comparison()
            self.take(")")
            return value
        if kind == "name":
            return self.call(text)
        raise FormulaError(f"onverwacht {text!r} in {self.source!r}")

    def call(self, name: str):
        self.take("(")
        args = []
        if self.peek() != ("op", ")"):
            while True:
                if self.peek()[0] == "range":
                    first, last = self.take()[1].split(":")
                    args.append(self.book.range(first, last))
                else:
                    args.append(self.comparison())
                if self.peek() == ("op", ","):
                    self.take()
                    continue
                break
        self.take(")")
        flat = lambda: [x for a in args for x in (a if isinstance(a, list) else [a])]  # noqa: E731
        if name == "SUM":
            return float(sum(flat()))
        if name == "MIN":
            return float(min(flat()))
        if name == "MAX":
            return float(max(flat()))
        if name == "IF" and len(args) == 3:
            return args[1] if args[0] else args[2]
        if name in ("ROUNDUP", "ROUNDDOWN") and len(args) == 2:
            return _round(args[0], args[1], away=name == "ROUNDUP")
        raise FormulaError(f"functie {name} met {len(args)} argumenten wordt niet begrepen ({self.source!r})")
