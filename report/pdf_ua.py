"""What the report's PDF needs for PDF/UA-1 that WeasyPrint 70's tags leave out.

WeasyPrint tags the PDF from the HTML (`pdf_variant="pdf/ua-1"`: tags, language, title shown,
XMP metadata declaring PDF/UA-1). `finish_structure` is its documented finisher, called with the
PDF's objects (pydyf) before they are written, and completes the structure tree:

- the page's margin boxes (running title, page numbers) are drawn as tagged content that no
  structure element holds: they are marked as pagination artifacts instead;
- images without a text alternative (`alt=""`, an `aria-hidden` drawing) are decoration:
  artifacts too, not figures without alternative text;
- header cells get the /Scope of their `scope` attribute (WeasyPrint links cells to headers
  with /Headers and /ID only);
- a `<div>` that groups a term and its descriptions in a `<dl>` becomes the list item, the
  term its label and each description a body (WeasyPrint makes a division of list items);
- a list item's content beside its label (a marker inside the item) goes into its body.

Re-checked at every WeasyPrint upgrade: tests/report/test_pdf_ua.py checks the result.
"""

import pydyf

SCOPES = {"row": "/Row", "rowgroup": "/Row", "col": "/Column", "colgroup": "/Column"}


def finish_structure(document, pdf):
    """WeasyPrint's finisher: `document` is the laid-out document, `pdf` the pydyf PDF."""
    tree = StructureTree(pdf)
    if tree.document is None:
        return
    group_definition_lists(tree)
    wrap_list_item_bodies(tree)
    decorative = [element for element in tree.elements() if is_decorative(element)]
    tree.make_artifacts(decorative, properties=None)
    tree.make_artifacts(tree.orphans(), properties={"Type": "/Pagination"})
    scope_header_cells(document)


class StructureTree:
    """WeasyPrint's structure tree, its parent tree (marked content → element) and the pages'
    content streams, as pydyf objects."""

    def __init__(self, pdf):
        self.pdf = pdf
        root_reference = pdf.catalog.get("StructTreeRoot")
        self.document = None
        if root_reference is None:
            return
        root = self.resolve(root_reference)
        self.document = self.resolve(root["K"][0])
        numbers = self.resolve(root["ParentTree"])["Nums"]
        # Page index → the array of its marked contents' elements, indexed by MCID.
        self.page_marks = {
            numbers[index]: numbers[index + 1]
            for index in range(0, len(numbers), 2)
            if isinstance(numbers[index + 1], pydyf.Array)
        }
        self.page_streams = [
            self.resolve(self.resolve(page)["Contents"]) for page in pdf.page_references
        ]

    def resolve(self, reference):
        """The object of a reference (b"12 0 R"): pydyf numbers objects by their position."""
        if isinstance(reference, pydyf.Object):
            return reference
        return self.pdf.objects[int(reference.split()[0])]

    def kids(self, element):
        """The element's child elements (not its marked contents nor annotations)."""
        for kid in element.get("K", ()):
            if isinstance(kid, bytes):
                child = self.resolve(kid)
                if child.get("Type") == "/StructElem":
                    yield child

    def elements(self, element=None):
        """Every element under `element` (the document), depth first, in reading order."""
        for child in self.kids(element or self.document):
            yield child
            yield from self.elements(child)

    def orphans(self):
        """The elements of marked content that the tree does not hold: WeasyPrint builds the
        margin boxes' elements without linking them (an artifact in a tree needs PDF 2.0)."""
        held = {element.number for element in self.elements()} | {self.document.number}
        orphans = {}
        for marks in self.page_marks.values():
            for reference in marks:
                number = object_number(reference)
                if number is None or number in held:
                    continue
                orphan = self.pdf.objects[number]
                # The outermost element that the tree does not hold.
                while object_number(orphan.get("P")) not in held:
                    orphan = self.resolve(orphan["P"])
                orphans[orphan.number] = orphan
        return list(orphans.values())

    def adopt(self, kid, parent):
        """`parent` holds `kid` now: an element, or marked content of the parent's page."""
        number = object_number(kid)
        if number is not None:
            child = self.pdf.objects[number]
            if "P" in child:
                child["P"] = parent.reference
        elif isinstance(kid, int):
            page_index = self.pdf.page_references.index(parent["Pg"])
            self.page_marks[page_index][kid] = parent.reference

    def make_artifacts(self, elements, properties):
        """The marked contents of `elements` (and their descendants) become artifacts, and the
        elements leave the tree."""
        removed = set()
        for element in elements:
            removed.add(element.number)
            removed.update(child.number for child in self.elements(element))
            parent = self.resolve(element["P"])
            parent["K"][:] = [kid for kid in parent["K"] if kid != element.reference]
        if not removed:
            return
        for page_index, marks in self.page_marks.items():
            artifact_ids = set()
            for mcid, reference in enumerate(marks):
                if object_number(reference) in removed:
                    artifact_ids.add(mcid)
                    marks[mcid] = b"null"
            if artifact_ids:
                mark_as_artifacts(self.page_streams[page_index], artifact_ids, properties)
        for number in removed:
            # Unreachable now: emptied, so that no reader takes them for elements.
            self.pdf.objects[number].clear()


