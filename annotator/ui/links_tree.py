"""The tree beside the article: the spans a schema's first relation ties, grouped by what
they are tied to (in the default schema, each speaker's claims), kept up to date one
action at a time.

The first relation type names the tree's two labels: its head label's spans are the
items, each grouped under the child its first relation ties it to, the group titled with
the child's name (its name attribute, else its words). The head's other relations show
after its words (`` ← `` and the child's words), and each closed attribute of the head
label has a column of its own.

Rebuilding the tree after every action would make each action slower the more spans an
article has (making the items again is most of it), while an action changes a span or
two. So the tree keeps what it shows: the spans by id, which heads each child belongs
to, and one item per head, placed by bisection. After an action only the heads it
touched are taken out and put back: the head itself, or the heads of a child it changed,
or those a link it added or removed points from.

Groups are ordered by their first head and heads by their place in the text (start, end,
id), as a tree made afresh orders them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from annotator.core.model import Changes, Relation, Span
from annotator.core.schema import Attribute, Label, RelationType, Schema
from annotator.ui.bidi import isolate, isolate_words
from annotator.ui.i18n import interface_language

Order = tuple[int, int, int]  # a head's (start, end, id)
UNLINKED = ""  # the group of heads with no child: no child's name is empty (a span has words)
LONGEST_WORDS = 80  # a head's words are cut to this many characters


@dataclass(frozen=True)
class TreeShape:
    """What the tree shows for a schema."""

    grouping: RelationType  # its head label's spans are the items, grouped by its child
    head: Label
    child: Label
    shown_links: tuple[RelationType, ...]  # the head's other relations, shown after its words
    columns: tuple[Attribute, ...]  # the head label's closed attributes, a column each


def tree_shape(schema: Schema) -> TreeShape | None:
    """The tree for ``schema``: grouped by its first relation; None for a schema without
    relations, where nothing ties one span to another."""
    if not schema.relations:
        return None
    grouping = schema.relations[0]
    head = schema.label(grouping.head)
    return TreeShape(
        grouping=grouping,
        head=head,
        child=schema.label(grouping.child),
        shown_links=tuple(r for r in schema.relations_of(head.name) if r != grouping),
        columns=tuple(a for a in head.attributes if a.values),
    )


class LinksTree:
    def __init__(self, tree: QTreeWidget, id_role: int):
        self.tree = tree
        self.id_role = id_role
        self.shape: TreeShape | None = None
        self.unlinked_title = ""
        self.text = ""
        self._reset()

    def follow(self, shape: TreeShape | None, unlinked_title: str) -> None:
        """Show what ``shape`` says from the next document on; ``unlinked_title`` names the
        group of heads with no child."""
        self.tree.clear()
        self._reset()
        self.shape, self.unlinked_title = shape, unlinked_title

    def _reset(self) -> None:
        self.spans: dict[int, Span] = {}
        self.child_of: dict[str, dict[int, int]] = defaultdict(dict)  # relation -> head id -> child id
        self.heads_of: dict[int, set[int]] = defaultdict(set)  # child id -> head ids
        self.members: dict[str, list[Order]] = {}  # group name -> its heads, in order
        self.group_order: list[tuple[Order, str]] = []  # (first head, name), in order
        self.groups: dict[str, QTreeWidgetItem] = {}
        self.items: dict[int, tuple[str, QTreeWidgetItem]] = {}  # head id -> (group, item)

    def show(self, text: str, spans: Iterable[Span], relations: Iterable[Relation]) -> None:
        """Everything anew: a document was opened."""
        self.tree.clear()
        self._reset()
        self.text = text
        if self.shape is None:
            return
        self.spans = {span.id: span for span in spans if span.id > 0}
        for relation in relations:
            self._link(relation)
        self.tree.setUpdatesEnabled(False)
        try:
            for head in sorted((s for s in self.spans.values() if self._is_item(s)), key=_order):
                self._place(head.id)
        finally:
            self.tree.setUpdatesEnabled(True)

    def apply(self, changes: Changes) -> None:
        """Show what one action changed."""
        if self.shape is None:
            return
        for head_id in sorted(self._touched(changes)):
            self._take(head_id)
            span = self.spans.get(head_id)
            if span is not None and self._is_item(span):
                self._place(head_id)

    def _touched(self, changes: Changes) -> set[int]:
        """The heads whose item ``changes`` may alter, with the spans and links taken in."""
        touched: set[int] = set()
        for span in changes.spans_removed:
            self.spans.pop(span.id, None)
            touched |= {span.id, *self.heads_of.get(span.id, ())}
        for span in (*changes.spans_added, *changes.spans_changed):
            if span.id > 0:
                self.spans[span.id] = span
                touched |= {span.id, *self.heads_of.get(span.id, ())}
        for relation in changes.relations_removed:
            self._unlink(relation)
            touched.add(relation.head)
        for relation in changes.relations_added:
            self._link(relation)
            touched.add(relation.head)
        return touched

    def _is_item(self, span: Span) -> bool:
        return span.label == self.shape.head.name

    # -- links --------------------------------------------------------------------------------

    def _shows(self, relation: Relation) -> bool:
        shape = self.shape
        return relation.type == shape.grouping.name or any(r.name == relation.type for r in shape.shown_links)

    def _link(self, relation: Relation) -> None:
        if self._shows(relation):
            self.child_of[relation.type][relation.head] = relation.child
            self.heads_of[relation.child].add(relation.head)

    def _unlink(self, relation: Relation) -> None:
        links = self.child_of.get(relation.type)
        if links is not None and links.get(relation.head) == relation.child:
            del links[relation.head]
            self.heads_of[relation.child].discard(relation.head)

    def _child(self, relation: RelationType, head_id: int) -> Span | None:
        return self.spans.get(self.child_of[relation.name].get(head_id, 0))

    # -- items ----------------------------------------------------------------------------------

    def _group_of(self, head_id: int) -> str:
        child = self._child(self.shape.grouping, head_id)
        if child is None:
            return UNLINKED
        return self.shape.child.shown_name(child.attrs, self.text[child.start:child.end])

    def _row(self, head: Span) -> list[str]:
        words = self.text[head.start:head.end]
        shown = words if len(words) <= LONGEST_WORDS else words[:LONGEST_WORDS - 1] + "…"
        children = [self._child(relation, head.id) for relation in self.shape.shown_links]
        for child in filter(None, children):
            shown = f"{isolate_words(shown)} ← {isolate_words(self.text[child.start:child.end])}"
        language = interface_language()
        return [shown, *(column.shown_value(head.attrs.get(column.name, ""), language) for column in self.shape.columns)]

    def _place(self, head_id: int) -> None:
        head = self.spans[head_id]
        name, order = self._group_of(head_id), _order(head)
        group = self.groups.get(name)
        if group is None:
            group = self.groups[name] = QTreeWidgetItem([""] * (1 + len(self.shape.columns)))
            self.members[name] = []
            self._insert_group(name, order, group)
        elif order < self.members[name][0]:
            self._move_group(name, order)
        item = QTreeWidgetItem(self._row(head))
        item.setData(0, self.id_role, head_id)
        members = self.members[name]
        index = bisect_left(members, order)
        members.insert(index, order)
        group.insertChild(index, item)
        self.items[head_id] = (name, item)
        self._title(name)

    def _take(self, head_id: int) -> None:
        placed = self.items.pop(head_id, None)
        if placed is None:
            return
        name, item = placed
        group, members = self.groups[name], self.members[name]
        index = group.indexOfChild(item)
        group.takeChild(index)
        first = members[0]
        del members[index]
        if not members:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(group))
            self.group_order.remove((first, name))
            del self.groups[name], self.members[name]
        else:
            if index == 0:
                self._move_group(name, members[0], first)
            self._title(name)

    def _insert_group(self, name: str, first: Order, group: QTreeWidgetItem) -> None:
        """Put the group in its place among the others, by its first head."""
        index = bisect_left(self.group_order, (first, name))
        self.group_order.insert(index, (first, name))
        self.tree.insertTopLevelItem(index, group)
        group.setExpanded(True)

    def _move_group(self, name: str, first: Order, old_first: Order | None = None) -> None:
        """The group's first head is now ``first``: put the group in its place again."""
        group = self.groups[name]
        old = (self.members[name][0] if old_first is None else old_first, name)
        self.group_order.remove(old)
        self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(group))
        self._insert_group(name, first, group)

    def _title(self, name: str) -> None:
        title = self.unlinked_title if name == UNLINKED else isolate(name)
        self.groups[name].setText(0, f"{title} ({len(self.members[name])})")


def _order(span: Span) -> Order:
    return (span.start, span.end, span.id)
