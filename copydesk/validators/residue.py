"""The residue lexicon: lines and glued fragments that are site furniture, not article text.

Web extractors keep what a page prints around an article: link lists (``Related:``,
``相关阅读``), share and comment links (``分享到``, ``Share this:``), newsletter and follow
prompts, ``Advertisement`` stubs, editor credit lines (``责任编辑：王某``) and photo credits
(``Credit: Getty Images``, glued in ``…underground.CreditCreditChang W. Lee/The New York
Times``). This module names each kind as a rule and finds them; ``layout.boilerplate``
reports them and ``layout.truncated`` does not take them for the article's last sentence.

The lexicon was shaped on the article-extraction benchmark's five extractor outputs, the
Readability test pages (English and Chinese), magic-html's Chinese references and the Sogou
samples (``shared/corpora``); it was measured, not tuned, on the L3S-GN1 block labels.
newspaper3k's expected texts (np3k, held out until then) shaped the kinds added for issue 10:
like/find/join-us prompts and share bars naming more platforms (``Share this: Share Facebook
Twitter Google WhatsApp Email``), syndication credits (``This article originally appeared on
Fox News.``, ``本文转载自…``), pagination lines (``Next Page Continued on Next Page >> 1 2``,
``上一页 1 2 下一页``), widget labels (``Loading Photo Gallery``, ``Search Videos``, ``Top
Picks``, ``[MUSIC]``, ``点击查看大图``), browser and script notices (``JavaScript is currently
disabled in this browser.``, ``您的浏览器不支持…``), ad-slot labels (``ADVERTISEMENT
ADVERTISEMENT``, ``Story continues below advertisement``, ``Continue reading the main
story``), a number alone beside a share bar (its
counter: ``Tweet`` ⏎ ``4419111``), and, glued inside a line, a forum's edit stamp (``Last
edited by name : 11-04-2005 at 08:58 PM .``) and a ``[MUSIC]`` cue. Each is a whole line
(or a dated stamp): prose that mentions Facebook, a browser or the next page is not taken.
A teaser's link label glued after its sentence end (``…拉开帷幕。［详细］［图集］``, anywhere
in a line; a bare ``…狼狈。详情`` or ``阅读全文`` at a line end: :func:`teaser_links`) is residue
too, shaped on the Sogou samples (100 such labels in 50 teaser pages) and cwced-gold;
``sentence.line-break`` reads :func:`teaser_link`: the sentence before the label ended.
Left out: ``[APPLAUSE]``/``[LAUGHTER]`` (a speech transcript's own text), a number alone away
from a share bar (a score, a list's figure), pagination starting with a page number.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from copydesk.patterns import lazy_compile

_WS = " \t\r\f\v\u3000\u00a0\u200b\ufeff"

#: A share-bar item: a platform or a share verb (``Facebook Twitter Google+ Email``).
_PLATFORM = (
    r"(?:facebook|twitter|google\+?|whatsapp|linkedin|reddit|pinterest|tumblr|telegram|"
    r"flipboard|email|e-mail|messenger|sms|copy link|print|share(?: this)?)"
)
#: A pagination word: ``Next Page``, ``« Previous``, ``Continued on Next Page``, ``下一页``.
_PAGE_WORD = (
    r"(?:(?:next|prev(?:ious)?)(?: page)?|continued on (?:the )?next page|"
    r"上一页|下一页|首页|尾页|末页)"
)
#: What goes with a pagination word on its line: page numbers and arrows.
_PAGE_TOKEN = (
    r"(?:\d{1,3}(?!\d)|page \d{1,3}(?: of \d{1,3})?(?!\d)|第\d{1,3}页|共\d{1,3}页|»|>>|«|<<|›|‹|\|)"
)

#: Whole lines (stripped, case ignored) per kind of residue. A line must match from its
#: start; the patterns with a trailing ``.*`` take a link text after the label.
_LINE_RULES: tuple[tuple[str, str], ...] = (
    (
        "related-links stub",
        r"(?:related(?: (?:stories|articles?|links?|topics|tags|coverage|content|news|posts?|"
        r"reading|video|searches))?|also read|read (?:more|next|also)|see also|"
        r"more (?:stories|news|on this(?: story)?|from [\w ]{1,30})|"
        r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|recommended(?: stories| "
        r"for you| reading)?|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|"
        r"tags|topics)\s*(?:[:：|>»].{0,200})?"
        r"|(?:相关(?:阅读|新闻|报道|文章|推荐|专题)|推荐阅读|热点推荐|热门推荐|阅读下一篇|"
        r"上一篇|下一篇|更多精彩|(?:返回[\u4e00-\u9fff]{1,6}[，,]\s*)?查看更多|点击查看|往期回顾|猜你喜欢|大家都在看)\s*(?:[:：>].{0,200})?",
    ),
    (
        "share or comment links",
        r"(?:share(?: (?:this|on|via)(?: \w+)?)?|tweet|pin|close|"
        r"e-?mail(?: this)?(?: article| story)?|"
        r"print(?: this)?(?: article| story| page)?|comments?|\d+ comments?|leave a comment|"
        r"(?:post|add) a comment|like this|bloggers like this|loading\.\.\.|"
        r"(?:print|email) this article(?: (?:print|email) this article)?|"
        rf"{_PLATFORM}(?:\s*[:：]?[ |/,·•]+{_PLATFORM})+)\s*[:：]?"
        r"|(?:分享到|转播到腾讯微博)(?:[:：].{0,30}|[\s\w|]{0,30})"
        r"|[【\[]?(?:分享|收藏|打印|关闭(?:窗口)?|返回顶部|我要评论|发表评论|评论|纠错|"
        r"微信扫一扫|扫一扫|手机看新闻|字号(?:[:：]?\s*[大中小]\s*){0,3})[】\]]?"
        r"(?:\s*[（(]?\d+[)）]?)?",
    ),
    (
        "newsletter or follow prompt",
        r".{0,80}\b(?:sign up (?:for|to)|subscribe (?:to|for)|get (?:our|the) )"
        r".{0,60}\bnewsletters?\b.{0,120}"
        r"|(?:sign up|subscribe)(?: now| today| here)?\s*[!.]?"
        r"|.{0,40}\b(?:follow (?:us|[\w.@ ]{1,40})|(?:like|find|join|friend) us) on "
        r"(?:twitter|facebook|instagram|linkedin|youtube|tiktok|pinterest|google\+?)(?!\w).{0,80}"
        r"|.{0,20}(?:欢迎关注|扫码关注|关注我们|关注(?:微信)?公众号|长按(?:二维码|识别)).{0,60}",
    ),
    (
        "syndication credit line",
        r"(?:an? (?:earlier |shorter |longer |different )?version of )?"
        r"this (?:article|story|post|piece|column|report|interview|essay|item)"
        r"(?: was)? (?:originally|first) (?:appeared|published|posted|ran)\b.{0,120}"
        r"|本文(?:转载自|转自|来源于|原载于|首发于).{1,40}",
    ),
    (
        "pagination links",
        rf"(?:{_PAGE_TOKEN}\s*)*{_PAGE_WORD}(?:\s*(?:{_PAGE_WORD}|{_PAGE_TOKEN}))*",
    ),
    (
        "widget label",
        r"loading (?:photo |image |video )?(?:gallery|slideshow|player|video|comments)"
        r"(?:\.\.\.|…)?"
        r"|(?:photo|image|video) (?:gallery|slideshow)s?"
        r"|(?:search|more|watch|latest|featured|top|trending) videos?"
        r"|(?:top|editor'?s'?|editors’|staff|our) picks"
        r"|view (?:gallery|slideshow|all photos|photos)"
        r"|click (?:here )?to (?:enlarge|play|view (?:gallery|slideshow|video))"
        r"|[\[(](?:music|music playing|upbeat music|blank_audio|no audio)[\])]"
        r"|点击(?:查看)?大图|点击播放|视频加载中(?:\.\.\.|…)?|图集",
    ),
    (
        "browser or script notice",
        r".{0,80}\b(?:your|this) browser (?:does not|doesn['’]t|is not|isn['’]t|cannot|can['’]t|"
        r"is (?:out of date|outdated|no longer supported)).{0,120}"
        r"|.{0,60}\b(?:update|upgrade|download|install|switch to) (?:to )?(?:a |your |the "
        r"latest |an? )?(?:newer |modern |supported |compatible |different |current )?"
        r"(?:version of (?:your |a )?)?(?:web )?browser"
        r"(?=\s*(?:$|[.,;:!)]|that |which |to |such |like )).{0,120}"
        r"|.{0,60}\bjavascript is (?:currently )?(?:disabled|turned off|not enabled|required)"
        r".{0,120}"
        r"|(?:please )?enable javascript.{0,120}"
        r"|.{0,20}您的浏览器(?:不支持|版本过低|版本太低).{0,60}",
    ),
    (
        "advertisement stub",
        r"(?:advertisement|advertising|advert|sponsored(?: content)?|ad)"
        r"(?:\s+(?:advertisement|advertising|advert|ad))*"
        r"|(?:story|article|text) continues below(?: (?:this )?(?:advertisement|ad))?"
        r"|continue reading (?:the main story|below)",
    ),
    (
        "editor credit line",
        r"[（(【\[]?(?:责任编辑|责编|编辑|实习编辑|本文编辑|值班编辑)\s*[:：]\s*"
        r"[\u4e00-\u9fff·A-Za-z_ ]{0,12}[）)】\]]?",
    ),
    (
        "photo credit line",
        r"(?:image |photo |picture )?credit(?:s)?\s*(?::|\.\.\.|…)\s*.{1,80}"
        r"|(?:photo|image|photograph|picture)s?\s*:\s*.{1,80}"
        r"|image copyright\s+.{1,60}|(?:screenshot|photo|image)s? by .{1,60}",
    ),
    (
        "copyright notice",
        r"(?:©|\(c\)|copyright\b|版权所有|all rights reserved).{0,160}"
        r"|.{0,80}(?:all rights reserved|版权所有"
        r"|未经[^。]{0,20}(?:授权|许可)[^。]{0,20}转载).{0,80}",
    ),
)


@functools.cache
def line_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """``(kind, pattern)`` per rule, compiled on first use (start-up time, issue 12)."""
    return tuple((kind, re.compile(pattern, re.I)) for kind, pattern in _LINE_RULES)


@functools.cache
def _any_rule() -> re.Pattern[str]:
    """All the rules in one pattern, a named group per kind (one match per line, not seven);
    compiled on first use."""
    return re.compile(
        "|".join(f"(?P<k{i}>{pattern})" for i, (_kind, pattern) in enumerate(_LINE_RULES)),
        re.I,
    )


#: A photo credit glued to the sentence before it (no line break): ``underground.CreditCredit
#: Chang W. Lee/The New York Times``, ``experts say.Credit...Anna Moneymaker/The New York
#: Times``, ``a large rodentCredit: The Siberian Times``.
_GLUED_CREDIT = lazy_compile(
    r"(?:Credit){1,2}(?:\s*(?:\.\.\.|…|:)\s*|(?=[A-Z]))"
    r"[A-Z][^\n]{0,80}?(?=(?<=[a-z.])(?=[A-Z][a-z])|\n|$)"
)

#: Residue glued inside a paragraph, not a credit: a forum's edit stamp (vBulletin's ``Last
#: edited by name; 11-04-2005 at 08:58 PM.``: a date and a time, so prose saying who last
#: edited a text is not taken) and a video caption's music cue (``[MUSIC]``, ``[Music]``).
_GLUED_CUE = lazy_compile(
    r"Last edited by [^\n]{1,40}?\s*[;:]\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4},? at "
    r"\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*\.(?!\w))?"
    r"|\[(?:MUSIC|Music)(?: PLAYING| playing)?\]"
)
#: A share counter: a number alone on its line (``4419111``) next to a share bar.
_COUNTER = re.compile(r"\d{1,3}(?:,\d{3})*|\d{1,9}")

#: What a glued credit follows: the end of a word or a sentence.
_BEFORE_CREDIT = frozenset("abcdefghijklmnopqrstuvwxyz.!?”’\"')")


@dataclass(frozen=True, slots=True)
class Residue:
    """One piece of residue: ``[start, end)`` in the text and its kind."""

    start: int
    end: int
    kind: str


#: What a residue line starts with (folded by :func:`fold`, after white space and opening
#: brackets): every rule of :func:`line_rules` matches from one of these or holds one of
#: :data:`_INSIDE` (the prompts and notices with a free lead-in), so a line with neither is no
#: residue. A test run over the whole text before the lexicon's regex, which most lines (the
#: prose) never reach.
_STARTS = (
    "related", "also read", "read more", "read next", "read also", "see also", "more stories",
    "more news", "more on this", "more from ", "you may ", "you might ", "recommended",
    "most read", "most popular", "most viewed", "most shared", "trending", "tags", "topics",
    "相关", "推荐阅读", "热点推荐", "热门推荐", "阅读下一篇", "上一篇", "下一篇", "更多精彩",
    "返回", "查看更多", "点击查看", "往期回顾", "猜你喜欢", "大家都在看",
    "share", "tweet", "pin", "close", "email", "e-mail", "print", "comment", "leave a comment",
    "post a comment", "add a comment", "like this", "bloggers like this", "loading...",
    "facebook", "twitter", "whatsapp", "linkedin", "reddit", "pinterest", "分享到",
    "转播到腾讯微博", "分享", "收藏", "打印", "关闭", "返回顶部", "我要评论", "发表评论", "评论",
    "纠错", "微信扫一扫", "扫一扫", "手机看新闻", "字号",
    "google", "tumblr", "telegram", "flipboard", "messenger", "sms", "copy link",
    "sign up", "subscribe", "ad", "sponsored", "story continues", "article continues",
    "text continues", "continue reading",
    "this article", "this story", "this post", "this piece", "this column", "this report",
    "this interview", "this essay", "this item", "a version", "an earlier version",
    "a shorter version", "a longer version", "a different version", "本文",
    "next", "prev", "continued on", "上一页", "下一页", "首页", "尾页", "末页", "»", ">>", "«",
    "<<", "›", "‹", "|", "page ", "第", "共",
    "loading", "video ", "search video", "more video", "watch video", "latest video",
    "featured video", "top video", "top picks", "editor", "staff picks", "our picks", "view ",
    "click", "music", "upbeat music", "blank_audio", "no audio", "点击", "视频加载中", "图集",
    "责任编辑", "责编", "编辑", "实习编辑", "本文编辑", "值班编辑",
    "image", "photo", "picture", "credit", "screenshot",
    "©", "(c)", "copyright", "版权所有", "all rights reserved",
)  # fmt: skip
#: What a residue line may hold anywhere (folded): the rules with a free lead-in
#: (``… newsletter …``, ``… follow us on twitter``, ``…版权所有…``, ``未经…转载``).
_INSIDE = (
    "newsletter", "on twitter", "on facebook", "on instagram", "on linkedin", "欢迎关注",
    "扫码关注", "关注我们", "关注公众号", "关注微信公众号", "长按二维码", "长按识别",
    "all rights reserved", "版权所有", "未经", "on youtube", "on tiktok", "on pinterest",
    "on google", "browser", "javascript", "浏览器", "next page", "下一页",
)  # fmt: skip


@cache
def _starts_re() -> re.Pattern[str]:
    """A line start followed by one of :data:`_STARTS` (or ``12 comment``).
    Case-sensitive, run on :func:`fold`'s text: a literal ``\\n`` lead and literal
    alternatives are what ``re`` searches fastest; a lookahead for their first characters
    passes over a line none opens with at once (the alternatives are tried one by one)."""
    starts = "|".join(re.escape(k) for k in _STARTS)
    firsts = "".join(sorted({re.escape(k[0]) for k in _STARTS}))
    return re.compile(f"\\n[{_WS}]*[【\\[（(]*(?=[{firsts}]|\\d)(?:{starts}|\\d+ comment)")


def fold(text: str) -> str:
    """``text`` lower-cased so that every character the lexicon's ``re.IGNORECASE`` takes for
    an ASCII letter becomes that letter (``K`` the Kelvin sign, and ``ſ``, ``İ``, ``ı``,
    which ``str.lower`` keeps or expands); no newline is made or lost."""
    if not text.isascii() and ("\u017f" in text or "\u0130" in text or "\u0131" in text):
        text = text.replace("\u017f", "s").replace("\u0130", "i").replace("\u0131", "i")
    return text.lower()


def candidate_lines(text: str) -> list[int]:
    """Indices (in ``text.split("\\n")``) of the lines that may be residue lines, ascending.
    A line left out is sure to match no rule of the lexicon; one kept is asked to
    :func:`line_kind`."""
    folded = "\n" + fold(text)
    rows = set(_rows(folded, [m.start() for m in _starts_re().finditer(folded)]))
    ascii_only, every = _inside_res()
    for pattern in ascii_only if folded.isascii() else every:
        if pattern.search(folded):
            rows.update(_rows(folded, [m.start() for m in pattern.finditer(folded)]))
    return sorted(rows)


@cache
def _inside_res() -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    """The searches for :data:`_INSIDE`, one per first two characters (a literal lead is
    what ``re`` searches fastest): those of the ASCII needles, and all."""
    groups: dict[str, list[str]] = {}
    for k in _INSIDE:
        groups.setdefault(k[:2], []).append(k)
    every = tuple(re.compile("|".join(map(re.escape, g))) for g in groups.values())
    ascii_only = tuple(p for p, g in zip(every, groups.values(), strict=True) if g[0].isascii())
    return ascii_only, every


def _rows(folded: str, positions: list[int]) -> Iterator[int]:
    """The line of each of the ascending ``positions`` of ``folded`` (``"\\n"`` and the
    text: the newline before line ``i`` is its ``i``-th)."""
    row = last = 0  # the line holding position ``last``
    for at in positions:
        row += folded.count("\n", last + 1, at + 1)
        last = at
        yield row


def line_kind(line: str) -> str | None:
    """The kind of residue the whole stripped ``line`` is, or ``None``."""
    t = line.strip(_WS)
    if not t or len(t) > 300 or not candidate_lines(t):
        return None
    return _kind(t)


@cache
def _odd_space() -> re.Pattern[str]:
    """The white space that ``str.strip()`` removes and :data:`_WS` does not hold
    (``\\u2028``, ``\\u2003`` …; not ``\\n``): :func:`candidate_starts` makes each a space."""
    odd = (chr(c) for c in range(0x3001) if chr(c).isspace() and chr(c) not in _WS + "\n")
    return re.compile(f"[{''.join(odd)}]")


def candidate_starts(text: str) -> frozenset[int] | None:
    """The offsets in ``text`` where the lines (ended by ``\\n`` or ``\\r``) start that may be
    residue lines, or ``None`` when any line may be one. :func:`line_kind` of any other
    line, with any white space stripped first (``str.strip()``'s too), is ``None``: one
    search over the text stands for one per line. Its white space made spaces (which
    :data:`_WS` holds), a line meets every search it meets alone, and maybe more."""
    flat = _odd_space().sub(" ", text.replace("\r", "\n") if "\r" in text else text)
    folded = "\n" + fold(flat)
    if len(folded) != len(text) + 1:  # lower() lengthens no code point but İ, which fold() maps
        return None
    ascii_only, every = _inside_res()
    out = {m.start() for m in _starts_re().finditer(folded)}
    for pattern in ascii_only if folded.isascii() else every:
        out.update(_line_starts(folded, (m.start() for m in pattern.finditer(folded))))
    return frozenset(out)


def _line_starts(text: str, offsets: Iterator[int]) -> Iterator[int]:
    """The offset of the ``\n`` before each of the increasing ``offsets`` in ``text`` (which
    starts with one), each looked for only since the offset before: linear on a long line
    with many matches, where a search from the text's start per match was quadratic."""
    line, seen = 0, 0
    for at in offsets:
        nl = text.rfind("\n", seen, at)
        if nl >= 0:
            line = nl
        seen = at
        yield line


def _kind(t: str) -> str | None:
    """The kind of residue the stripped line ``t`` (300 characters at most) is, or ``None``."""
    m = _any_rule().fullmatch(t)
    if m is None or m.lastgroup is None:
        return None
    return _LINE_RULES[int(m.lastgroup[1:])][0]


def glued_credits(text: str) -> Iterator[Residue]:
    """Photo credits glued to a sentence inside a line (``…underground.CreditCreditChang W.
    Lee/The New York Times``); the span runs from ``Credit`` to the credit's end."""
    pos = text.find("Credit")
    while pos >= 0:
        m = _GLUED_CREDIT.match(text, pos) if pos and text[pos - 1] in _BEFORE_CREDIT else None
        if m and ("/" in m.group() or m.group().startswith("CreditCredit") or ":" in m.group()[:9]):
            yield Residue(m.start(), m.end(), "photo credit glued to the text")
            pos = m.end()
        pos = text.find("Credit", pos + 1)


def glued_cues(text: str) -> Iterator[Residue]:
    """Forum edit stamps and video music cues inside a line (:data:`_GLUED_CUE`)."""
    if "Last edited by" not in text and "[M" not in text:
        return
    for m in _GLUED_CUE.finditer(text):
        kind = "forum edit stamp" if m.group().startswith("Last") else "video caption cue"
        yield Residue(m.start(), m.end(), kind)


def share_counters(text: str, found: list[Residue]) -> Iterator[Residue]:
    """Numbers alone on their line (``4419111``) whose non-blank neighbour line is a share
    bar or comment link of ``found``: the bar's counter (a number alone elsewhere, a score
    or a list's figure, is not taken)."""
    bars = [r for r in found if r.kind == "share or comment links"]
    if not bars:
        return
    spans: list[tuple[int, int]] = []  # (start, end) of each non-blank stripped line
    pos = 0
    for line in text.split("\n"):
        t = line.strip(_WS)
        if t:
            a = pos + len(line) - len(line.lstrip(_WS))
            spans.append((a, a + len(t)))
        pos += len(line) + 1
    starts = {a: i for i, (a, _b) in enumerate(spans)}
    for bar in bars:
        i = starts.get(bar.start)
        for j in (i - 1, i + 1) if i is not None else ():
            if 0 <= j < len(spans) and _COUNTER.fullmatch(text, *spans[j]):
                yield Residue(spans[j][0], spans[j][1], "share counter")


#: A link word of a teaser's closing link (``［详细］``, ``【全文】``, ``［现场视频］``).
_LINK_WORD = r"(?:详细|详情|全文|更多|原文|图集|视频)"
#: One closing link: a bracketed label holding a link word (``［　详细　］``, ``［更多消息］``),
#: a link verb and its object (``阅读全文``, ``查看详情``, ``阅读原文``, ``点击查看``), a bare
#: ``详情``, or a link word and its arrow (``全文>>``, ``更多»``). Bare ``详细``, ``更多``,
#: ``全文`` and ``原文`` are left out: each also opens a sentence (``详细情况…``, ``更多的人…``).
_BRACKET_LINK = (
    rf"[\[［【｛{{][ \u3000]*[^\]］】｝}}\n]{{0,8}}?{_LINK_WORD}"
    r"[^\]］】｝}\n]{0,8}?[ \u3000]*[\]］】｝}]"
)
_TEASER_UNIT = (
    rf"{_BRACKET_LINK}"
    r"|(?:阅读|查看|点击查看)(?:详情|全文|原文)|点击查看|详情"
    rf"|{_LINK_WORD}[ \u3000]*(?:>>|＞＞|》》|»|>)"
)
#: What every teaser label holds (a quick test before the searches).
_TEASER_NEEDLES = ("详", "全文", "更多", "原文", "图集", "视频", "点击查看")
#: A teaser's closing links after its sentence end, at the end of a line.
_TEASER_LINK = lazy_compile(
    rf"(?<=[。！？…”」』])[ \t\u3000\u00a0]*(?:{_TEASER_UNIT})"
    rf"(?:[ \t\u3000\u00a0]*(?:{_TEASER_UNIT})){{0,3}}[ \t\u3000\u00a0]*$"
)


#: Bracketed teaser links after a sentence end anywhere in a line (a portal's teaser list
#: flattened to one line: ``…拉开帷幕。［详细］［图集］下一条…``).
_GLUED_TEASER = lazy_compile(
    rf"(?<=[。！？…”」』])[ \t\u3000\u00a0]*({_BRACKET_LINK}"
    rf"(?:[ \t\u3000\u00a0]*{_BRACKET_LINK}){{0,3}})"
)


def teaser_links(text: str) -> Iterator[Residue]:
    """Teaser link labels glued after their sentence: bracketed ones anywhere in a line
    (``…拉开帷幕。［详细］``, ``…解答疑问…［详细］［现场视频］``) and the bare ones of
    :func:`teaser_link` at a line end (``…神情十分狼狈。详情``); the span runs over the
    labels, not the spaces before them."""
    if not any(w in text for w in _TEASER_NEEDLES):
        return
    found = {m.start(1): m.end(1) for m in _GLUED_TEASER.finditer(text)}
    pos = 0
    for line in text.split("\n"):
        at = teaser_link(line)
        if at is not None:
            a = pos + at + len(line[at:]) - len(line[at:].lstrip(_WS))
            found.setdefault(a, pos + len(line.rstrip(_WS)))
        pos += len(line) + 1
    for a in sorted(found):
        yield Residue(a, found[a], "teaser link label")


def teaser_link(line: str) -> int | None:
    """Where the link label that closes a teaser starts in ``line``, or ``None``: a label of
    :data:`_TEASER_UNIT` (or up to four in a row) right after a sentence end, closing the
    line (``…神情十分狼狈。详情``, ``…拉开帷幕。［详细］``, ``…解答疑问…［详细］［现场视频］``).
    A portal's teaser is a lead sentence and a link to the story; the copy keeps the link's
    text. The sentence end before it is required, so a sentence that ends on ``详情``
    (``了解详情``) is no label. Shaped on the Sogou samples' teaser pages (100 bracketed labels in
    50 records of sogou-sohu and sogou-ten) and one ``详情`` of cwced-gold."""
    tail = max(0, len(line) - 60)  # four labels, the spaces between: well under 60
    m = _TEASER_LINK.search(line, tail)
    return None if m is None else m.start()


def stands_alone(prev: str, line: str) -> bool:
    """``line`` is a line of its own, not the wrapped end of a sentence of ``prev`` (the
    non-blank line above): it does not start in lower case, and ``prev`` does not run into
    it (a line of 20+ characters ending in a letter, an ideograph, ``,``, ``，`` or ``、``,
    as hard-wrapped columns do: ``…kept⏎under⏎close⏎guard``, ``…发表署名⏎评论说，…``)."""
    if line[:1].islower():
        return False
    p = prev.rstrip(_WS)
    return not (len(p) >= 20 and (p[-1].isalpha() or p[-1] in ",，、"))


def find_residue(text: str) -> list[Residue]:
    """Every residue line of ``text`` that stands alone (white space around it excluded)
    and every glued credit, sorted by offset."""
    out: list[Residue] = []
    lines = text.split("\n")
    pos = row = 0  # ``pos``: the offset of line ``row``
    for i in candidate_lines(text):
        t = lines[i].strip(_WS)
        if not t or len(t) > 300:
            continue
        kind = _kind(t)
        if kind and stands_alone(lines[i - 1].strip(_WS) if i else "", t):
            pos += sum(map(len, lines[row:i])) + i - row
            row = i
            a = pos + len(lines[i]) - len(lines[i].lstrip(_WS))
            out.append(Residue(a, a + len(t), kind))
    out.extend({r.start: r for r in share_counters(text, out)}.values())
    taken = [(r.start, r.end) for r in out]
    for r in (*glued_credits(text), *glued_cues(text), *teaser_links(text)):
        if not any(x < r.end and r.start < y for x, y in taken):
            out.append(r)
    return sorted(out, key=lambda r: (r.start, r.end))
