"""Rows pasted from a spreadsheet or a statement, read into block values.

Editors copy cells from a spreadsheet (tab-separated), a CSV file (commas or semicolons) or
the auditor's statement, so amounts arrive written the way people write them: `4 618 760 $`,
`$4,618,760`, `(29 779) $`, `-29779`, with no-break spaces. Every function here is pure: it
returns values or raises `ValueError` (a `PasteError` naming the line for whole pastes).
"""

import csv
import re
import unicodedata
from decimal import Decimal

from django.utils.translation import gettext as _

FINANCIAL_AMOUNT_COLUMNS = ("actual", "budget", "previous_actual", "next_budget")
REQUIRED_FINANCIAL_AMOUNTS = 3

# First words that say which side of the statement a line is on, in both languages.
REVENUE_WORDS = {"revenu", "revenus", "revenue", "revenues", "produit", "produits", "recettes"}
EXPENSE_WORDS = {
    "depense",
    "depenses",
    "expense",
    "expenses",
    "charge",
    "charges",
    "frais",
    "cout",
    "couts",
    "cost",
    "costs",
}
# Lines the table computes itself; pasting them would count their amounts twice.
COMPUTED_LINE_WORDS = {"total", "sous-total", "subtotal", "surplus", "excedent", "deficit"}

MINUS_SIGNS = "-\u2212\u2013"
BLANK_CELLS = {"", "-", "\u2013", "\u2014"}
GROUPED_DIGITS = {",": re.compile(r"\d{1,3}(,\d{3})+"), ".": re.compile(r"\d{1,3}(\.\d{3})+")}
THOUSANDS_WITH_ONE_COMMA = re.compile(r"[1-9]\d{0,2},\d{3}")
DIGITS_AND_SEPARATORS = re.compile(r"\d[\d.,]*")
NUMBER_START = re.compile(r"[-\u2212(]?\$?\d{1,3}(,\d{3})*")
THOUSANDS_TAIL = re.compile(r"\d{3}\)?\s*\$?\)?")


class PasteError(ValueError):
    """A pasted line that cannot be read: says which line and why."""

    def __init__(self, line_number, line, reason):
        self.line_number = line_number
        self.line = line
        self.reason = str(reason)
        super().__init__(
            _("Line %(number)d (“%(line)s”): %(reason)s")
            % {"number": line_number, "line": _shorten(line), "reason": self.reason}
        )


def parse_number(text):
    """`4 618 760 $`, `$4,618,760`, `(29 779) $`, `-29779`, `97 %`, `8,5` → Decimal."""
    compact = "".join(str(text).split())
    body, negative = _strip_sign_and_symbols(compact)
    if not DIGITS_AND_SEPARATORS.fullmatch(body) or body[-1] in ".,":
        raise ValueError(_not_a_number(text))
    value = _digits_to_decimal(body, original=text)
    return -value if negative else value


def parse_amount(text):
    """An amount in whole dollars (see `parse_number`); cents are refused, not rounded away."""
    value = parse_number(text)
    if value != value.to_integral_value():
        raise ValueError(
            _("“%(text)s” has cents: amounts are in whole dollars") % {"text": str(text).strip()}
        )
    return value.quantize(Decimal(1))


def is_blank(cell):
    """Empty, or a dash as statements print for “nothing”."""
    return cell.strip() in BLANK_CELLS


def split_cells(line):
    """The cells of one line: tabs first (a spreadsheet copy), else semicolons, else commas."""
    delimiter = "\t" if "\t" in line else ";" if ";" in line else ","
    cells = [cell.strip() for cell in next(csv.reader([line], delimiter=delimiter))]
    if delimiter == ",":
        cells = _rejoin_thousands(cells)
    while cells and not cells[-1]:
        cells.pop()
    return cells


def numbered_lines(text):
    """(line number counted from 1, line) for every line that is not blank."""
    for number, line in enumerate(str(text).splitlines(), start=1):
        if line.strip():
            yield number, line


