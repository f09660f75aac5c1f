"""Boilerplate removal for scraped articles: which lines to keep, which to drop, and why.

Works line by line on ``Article.text`` and never changes it: kept regions become Blocks and
dropped ones Removed records, both in offsets of the original text, so spans found later
point into what the user gave us.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

from parallax.clean import dates
from parallax.clean.phrases import REASONS, phrase_book
from parallax.clean.phrases import TOKEN as _TOKEN
from parallax.clean.rules import classify, stamp
from parallax.clean.text import (
    Line,
    ends_with_period,
    fold,
    fold_aligned,
    has_letter,
    letter_count,
    split_lines,
    split_pieces,
    words,
)
from parallax.model import Article, Block, Cleaning, Removed

READ_ALSO = "read-also"
CONTACT = "contact"
MAX_HEADLINE_CHARS = 160
MAX_TITLE_CHARS = 250
MIN_BODY_WORDS_AFTER_DATELINE = 2
# A stamp below the first lines of the body (a title the cleaner took for body, a lead above the
# stamp) still dates the article when none came before it; further down it dates a comment.
MAX_BODY_LINES_BEFORE_STAMP = 3
# Notices that run over several sentences (a cookie banner, a paywall, a newsletter prompt): the
# sentences between two of its phrases inside one line (a few at most) belong to the notice.
NOTICE_REASONS = frozenset({"cookie", "paywall", "subscribe", "contact"})
# Junk that is long by nature: a notice, a form's field list.
LONG_REASONS = NOTICE_REASONS | {"form"}
# A sentence of prose may be a date or a number alone ("12 March.", "2019."): inside a line,
# only what its words say marks a sentence as junk.
LINE_ONLY_REASONS = frozenset({"timestamp", "lone-number", "symbols"})
MAX_PIECE_WORDS = 16
MAX_NOTICE_GAP = 2
MIN_HEAD_WORDS = 2  # a headline glued before a notice keeps at least this many words
# A notice inside a sentence: phrases of notices at most this many words apart, and the few
# words trailing its last phrase to the end of the sentence.
MIN_RUN_PHRASES = 2
MAX_RUN_GAP_WORDS = 8
MAX_RUN_TRAILER_WORDS = 3


def clean(article: Article) -> Cleaning:
    """Split an article's text into kept blocks (title, dateline, body) and removed junk.

    A pure function of the article. Lines of "read also" and "partner news" blocks take the
    list of headlines they introduce with them.
    """
    lines = split_lines(article.text)
    verdicts = {line.index: reason for line in lines if not line.blank and (reason := classify(line.text))}
    lines, verdicts = _with_junk_sentences_apart(lines, verdicts)
    _drop_link_lists(lines, verdicts)
    return _Assembler(article, verdicts).run(lines)


def _with_junk_sentences_apart(
    lines: list[Line], verdicts: dict[int, str]
) -> tuple[list[Line], dict[int, str]]:
    """Kept lines holding a junk sentence, split into their sentences (re-indexed with the rest).

    Most scraped text comes with few line breaks or none: the notices, "read also" and share
    rows glued into a line are judged sentence by sentence, as lines of their own would be.
    """
    split: list[Line] = []
    judged: dict[int, str] = {}
    for line in lines:
        pieces = split_pieces(line) if not line.blank and line.index not in verdicts else []
        judged_pieces = _judged_pieces(pieces) if pieces else []
        if not any(reason for _, reason in judged_pieces):
            if line.index in verdicts:
                judged[len(split)] = verdicts[line.index]
            split.append(replace(line, index=len(split)))
            continue
        for piece, reason in judged_pieces:
            if reason:
                judged[len(split)] = reason
            split.append(replace(piece, index=len(split)))
    return split, judged


def _judged_pieces(pieces: list[Line]) -> list[tuple[Line, str | None]]:
    """Each piece with the reason it is junk (None: kept); a notice glued after a headline
    ("<headline> Registered users can ...") is cut off where its phrase starts."""
    judged: list[tuple[Line, str | None]] = []
    for piece in pieces:
        # A line of one sentence was classified whole: only a notice inside it is looked for.
        reason = classify(piece.text) if len(pieces) > 1 else None
        run = None if reason else _notice_run(piece)
        if run:
            judged += _split_at_run(piece, *run)
            continue
        reason = reason or _notice_tail(piece)
        if reason in LINE_ONLY_REASONS:
            reason = None
        elif reason and reason not in LONG_REASONS and len(words(piece.text)) > MAX_PIECE_WORDS:
            reason = None  # a credit or "read also" glued to the prose after it: the prose wins
        head = _notice_start(piece) if reason in NOTICE_REASONS else 0
        if head:
            judged.append((replace(piece, end=piece.start + len(piece.text[:head].rstrip()),
                                   text=piece.text[:head].rstrip()), None))
            piece = replace(piece, start=piece.start + head, text=piece.text[head:], joined=True)
        judged.append((piece, reason))
    notices = [i for i, (_, reason) in enumerate(judged) if reason in NOTICE_REASONS]
    for first, last in itertools.pairwise(notices):
        if last - first - 1 > MAX_NOTICE_GAP or judged[first][1] != judged[last][1]:
            continue
        for i in range(first + 1, last):
            if judged[i][1] is None:
                judged[i] = (judged[i][0], judged[first][1])
    return judged


def _notice_run(piece: Line) -> tuple[int, int, str] | None:
    """(start, end, reason) of a run of notice phrases inside a sentence, a few words apart at
    most ("<headline> Sign up to ... alerts Subscribe Thank you for subscribing See our privacy
    notice Invalid email <first sentence>"): the run is the notice, what is around it stays."""
    folded = fold(piece.text)
    spans = [span for span in phrase_book().specific.spans(folded) if span.whole_words]
    folded_tokens = list(_TOKEN.finditer(folded))
    tokens = list(_TOKEN.finditer(fold_aligned(piece.text)))
    if len(spans) < MIN_RUN_PHRASES or len(tokens) != len(folded_tokens):
        return None
    index = {token.start(): i for i, token in enumerate(folded_tokens)}
    ends = {token.end(): i for i, token in enumerate(folded_tokens)}
    bounds = [(index[span.start], ends[span.end], span.key) for span in spans]
    run: list[tuple[int, int, str]] = []
    for bound in bounds:
        if run and bound[0] - run[-1][1] - 1 > MAX_RUN_GAP_WORDS:
            if len(run) >= MIN_RUN_PHRASES:
                break
            run = []
        run.append(bound)
    if len(run) < MIN_RUN_PHRASES:
        return None
    first, last = run[0][0], run[-1][1]
    if len(tokens) - 1 - last <= MAX_RUN_TRAILER_WORDS:  # "..., click here": the rest goes too
        last = len(tokens) - 1
    return tokens[first].start(), tokens[last].end(), REASONS[run[0][2]]


def _split_at_run(piece: Line, start: int, end: int, reason: str) -> list[tuple[Line, str | None]]:
    """The piece as (text before the run, kept), (the run, junk), (text after it, kept)."""
    if end >= len(piece.text.rstrip(" .!?")):
        end = len(piece.text)
    parts = []
    for begin, stop, verdict in ((0, start, None), (start, end, reason), (end, len(piece.text), None)):
        text = piece.text[begin:stop]
        stripped = text.strip()
        if not stripped:
            continue
        offset = begin + len(text) - len(text.lstrip())
        line = replace(piece, start=piece.start + offset, end=piece.start + offset + len(stripped),
                       text=stripped, joined=piece.joined or bool(parts))
        parts.append((line, verdict))
    return parts


def _notice_tail(piece: Line) -> str | None:
    """The reason of a notice that ends a long sentence ("<prose> Original-Content von: ..."):
    from its first phrase to the end, the piece is what a line of that notice would be."""
    spans = phrase_book().specific.spans(fold(piece.text))
    if not spans:
        return None
    start = _notice_start(piece)
    if not start:
        return None
    reason = classify(piece.text[start:])
    return reason if reason in NOTICE_REASONS else None


def _notice_start(piece: Line) -> int:
    """Where in the piece the notice's phrase starts, when words come before it (else 0)."""
    folded = fold(piece.text)
    span = phrase_book().specific.spans(folded)
    if not span:
        return 0
    folded_tokens = list(_TOKEN.finditer(folded))
    tokens = list(_TOKEN.finditer(fold_aligned(piece.text)))
    # Words that fold apart differently (an apostrophe variant, a mark inside a word) leave
    # the offsets unknown: the piece goes whole.
    if len(tokens) != len(folded_tokens):
        return 0
    start = span[0].start
    before = sum(token.end() <= start for token in folded_tokens)
    if before < MIN_HEAD_WORDS or before >= len(tokens):
        return 0
    inside = start - folded_tokens[before].start()  # > 0: a phrase of a script without spaces, inside a run
    if inside > 0 and len(tokens[before].group()) != len(folded_tokens[before].group()):
        return 0
    return tokens[before].start() + max(inside, 0)


def _drop_link_lists(lines: list[Line], verdicts: dict[int, str]) -> None:
    """Headlines under a "read also" line go with it, up to a blank line or a prose paragraph;
    the short lines under a contact heading (a name, an office, a phone), up to a prose paragraph."""
    no_prose_from = _no_prose_from(lines, verdicts)
    for line in lines:
        if verdicts.get(line.index) == CONTACT:
            _drop_contact_block(lines, line.index, verdicts)
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


def _drop_contact_block(lines: list[Line], index: int, verdicts: dict[int, str]) -> None:
    # Blank lines do not end a contact block (releases put each of its lines apart).
    for follower in map(lines.__getitem__, range(index + 1, len(lines))):
        if follower.blank or follower.index in verdicts:
            continue
        if not _is_headline(follower.text):
            break
        verdicts[follower.index] = CONTACT


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
                self._body(line.start + prefix.end, line.end, line.text[prefix.end :], line.joined)
                return
            if self.title is None and not line.piece and self._is_title(line, lines[position + 1 :]):
                self.title = line.text
                self.blocks.append(Block(line.start, line.end, "title"))
                return
        self.body_started = True
        self._body(line.start, line.end, line.text, line.joined)

    def _is_title(self, line: Line, following: list[Line]) -> bool:
        if self.article.title:
            return _same_title(line.text, self.article.title)
        more_content = any(not other.blank and other.index not in self.verdicts for other in following)
        substantive = len(words(line.text)) >= 2 or letter_count(line.text) >= 4
        short = len(line.text) <= MAX_TITLE_CHARS
        return more_content and substantive and short and not ends_with_period(line.text)

    def _body(self, start: int, end: int, text: str, joined: bool = False) -> None:
        self.body_lines += not joined
        if self.paragraph is not None and (joined or _continues(self.last_text, text)):
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
