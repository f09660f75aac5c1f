"""Boilerplate removal for scraped articles: which lines to keep, which to drop, and why.

Works line by line on ``Article.text`` and never changes it: kept regions become Blocks and
dropped ones Removed records, both in offsets of the original text, so spans found later
point into what the user gave us.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parallax.clean import dates
from parallax.clean.rules import classify, stamp
from parallax.clean.text import Line, ends_with_period, fold, has_letter, letter_count, split_lines, words
from parallax.model import Article, Block, Cleaning, Removed

READ_ALSO = "read-also"
MAX_HEADLINE_CHARS = 160
MAX_TITLE_CHARS = 250
MIN_BODY_WORDS_AFTER_DATELINE = 2
# A stamp below the first lines of the body (a title the cleaner took for body, a lead above the
# stamp) still dates the article when none came before it; further down it dates a comment.
MAX_BODY_LINES_BEFORE_STAMP = 3


def clean(article: Article) -> Cleaning:
    """Split an article's text into kept blocks (title, dateline, body) and removed junk.

    A pure function of the article. Lines of "read also" and "partner news" blocks take the
    list of headlines they introduce with them.
    """
    lines = split_lines(article.text)
    verdicts = {line.index: reason for line in lines if not line.blank and (reason := classify(line.text))}
    _drop_link_lists(lines, verdicts)
    return _Assembler(article, verdicts).run(lines)


def _drop_link_lists(lines: list[Line], verdicts: dict[int, str]) -> None:
    """Headlines under a "read also" line go with it, up to a blank line or a prose paragraph."""
    no_prose_from = _no_prose_from(lines, verdicts)
    for line in lines:
        if verdicts.get(line.index) != READ_ALSO:
            continue
        started = False
        # By index, not over a copy of the rest: a text of many "read also" lines would copy
        # the rest of its lines for each.
        for follower in map(lines.__getitem__, range(line.index + 1, len(lines))):
            if follower.blank:
                # Blank lines inside a trailing run of links (nothing but links to the end) do not stop it.
                if started and not no_prose_from[follower.index]:
                    break
                continue
            if follower.index in verdicts:
                started = True
                continue
            if not _is_headline(follower.text):
                break
            verdicts[follower.index] = READ_ALSO
            started = True


def _no_prose_from(lines: list[Line], verdicts: dict[int, str]) -> list[bool]:
    """For each line: is everything from here to the end junk, blank or headline-like?"""
    flags = [True] * (len(lines) + 1)
    for line in reversed(lines):
        plain = line.blank or line.index in verdicts or _is_headline(line.text)
        flags[line.index] = plain and flags[line.index + 1]
    return flags


def _is_headline(text: str) -> bool:
    return len(text) <= MAX_HEADLINE_CHARS and has_letter(text) and not ends_with_period(text)


@dataclass
class _Assembler:
    article: Article
    verdicts: dict[int, str]
    blocks: list[Block] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    title: str | None = None
    datelines: list[tuple[str, str | None]] = field(default_factory=list)  # (text, ISO date)
    body_started: bool = False
    paragraph: list[int] | None = None  # [start, end] of the body paragraph being built
    last_text: str = ""
    body_lines: int = 0

    def run(self, lines: list[Line]) -> Cleaning:
        for position, line in enumerate(lines):
            if line.blank:
                self._end_paragraph()
            elif line.index in self.verdicts:
                self._junk(line)
            else:
                self._kept(line, lines, position)
        self._end_paragraph()
        return Cleaning(
            blocks=sorted(self.blocks, key=lambda block: block.start),
            removed=sorted(self.removed, key=lambda region: region.start),
            title=self.title or self.article.title,
            dateline=self.datelines[0][0] if self.datelines else None,
            published=next((iso for _, iso in self.datelines if iso), None),
        )

    def _junk(self, line: Line) -> None:
        self._end_paragraph()
        reason = self.verdicts[line.index]
        found = stamp(line.text) if reason == "timestamp" and self._stamp_may_date_article() else None
        if found is None:
            self._remove(line.start, line.end, reason)
            return
        # A stamp above the body is the dateline; what trails it (views, source) is junk.
        start, end = line.start, line.start + found.match.end
        self._dateline(start, end, dates.iso_date(found.match))
        if found.rest_reason:
            self._remove(line.start + found.rest_start, line.end, found.rest_reason)

    def _stamp_may_date_article(self) -> bool:
        return not self.body_started or (
            not self.datelines and self.body_lines <= MAX_BODY_LINES_BEFORE_STAMP
        )

    def _kept(self, line: Line, lines: list[Line], position: int) -> None:
        # The lines after this one are only read (and copied) while the title is looked for:
        # copying them for every line would cost the square of the article's length.
        if not self.body_started:
            prefix = dates.dateline_prefix(line.text)
            if prefix is not None and len(words(line.text[prefix.end :])) >= MIN_BODY_WORDS_AFTER_DATELINE:
                self._dateline(line.start, line.start + prefix.end, dates.iso_date(prefix))
                self.body_started = True
                self._body(line.start + prefix.end, line.end, line.text[prefix.end :])
                return
            if self.title is None and self._is_title(line, lines[position + 1 :]):
                self.title = line.text
                self.blocks.append(Block(line.start, line.end, "title"))
                return
        self.body_started = True
        self._body(line.start, line.end, line.text)

    def _is_title(self, line: Line, following: list[Line]) -> bool:
        if self.article.title:
            return _same_title(line.text, self.article.title)
        more_content = any(not other.blank and other.index not in self.verdicts for other in following)
        substantive = len(words(line.text)) >= 2 or letter_count(line.text) >= 4
        short = len(line.text) <= MAX_TITLE_CHARS
        return more_content and substantive and short and not ends_with_period(line.text)

    def _body(self, start: int, end: int, text: str) -> None:
        self.body_lines += 1
        if self.paragraph is not None and _continues(self.last_text, text):
            self.paragraph[1] = end
        else:
            self._end_paragraph()
            self.paragraph = [start, end]
        self.last_text = text

    def _end_paragraph(self) -> None:
        if self.paragraph is not None:
            self.blocks.append(Block(self.paragraph[0], self.paragraph[1], "body"))
        self.paragraph = None
        self.last_text = ""

    def _dateline(self, start: int, end: int, iso: str | None) -> None:
        text = self.article.text[start:end]
        stripped_end = start + len(text.rstrip())
        self.blocks.append(Block(start, stripped_end, "dateline"))
        self.datelines.append((self.article.text[start:stripped_end], iso))

    def _remove(self, start: int, end: int, reason: str) -> None:
        self.removed.append(Removed(start, end, self.article.text[start:end], reason))


def _same_title(line: str, title: str) -> bool:
    a, b = fold(line), fold(title)
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    return shorter in longer and len(shorter) >= 0.8 * len(longer)


def _continues(previous: str, text: str) -> bool:
    """A hard-wrapped paragraph: the previous line stops mid-sentence and this one goes on in lower case."""
    first_letter = next((ch for ch in text if ch.isalpha()), "")
    return bool(previous) and not ends_with_period(previous) and first_letter.islower()