def parse_financial_rows(text):
    """Lines `label, kind?, actual, budget, previous_actual, next_budget?` → row dicts.

    The kind may be a cell of its own, the first word of the label (“Revenus”, “Dépenses de
    fonctionnement”) or a line of its own above the rows (“Charges”). A first line without any
    number is taken as column headings; cells with % (a copied variance column) are left out
    because the table computes the variance.
    """
    rows, section_kind = [], None
    for line_number, line in numbered_lines(text):
        cells = split_cells(line)
        try:
            heading_kind = _kind_heading(cells)
            if heading_kind:
                section_kind = heading_kind
            elif not (rows or section_kind) and _is_column_headings(cells):
                continue
            else:
                rows.append(_financial_row(cells, section_kind))
        except ValueError as error:
            raise PasteError(line_number, line, error) from error
    return rows


def parse_chart_rows(text):
    """Lines `label, value` → [{"label", "value"}]; a first line without a number is headings."""
    rows = []
    for line_number, line in numbered_lines(text):
        cells = split_cells(line)
        if not rows and _is_column_headings(cells):
            continue
        try:
            rows.append(_chart_row(cells))
        except ValueError as error:
            raise PasteError(line_number, line, error) from error
    return rows


def label_key(label):
    """A row's label as pasted rows are matched to the table's: case and spaces aside.

    Runs of spaces (no-break and narrow no-break ones too) count as one space; accents count,
    but an accented letter typed composed or decomposed is the same letter.
    """
    return " ".join(unicodedata.normalize("NFC", str(label or "")).split()).casefold()


def match_labels(existing_labels, pasted_labels):
    """For each pasted label, the position of the existing row with the same label, or None.

    Labels match as `label_key` reads them. A label pasted twice matches the rows that have it
    in their order, each existing row once at most; rows without a label match nothing.
    """
    positions = {}
    for position, label in enumerate(existing_labels):
        key = label_key(label)
        if key:
            positions.setdefault(key, []).append(position)
    matches = []
    for label in pasted_labels:
        remaining = positions.get(label_key(label))
        matches.append(remaining.pop(0) if remaining else None)
    return matches


def _financial_row(cells, section_kind):
    label, rest = cells[0], cells[1:]
    _check_label(label)
    if _first_word(label) in COMPUTED_LINE_WORDS:
        raise ValueError(
            _(
                "totals and the surplus (deficit) are computed from the rows: leave this line "
                "out (enter the printed result under “Surplus (deficit) as printed in the "
                "statements” to have it checked)"
            )
        )
    kind = _kind_of_word(rest[0]) if rest else None
    if kind:
        rest = rest[1:]
    kind = kind or _kind_of_word(_first_word(label)) or section_kind
    if kind is None:
        raise ValueError(
            _(
                "say whether this is a revenue or an expense: add “revenue” or “expense” after "
                "the label"
            )
        )
    return {"label": label, "kind": kind, **_financial_amounts(rest)}


def _financial_amounts(cells):
    cells = [cell for cell in cells if "%" not in cell]
    if not REQUIRED_FINANCIAL_AMOUNTS <= len(cells) <= len(FINANCIAL_AMOUNT_COLUMNS):
        raise ValueError(
            _(
                "expected 3 or 4 amounts (actual, budget, last year's actual, next year's budget) "
                "and found %(count)d"
            )
            % {"count": len(cells)}
        )
    amounts = dict.fromkeys(FINANCIAL_AMOUNT_COLUMNS)
    for position, (column, cell) in enumerate(zip(FINANCIAL_AMOUNT_COLUMNS, cells, strict=False)):
        if is_blank(cell):
            if position < REQUIRED_FINANCIAL_AMOUNTS:
                raise ValueError(_("amount %(position)d is missing") % {"position": position + 1})
            continue
        amounts[column] = parse_amount(cell)
    return amounts


