"""``layout.not-article``: records whose body is not an article at all.

An extraction pipeline emits a record per page or per segment whether or not it found an
article there: the site's notice or an extractor's error text (a 404 page, a login wall, a
browser notice), a running head cut out alone, an OCR fragment of a few characters, a photo
caption or a headline standing in for the body, a channel page of teasers, a table of
contents. Each kind is a named rule below; the first that fires is reported, with its
figures, over the whole body.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import islice

from copydesk.patterns import lazy_compile
from copydesk.record import ArticleRecord
from copydesk.validators.analysis import TextAnalysis, analyse
from copydesk.validators.registry import Hit, check
from copydesk.validators.text import furniture

_WS = " \t\r\f\v\u3000\u00a0\u200b\ufeff\ue40c"
_CJK_CHARS = r"\u3400-\u9fff\uf900-\ufaff"
#: What is not a CJK character, in runs: removed, the CJK characters are left to count (one
#: string made, not a list of one string per character).
_NOT_CJK = lazy_compile(f"[^{_CJK_CHARS}]+")
_WORD = re.compile(rf"[^\W\d_{_CJK_CHARS}]{{2,}}|\d+")
#: An error page: ``The content you are looking for is unavailable``.
_LOST_PAGE = (
    r"(?:page|content|article|story|file) you (?:are|were|['’]re) "
    r"(?:looking for|trying to (?:reach|access|view)|requested)"
)
_NO_PAGE = r"(?:couldn['’]t|could not|can['’]t|cannot) find (?:the|that|this) page"
#: A login wall: ``Don't have an account? Register now for free, or sign in with any of
#: these services:`` (the question asked, the services unnamed: prose says ``users who
#: already have an account can sign in with Google``).
_ACCOUNT = r"(?:don['’]t|already) have an account\?"
_SIGN_IN_WITH = (
    r"(?:sign|log) ?in (?:with|using) "
    r"(?:any of these|one of these|your (?:account|e-?mail))"
)
#: A browser-support notice: ``your browser does not support…``, ``it is necessary to
#: download a browser that can support it`` (``browser`` closing the phrase: ``update a
#: browser feature`` is prose).
_OLD_BROWSER = r"(?:your|this) browser (?:does not|doesn['’]t|is not|isn['’]t|cannot|can['’]t)"
_GET_BROWSER = (
    r"(?:download|update|upgrade|install) (?:to )?(?:a|your|the latest|an? (?:newer|modern|"
    r"supported|compatible|different)) (?:version of (?:your )?)?browser"
    r"(?=\s*(?:$|[.,;:!)\n]|that|which|to |such|like))"
)
_LOGIN_ZH = r"(?:登录|登陆)后(?:查看|阅读|继续|评论)|请(?:先)?(?:登录|登陆)"
_BROWSER_ZH = r"您的浏览器(?:不支持|版本过低|版本太低)"
#: Site notices, disclaimers and extractor placeholders that stand in for an article.
_NOTICE = lazy_compile(
    r"[^。\n]{0,30}仅提供信息存储空间服务[^。\n]{0,100}。?"
    r"|[^。\n]{0,30}内容均由(?:上网)?用户提供[^。\n]{0,100}。?"
    r"|[^。\n]{0,30}尊重(?:权利人|知识产权)[^。\n]{0,60}。?"
    r"|(?:根据相关法律(?:法规)?规定)?[^。\n]{0,40}(?:应权利人通知|未予显示)[^。\n]{0,60}。?"
    r"|(?:page|article|story|content) (?:not found|is (?:no longer )?(?:available|unavailable)|"
    r"has been (?:removed|deleted))[^\n]{0,200}"
    r"|(?:please )?enable javascript[^\n]{0,200}"
    r"|javascript is (?:currently )?(?:disabled|required)[^\n]{0,200}"
    r"|(?:you must|please) (?:log ?in|sign ?in|subscribe|register) to (?:read|continue|view)"
    r"[^\n]{0,200}"
    r"|(?:404|403|500)\s*(?:[-:|]\s*)?(?:not found|forbidden|error)[^\n]{0,100}"
    r"|access denied[^\n]{0,200}|are you a robot\?[^\n]{0,200}"
    r"|(?:页面|文章|内容)(?:不存在|已删除|已被删除|无法显示|未找到)[^\n]{0,100}"
    r"|(?:404|抱歉)[，,]?(?:您(?:访问|要找|所访问)的)?页面(?:不存在|找不到|已删除)[^\n]{0,100}"
    rf"|[^\n]{{0,80}}{_LOST_PAGE}[^\n]{{0,200}}|[^\n]{{0,40}}{_NO_PAGE}[^\n]{{0,200}}"
    rf"|{_ACCOUNT}[^\n]{{0,100}}|[^\n]{{0,60}}{_SIGN_IN_WITH}[^\n]{{0,100}}"
    rf"|[^\n]{{0,80}}(?:{_OLD_BROWSER}|{_GET_BROWSER})[^\n]{{0,200}}"
    rf"|[^\n]{{0,30}}(?:{_LOGIN_ZH}|{_BROWSER_ZH})[^\n]{{0,60}}",
    re.I,
)
#: The words one of :data:`_NOTICE`'s notices cannot do without (each alternative's core,
#: its free context ``[^。\n]{0,30}`` around cut off): a text without any has no notice, so
#: the slow whole-text scan of :data:`_NOTICE` (its context runs tried at every position)
#: runs only on the few texts that have one.
_NOTICE_CORE_SOURCE = (
    r"仅提供信息存储空间服务|内容均由(?:上网)?用户提供|尊重(?:权利人|知识产权)|应权利人通知|未予显示"
    r"|(?:page|article|story|content) (?:not found|is (?:no longer )?(?:available|unavailable)|"
    r"has been (?:removed|deleted))"
    r"|enable javascript|javascript is (?:currently )?(?:disabled|required)"
    r"|(?:you must|please) (?:log ?in|sign ?in|subscribe|register) to (?:read|continue|view)"
    r"|(?:404|403|500)\s*(?:[-:|]\s*)?(?:not found|forbidden|error)"
    r"|access denied|are you a robot\?"
    r"|(?:页面|文章|内容)(?:不存在|已删除|已被删除|无法显示|未找到)"
    r"|(?:404|抱歉)[，,]?(?:您(?:访问|要找|所访问)的)?页面(?:不存在|找不到|已删除)"
    rf"|{_LOST_PAGE}|{_NO_PAGE}|{_ACCOUNT}|{_SIGN_IN_WITH}|{_OLD_BROWSER}|{_GET_BROWSER}"
    rf"|{_LOGIN_ZH}|{_BROWSER_ZH}"
)
_NOTICE_CORE = lazy_compile(_NOTICE_CORE_SOURCE, re.I, gate=True)
#: Words one of :data:`_NOTICE_CORE`'s cores cannot do without, in lower case: found by
#: plain substring search, so most texts are cleared without running a pattern at all.
_NOTICE_WORDS = (
    *("仅提供信息存储空间服务", "用户提供", "尊重", "应权利人通知", "未予显示", "页面"),
    *("不存在", "已删除", "已被删除", "无法显示", "未找到", "not found", "available"),
    *("removed", "deleted", "javascript", " to read", " to continue", " to view"),
    *("forbidden", "error", "access denied", "are you a robot?", "looking for", "trying to"),
    *("requested", "find th", "an account", "in with", "in using", "browser", "登录", "登陆"),
    *("浏览器",),
)
#: :data:`_NOTICE_CORE` (all in lower case) matched on the lower case of a text: the same
#: as ignoring case, and twice as fast, unless the text holds one of :data:`_FOLDS_TO_ASCII`.
_NOTICE_CORE_LOWER = lazy_compile(_NOTICE_CORE_SOURCE, gate=True)
#: Non-ASCII letters ``re.IGNORECASE`` matches to an ASCII letter that ``str.lower`` does
#: not map to it (``İ`` lowers to two code points): a text with one is searched with the
#: pattern itself.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
#: Teaser links of a channel or list page: ``［详细］``, ``【详细】``, ``Read more``.
_TEASER = re.compile(r"[［\[【｛{]\s*(?:详细|全文|更多)\s*[］\]】｝}]")
#: A teaser cut short: a line of 40+ characters ending in an ellipsis (``…to support local
#: Boy Scout, Brandon Mendoza, with earning his Eagle Scout Rank, the highest grade in......``).
_CUT_TEASER = re.compile(r".{37,}(?:\.{3,}|…)")
_FULL_STOP = lazy_compile(r"[。！？!?.…][」』”’\"')）]*$")
#: A sentence end inside or at the end of a line (hard-wrapped prose has many).
_STOPS = lazy_compile(r"[。！？]|[.!?](?=[\s”’\"')]|$)")
_SENT_END = re.compile(r"[。！？!?.…」』”；;，,、：:]$")


def units(text: str) -> int:
    """Article length in comparable units: CJK characters plus two per Latin word or number
    (a Latin word carries about two characters' worth of a Chinese sentence)."""
    return len(_NOT_CJK.sub("", text)) + 2 * len(_WORD.findall(text))


def units_at_least(text: str, least: int) -> bool:
    """``units(text) >= least``, counted on a prefix first: a prefix never has more units
    than the whole text (a word cut at its end counts at most as much), so a long text is
    settled by its first ``4 * least`` code points."""
    head = text[: 4 * least]
    return units(head) >= least or (len(head) < len(text) and units(text) >= least)


def notices(text: str) -> list[str]:
    """The site notices and placeholders of ``text`` (:data:`_NOTICE`'s matches), found by
    one scan of the whole text, and only when one of their core words is there."""
    if not _may_hold_notice(text):
        return []
    return [m.group() for m in _NOTICE.finditer(text)]


def _may_hold_notice(text: str) -> bool:
    """``text`` holds a core of :data:`_NOTICE_CORE`: one of :data:`_NOTICE_WORDS` must be
    in its lower case first (the Latin cores are matched ignoring case)."""
    if _FOLDS_TO_ASCII.search(text) is not None:
        return _NOTICE_CORE.search(text) is not None
    low = text.lower()
    return any(w in low for w in _NOTICE_WORDS) and _NOTICE_CORE_LOWER.search(low) is not None


def notice_share(text: str) -> float:
    """The share of the body's units that site notices and placeholders cover."""
    found = notices(text)
    total = units(text) if found else 0
    if not total:
        return 0.0
    return sum(units(m) for m in found) / total


#: A line (between ``\n`` or ``\ue40c``) stripped of :data:`_WS`, blank lines never.
_LINE = re.compile(f"[^\n{_WS}](?:[^\n\ue40c]*[^\n{_WS}])?")


def _lines(text: str) -> list[str]:
    """The non-blank lines of ``text``, stripped: found once per text, read by every rule."""
    return analyse(text).memo(_build_lines)


def _build_lines(an: TextAnalysis) -> list[str]:
    return _LINE.findall(an.text)


def _at_least(pattern: re.Pattern[str], text: str, least: int) -> bool:
    """``pattern`` matches ``text`` ``least`` times or more (the count stops there)."""
    return least <= 0 or next(islice(pattern.finditer(text), least - 1, None), None) is not None


def is_running_head_alone(text: str) -> bool:
    """Every line of the body is page furniture (a running head, a page number)."""
    lines = _lines(text)
    return bool(lines) and all(furniture(ln) for ln in lines)


def teaser_count(text: str) -> int:
    """Teaser links (``［详细］``, ``【更多】``) in the body."""
    return len(_TEASER.findall(text))


def is_cut_teaser_list(text: str, *, min_lines: int = 5, share: float = 0.6) -> bool:
    """A channel page of teasers each cut short: ``min_lines`` or more lines, ``share`` of
    them or more 40+ characters long and ending in an ellipsis (``...``, ``…``). An article
    ends a paragraph so only now and then (a quotation trailing off)."""
    lines = _lines(text)
    if len(lines) < min_lines or ("..." not in text and "…" not in text):
        return False
    cut = sum(_CUT_TEASER.fullmatch(ln) is not None for ln in lines)
    return cut >= min_lines and cut >= share * len(lines)


def looks_hard_wrapped(lines: list[str]) -> bool:
    """Lines cut at a column width: a fifth or more of them start in lower case (a sentence
    running on), or 30 % or more share one width (±1, 8+ characters)."""
    if 5 * sum(ln[:1].islower() for ln in lines) >= len(lines):
        return True
    widths = Counter(len(ln) for ln in lines)
    best = max((widths[w - 1] + widths[w] + widths[w + 1] for w in widths if w >= 8), default=0)
    return 10 * best >= 3 * len(lines)


def runs_on_as_prose(lines: list[str], min_lines: int = 3) -> bool:
    """``min_lines`` or more lines of three words or more that start in lower case: a
    sentence wrapped over lines (``Tho following are tho members of`` ⏎ ``tho Punahou
    Preparatory School`` ⏎ ``whose graduating exercises were``). A newspaper item that
    lists a programme, or an article among navigation links, has them; a menu
    (``newspapers`` ⏎ ``web sites``) or a table of contents does not."""
    return sum(ln[:1].islower() and len(ln.split()) >= 3 for ln in lines) >= min_lines


def is_list_page(text: str, *, min_lines: int = 8, share: float = 0.85) -> bool:
    """A table of contents or link list: ``min_lines`` or more lines, ``share`` of them short
    (at most 40 characters) without sentence or clause punctuation at the end, and at most 2
    lines of 60+ characters: a page of links with an article on it is not a list page; nor
    are hard-wrapped columns of prose (a sentence end for every 5 lines or fewer,
    :func:`looks_hard_wrapped` or :func:`runs_on_as_prose`)."""
    lines = _lines(text)
    if len(lines) < min_lines or _at_least(_STOPS, text, -(-len(lines) // 5)):
        return False
    if looks_hard_wrapped(lines) or runs_on_as_prose(lines):
        return False
    if sum(len(ln) >= 60 for ln in lines) > 2:
        return False
    short = sum(len(ln) <= 40 and not _SENT_END.search(ln) for ln in lines)
    return short >= share * len(lines)


def is_stub(text: str, min_units: int) -> bool:
    """Under ``min_units`` units and not one complete sentence: a headline, a label or an
    OCR fragment standing in for the body (a short body of whole sentences, a news flash or
    a caption, passes)."""
    if units_at_least(text, min_units):
        return False
    return not any(_FULL_STOP.search(ln) for ln in _lines(text))


@check("layout.not-article", severity="warning", fields=("body",))
def not_article(
    record: ArticleRecord,
    *,
    min_units: int = 60,
    notice_share_min: float = 0.5,
    min_teasers: int = 2,
) -> Iterator[Hit]:
    """A body that is not an article: a notice, a placeholder, a fragment, a stub, a list.

    Defect: the pipeline emitted a record where it found no article: a site notice or an
    extractor's error text as the body (``中国雅虎侠客平台仅提供信息存储空间服务，其内容均由
    上网用户提供。…``), a running head alone, an OCR fragment, a photo caption or a headline
    standing in for the body, a channel page of teasers, a table of contents.
    Example: Sogou news samples: 27 Yahoo China pages whose body is the portal's storage
    notice; ``四川美院女生遭前男友发艳照报复`` (a headline as the whole body); a channel
    page of teasers each closing ``［详细］``. newspaper3k's expected texts (np3k): a 404
    page (``404 Not Found … The content you are looking for is unavailable.``), a login wall
    (``Don’t have an account? Register now for free, or sign in with any of these
    services:``), a browser notice (``…it is necessary to download a browser that can
    support it, such as Firefox, Chrome, or Safari.``), channel pages of teasers each cut off
    with ``...``.
    Rule: the first that fires, over the whole body: (a) site notices and placeholders
    (``仅提供信息存储空间服务``, ``内容均由用户提供``, ``page not found``, ``enable JavaScript``,
    ``subscribe to read``, ``页面不存在``; error pages ``the page you are looking for…``,
    login walls ``Don't have an account?``, ``sign in with any of these``, ``登录后查看``,
    browser notices ``your browser does not support…``, ``download a browser that…``,
    ``您的浏览器不支持``) cover at least ``notice_share_min`` of the body; (b) every line is
    page furniture (a running head alone); (c) ``min_teasers`` or more teaser links
    (``［详细］``, ``【更多】``) in a body under 1000 units, or a list of teasers cut short:
    5+ lines, 60 % of them or more 40+ characters long ending in an ellipsis; (d) a
    list page: 8+ lines, 85 % of them short (≤ 40 characters) without sentence or
    clause punctuation at the end, at most 2 lines of 60+ characters, fewer than one
    sentence end per 5 lines, and not hard-wrapped (a fifth of the lines starting in
    lower case, or 30 % of one width: columns have short lines too), nor with 3+ lines
    of three words or more starting in lower case (a sentence wrapped over lines: a
    list-shaped newspaper item such as a commencement programme in OverProof, or an
    article among navigation links in L3S); (e) a stub: under ``min_units`` units (CJK
    characters plus two per Latin word or number: 60 Chinese characters, 30 English
    words) and no line ending a sentence (a headline, a label, an OCR fragment).
    Limits: an empty body is ``schema.empty-field``'s. A short body of whole sentences (a
    photo caption standing in for the article, ``图为…。``) passes: it cannot be told from a
    news flash. A notice inside a long article is not judged here
    (``layout.boilerplate``). Thresholds were set on the Sogou and magic-html samples; on the
    gold and clean texts (People's Daily 2019, OverProof, the extraction-benchmark and BL
    golds) no record falls under them. The English error-page, login-wall and browser
    notices and the cut-teaser lists were shaped on np3k (a development source for this rule
    since); a notice phrase in prose counts only when the phrase closes (``update a browser
    extension`` is not one) and the notices cover half the body, so a short article about
    browsers or accounts can still be taken for one.
    """
    body = record.body
    if not body or not body.strip(_WS + "\n"):
        return
    a = len(body) - len(body.lstrip(_WS + "\n"))
    b = len(body.rstrip(_WS + "\n"))
    text = body[a:b]
    reason = None
    if notice_share(text) >= notice_share_min:
        reason = "a site notice or placeholder, not an article"
    elif is_running_head_alone(text):
        reason = "page furniture alone (a running head or page number)"
    elif teaser_count(text) >= min_teasers and not units_at_least(text, 1000):
        reason = f"a list of teasers ({teaser_count(text)} `［详细］` links)"
    elif is_cut_teaser_list(text):
        reason = "a list of teasers each cut short with an ellipsis"
    elif is_list_page(text):
        reason = f"a list page or table of contents ({len(_lines(text))} short lines)"
    elif is_stub(text, min_units):
        n = units(text)
        reason = f"a stub of {n} units without a complete sentence: a fragment or a headline"
    if reason:
        yield Hit("body", a, b, f"not an article: {reason}")
