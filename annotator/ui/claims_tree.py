"""The "claims by speaker" tree, kept up to date one action at a time.

Rebuilding the tree after every action would make each action slower the more claims an
article has (making the items again is most of it), while an action changes a span or
two. So the tree keeps what it shows: the spans by id, which claim each speaker and
target belongs to, and one item per claim, placed by bisection. After an action only the
claims it touched are taken out and put back: the claim itself, or the claims of a
speaker or target it changed, or those a link it added or removed points from.

Groups are ordered by their first claim and claims by their place in the text (start,
end, id), as ``annotation_panel.claims_by_speaker`` orders them for a fresh tree.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from annotator.core.model import Changes, Relation, Span

Order = tuple[int, int, int]  # a claim's (start, end, id)


class ClaimsTree:
    def __init__(self, tree: QTreeWidget, speaker_title: Callable[[str], str], id_role: int):
        self.tree = tree
        self.speaker_title = speaker_title  # the group's name as shown ("(no speaker)" translated)
        self.id_role = id_role
        self.no_speaker = ""
        self.text = ""
        self._reset()

    def _reset(self) -> None:
        self.spans: dict[int, Span] = {}
        self.speaker_of: dict[int, int] = {}       # claim id -> speaker span id (SAID_BY)
        self.target_of: dict[int, int] = {}        # claim id -> target span id (ABOUT)
        self.claims_of: dict[int, set[int]] = defaultdict(set)  # speaker or target id -> claim ids
        self.members: dict[str, list[Order]] = {}  # group name -> its claims, in order
        self.group_order: list[tuple[Order, str]] = []  # (first claim, name), in order
        self.groups: dict[str, QTreeWidgetItem] = {}
        self.items: dict[int, tuple[str, QTreeWidgetItem]] = {}  # claim id -> (group, item)

    def show(self, text: str, spans: Iterable[Span], relations: Iterable[Relation], no_speaker: str) -> None:
        """Everything anew: a document was opened."""
        self.tree.clear()
        self._reset()
        self.text, self.no_speaker = text, no_speaker
        self.spans = {span.id: span for span in spans if span.id > 0}
        for relation in relations:
            self._link(relation)
        self.tree.setUpdatesEnabled(False)
        try:
            for claim in sorted((s for s in self.spans.values() if s.label == "CLAIM"), key=_order):
                self._place(claim.id)
        finally:
            self.tree.setUpdatesEnabled(True)

    def apply(self, changes: Changes) -> None:
        """Show what one action changed."""
        touched: set[int] = set()
        for span in changes.spans_removed:
            self.spans.pop(span.id, None)
            touched |= {span.id, *self.claims_of.get(span.id, ())}
        for span in (*changes.spans_added, *changes.spans_changed):
            if span.id > 0:
                self.spans[span.id] = span
                touched |= {span.id, *self.claims_of.get(span.id, ())}
        for relation in changes.relations_removed:
            self._unlink(relation)
            touched.add(relation.head)
        for relation in changes.relations_added:
            self._link(relation)
            touched.add(relation.head)
        for claim_id in sorted(touched):
            self._take(claim_id)
            span = self.spans.get(claim_id)
            if span is not None and span.label == "CLAIM":
                self._place(claim_id)

    # -- links --------------------------------------------------------------------------------

    def _link(self, relation: Relation) -> None:
        links = {"SAID_BY": self.speaker_of, "ABOUT": self.target_of}.get(relation.type)
        if links is not None:
            links[relation.head] = relation.child
            self.claims_of[relation.child].add(relation.head)

    def _unlink(self, relation: Relation) -> None:
        links = {"SAID_BY": self.speaker_of, "ABOUT": self.target_of}.get(relation.type)
        if links is not None and links.get(relation.head) == relation.child:
            del links[relation.head]
            self.claims_of[relation.child].discard(relation.head)

    # -- items ----------------------------------------------------------------------------------

    def _group_of(self, claim_id: int) -> str:
        speaker = self.spans.get(self.speaker_of.get(claim_id, 0))
        if speaker is None:
            return self.no_speaker
        return speaker.attrs.get("entity") or self.text[speaker.start:speaker.end]

    def _row(self, claim: Span) -> list[str]:
        words = self.text[claim.start:claim.end]
        shown = words if len(words) <= 80 else words[:79] + "…"
        target = self.spans.get(self.target_of.get(claim.id, 0))
        if target is not None:
            shown += f" ← {self.text[target.start:target.end]}"
        return [shown, claim.attrs.get("stance", "")]

    def _place(self, claim_id: int) -> None:
        claim = self.spans[claim_id]
        name, order = self._group_of(claim_id), _order(claim)
        group = self.groups.get(name)
        if group is None:
            group = self.groups[name] = QTreeWidgetItem(["", ""])
            self.members[name] = []
            self._insert_group(name, order, group)
        elif order < self.members[name][0]:
            self._move_group(name, order)
        item = QTreeWidgetItem(self._row(claim))
        item.setData(0, self.id_role, claim_id)
        members = self.members[name]
        index = bisect_left(members, order)
        members.insert(index, order)
        group.insertChild(index, item)
        self.items[claim_id] = (name, item)
        self._title(name)

    def _take(self, claim_id: int) -> None:
        placed = self.items.pop(claim_id, None)
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
        """Put the group in its place among the others, by its first claim."""
        index = bisect_left(self.group_order, (first, name))
        self.group_order.insert(index, (first, name))
        self.tree.insertTopLevelItem(index, group)
        group.setExpanded(True)

    def _move_group(self, name: str, first: Order, old_first: Order | None = None) -> None:
        """The group's first claim is now ``first``: put the group in its place again."""
        group = self.groups[name]
        old = (self.members[name][0] if old_first is None else old_first, name)
        self.group_order.remove(old)
        self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(group))
        self._insert_group(name, first, group)

    def _title(self, name: str) -> None:
        self.groups[name].setText(0, f"{self.speaker_title(name)} ({len(self.members[name])})")


def _order(span: Span) -> Order:
    return (span.start, span.end, span.id)