def _chart_row(cells):
    if len(cells) != 2:
        raise ValueError(
            _(
                "expected 2 cells (label, value) and found %(count)d; if the value has a decimal "
                "comma, separate the cells with a tab or a semicolon"
            )
            % {"count": len(cells)}
        )
    label, value = cells
    _check_label(label)
    if is_blank(value):
        raise ValueError(_("the value is missing"))
    return {"label": label, "value": parse_number(value)}


def _check_label(label):
    if not label:
        raise ValueError(_("the first cell, the label, is empty"))


def _is_column_headings(cells):
    """A line of titles: more than one cell and none after the first reads as a number."""
    return len(cells) > 1 and not any(_reads_as_number(cell) for cell in cells[1:])


def _reads_as_number(cell):
    try:
        parse_number(cell)
    except ValueError:
        return False
    return True


def _kind_heading(cells):
    """“Revenus” or “Charges” alone on its line: the kind of the rows below it."""
    if len(cells) == 1:
        return _kind_of_word(cells[0])
    return None


def _kind_of_word(word):
    word = _plain(word)
    if word in REVENUE_WORDS:
        return "revenue"
    if word in EXPENSE_WORDS:
        return "expense"
    return None


def _first_word(text):
    words = _plain(text).replace("(", " ").split()
    return words[0].rstrip(":") if words else ""


def _plain(text):
    """Lower case without accents, so that “Dépenses” and “depenses” match."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _strip_sign_and_symbols(compact):
    """Remove one $ or % and “CA”, then read parentheses or a leading minus as negative."""
    if compact.count("$") + compact.count("%") > 1:
        raise ValueError(_not_a_number(compact))
    body = compact.replace("$", "").replace("%", "")
    body = re.sub(r"^CAD?|CAD?$", "", body)
    negative = False
    if body.startswith("(") and body.endswith(")"):
        negative, body = True, body[1:-1]
    if body and body[0] in MINUS_SIGNS:
        negative, body = True, body[1:]
    elif body.startswith("+"):
        body = body[1:]
    return body, negative


def _digits_to_decimal(body, original):
    """Tell thousands separators from the decimal mark, as people write them in fr and en."""
    mark = _decimal_mark(body)
    whole, fraction = body.rsplit(mark, 1) if mark else (body, "")
    separator = next((char for char in ",." if char in whole), None)
    if separator and not GROUPED_DIGITS[separator].fullmatch(whole):
        raise ValueError(_not_a_number(original))
    digits = whole.replace(separator or "", "")
    return Decimal(f"{digits}.{fraction}" if fraction else digits)


def _decimal_mark(body):
    """The decimal mark, or None: `1,5` and `1.5` are decimals, `1,230` and `4.618.760` not."""
    if "," in body and "." in body:
        return max(",.", key=body.rfind)
    for mark in ",.":
        if body.count(mark) == 1 and not (mark == "," and THOUSANDS_WITH_ONE_COMMA.fullmatch(body)):
            return mark
    return None


def _rejoin_thousands(cells):
    """`$4`, `618`, `760 $` split by the comma delimiter were one amount: `$4,618,760 $`.

    Only amounts are rejoined, never the label (the first cell), so a label ending with a digit
    keeps its own cell.
    """
    joined = cells[:1]
    for cell in cells[1:]:
        continues_amount = len(joined) > 1 and NUMBER_START.fullmatch(joined[-1])
        if continues_amount and THOUSANDS_TAIL.fullmatch(cell):
            joined[-1] = f"{joined[-1]},{cell}"
        else:
            joined.append(cell)
    return joined


def _not_a_number(text):
    return _("“%(text)s” is not a number") % {"text": str(text).strip()}


def _shorten(line, length=60):
    line = " ".join(line.split())
    return line if len(line) <= length else line[: length - 1] + "…"