def object_number(reference):
    """12 for b"12 0 R"; None for anything else (an MCID, null)."""
    if isinstance(reference, bytes) and reference.endswith(b" R"):
        return int(reference.split()[0])
    return None


def mark_as_artifacts(stream, mcids, properties):
    """`/Tag <</MCID n>> BDC` → `/Artifact BMC` (or BDC with `properties`) in a content stream."""
    operations = stream.stream
    for index in range(1, len(operations) - 1):
        marks = operations[index]
        if (
            isinstance(marks, pydyf.Dictionary)
            and marks.get("MCID") in mcids
            and operations[index + 1] == b"BDC"
        ):
            operations[index - 1] = "/Artifact"
            if properties:
                operations[index] = pydyf.Dictionary(properties)
            else:
                operations[index] = b""
                operations[index + 1] = b"BMC"


def is_decorative(element):
    """A figure without a text alternative: HTML's `alt=""` or a drawing hidden from assistive
    technology (WeasyPrint takes an SVG's alternative from its <title>)."""
    return element.get("S") == "/Figure" and not element.get("Alt")


def group_definition_lists(tree):
    """L > Div > LI(term), LI(description) → L > LI > Lbl(term), LBody(description)."""
    for element in list(tree.elements()):
        if element.get("S") != "/L":
            continue
        for group in tree.kids(element):
            items = list(tree.kids(group))
            if group.get("S") != "/Div" or not items:
                continue
            if any(item.get("S") != "/LI" for item in items):
                continue
            group["S"] = "/LI"
            parts = []
            for item in items:
                for body in tree.kids(item):
                    body["P"] = group.reference
                    parts.append(body)
                item.clear()
            if parts:
                # HTML puts a group's terms before its descriptions.
                parts[0]["S"] = "/Lbl"
            group["K"] = pydyf.Array([part.reference for part in parts])


def wrap_list_item_bodies(tree):
    """LI > Lbl, Span… → LI > Lbl, LBody > Span…: a list item holds a label and a body only."""
    for item in list(tree.elements()):
        if item.get("S") != "/LI":
            continue
        loose = [kid for kid in item["K"] if not is_part_of_item(tree, kid)]
        if not loose:
            continue
        body = pydyf.Dictionary(
            {"Type": "/StructElem", "S": "/LBody", "K": pydyf.Array(loose), "P": item.reference}
        )
        if "Pg" in item:
            body["Pg"] = item["Pg"]
        tree.pdf.add_object(body)
        for kid in loose:
            tree.adopt(kid, body)
        # The body where its first part was (after the label): the reading order is kept.
        position = item["K"].index(loose[0])
        kept = [kid for kid in item["K"] if kid not in loose]
        kept.insert(position, body.reference)
        item["K"] = pydyf.Array(kept)


def is_part_of_item(tree, kid):
    number = object_number(kid)
    return number is not None and tree.pdf.objects[number].get("S") in {"/Lbl", "/LBody"}


def scope_header_cells(document):
    """Each header cell's /Scope, from its `scope` attribute (else Column in a table's head,
    Row elsewhere: the first cell of a body row). WeasyPrint keeps each cell's element as the
    box's `mark` while it tags the table."""
    for page in document.pages:
        for box, in_head in table_cells(page._page_box):
            element = getattr(box, "mark", None)
            if box.element_tag != "th" or element is None:
                continue
            scope = SCOPES.get(box.element.get("scope", "").lower())
            if scope is None:
                scope = "/Column" if in_head else "/Row"
            element["A"]["Scope"] = scope


def table_cells(box, in_head=False):
    """(box, whether it is in a table's head) for `box` and its descendants."""
    in_head = in_head or box.element_tag == "thead"
    yield box, in_head
    for child in getattr(box, "children", ()):
        yield from table_cells(child, in_head)
