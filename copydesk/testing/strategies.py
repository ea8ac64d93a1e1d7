"""Hypothesis strategies: realistic article records, and the defects extraction puts in them.

``articles(language="zh"|"en")`` draws a correct record (DESIGN.md §2) built from real
sentence shapes: an opening dateline, a byline, quoted speech with its attribution, subheads,
dates (single days, ranges, weekdays, ``截至…``), figures with units and shares, paragraphs of
varied length. The sentences are real: the Chinese ones are the hand-corrected People's
Daily 2023-11-09 p1 articles (``fixtures/rmrb-2023-11-09-p1/gold.jsonl``), the English ones
the human-corrected Sydney Morning Herald text of the OverProof evaluation set. Dates and
figures are drawn into real sentence templates so that they can be varied and corrupted.

``DEFECTS`` maps every check id to a strategy of :class:`Corrupted` values: a clean record
corrupted the way extraction corrupts it (a column wrap inside a sentence, glyph-positioning
spaces, a ■ box read as text, two articles run together, a misread digit, ...), with the
exact :class:`Span` s it corrupted, so a test can demand a finding over every one of them.
Schema checks get strategies that break the record's structure; corpus checks
(``schema.duplicate-id``) get two records.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

__all__ = [
    "DEFECTS",
    "EN_SENTENCES",
    "ZH_SENTENCES",
    "Article",
    "Corrupted",
    "Span",
    "article_parts",
    "articles",
    "corpora",
    "defect",
]

# -- real sentences ------------------------------------------------------------------------
#: Sentences of the corrected People's Daily 2023-11-09 p1 articles, without dates or figures
#: (those are drawn into templates below), each one whole. Sentences that repeat another's
#: words (the speech and the reactions quoting it) were left out so that a generated record
#: never repeats a block by chance.
ZH_SENTENCES: tuple[str, ...] = (
    (
        "当今世界变乱交织，百年变局加速演进，如何解决发展赤字、破解安全困境、加强文明互鉴，是我们"
        "共同面临的时代课题。"
    ),
    "我们要深化交流、务实合作，共同推动构建网络空间命运共同体迈向新阶段。",
    "深化数字领域国际交流合作，加速科技成果转化。",
    (
        "加快信息化服务普及，缩小数字鸿沟，在互联网发展中保障和改善民生，让更多国家和人民共享互联"
        "网发展成果。"
    ),
    "尊重网络主权，尊重各国的互联网发展道路和治理模式。",
    "遵守网络空间国际规则，不搞网络霸权。",
    "深化网络安全务实合作，有力打击网络违法犯罪行为，加强数据安全和个人信息保护。",
    "中方愿同各方携手落实《全球人工智能治理倡议》，促进人工智能安全发展。",
    (
        "加强网络文明建设，促进优质网络文化产品生产传播，充分展示人类优秀文明成果，积极推动文明传"
        "承发展，共同建设网上精神家园。"
    ),
    "信息革命时代潮流浩荡前行，网络空间承载着人类对美好未来的无限憧憬。",
    (
        "聚焦破解绿色低碳发展面临的瓶颈制约，探索不同资源禀赋和发展基础的城市和园区碳达峰路径，为"
        "全国提供可操作、可复制、可推广的经验做法。"
    ),
    "同时，中国知识产权转化运用也持续加强。",
    "申长雨表示，下一步，将进一步加快建设知识产权强国，更好服务创新驱动发展。",
    (
        "与会人士纷纷表示，习近平主席的致辞凝聚合作共识、激发奋进力量，为共同推动构建网络空间命运"
        "共同体迈向新阶段进一步指明了方向。"
    ),
    (
        "进入智能时代，未来互联网作为人工智能技术和产业的重要基础，将进一步促进数字经济发展，形成"
        "更加普惠繁荣的网络空间。"
    ),
    "世界互联网大会乌镇峰会已经成为互联网领域最具影响力的国际性会议之一。",
    (
        "中国在互联网领域的发展成就、在人工智能等领域所取得的进展，为其他国家尤其是发展中国家树立"
        "了很好的榜样。"
    ),
    "人工智能是人类发展的新领域，带来重大机遇，也伴随着难以预知的风险挑战。",
    "国际电信联盟副秘书长兰曼瑙斯卡斯呼吁，回到可持续发展的轨道，让技术确保社会和平、繁荣、包容。",
    (
        "要持续加强网络安全技术创新，搭建安全公共服务平台，为加强数据安全和保护个人信息提供更多服"
        "务和产品。"
    ),
    "近年来，借助互联网技术，古老的敦煌文化正在‘走’出洞窟，登上世界舞台、飞入寻常百姓家。",
    "我们将不断坚定文化自信，秉持开放包容，坚持守正创新，充分展示敦煌文化的深厚魅力。",
    "专利开放许可等制度加快落地，有力促进了经济高质量发展。",
    "各国应结合各自国情，坚持互联互通、共享共治，开展务实合作，携手应对挑战。",
    "作为问答式在线社区，我们将继续为网友们分享知识、交流经验提供好的平台和服务。",
    "站在新起点上，我们将立足职责使命，积极推进全球数字基础设施建设普及，促进数字技术赋能产业。",
)

#: Quoted speech as the seed prints it: ``“S1。S2。”`` and the attribution after it.
ZH_QUOTES: tuple[tuple[str, str], ...] = (
    (
        "习近平主席的致辞为我们指明了努力方向。助力互联网内容产业发展，是我们的责任。",
        "知乎创始人周源表示。",
    ),
    ("只有合作我们才能够进一步让各项技术更好地发挥作用。", "国际电信联盟副秘书长说。"),
    ("非洲渴望携手合作。", "多次受邀参会的“非洲互联网之父”尼·奎诺表示。"),
    (
        "回首过往，互联网推动和支撑了全球云计算技术和产业发展。信息化服务的普及缩小了数字鸿沟。",
        "之江实验室主任王坚说。",
    ),
    (
        "习近平主席在致辞中多次强调安全。作为网络安全科技创业者，我感到责任重大。",
        "一家网络安全企业的创始人说。",
    ),
)

ZH_HEADLINES: tuple[str, ...] = (
    "共同推动构建网络空间命运共同体迈向新阶段",
    "《国家碳达峰试点建设方案》发布",
    "中国全球百强科技创新集群数量世界第一",
    "世界互联网大会乌镇峰会开幕",
    "知识产权强国建设加快推进",
)
ZH_SUBHEADS: tuple[str, ...] = (
    "开放合作：让更多国家人民共享互联网发展成果",
    "共享共治：推动网络空间更加和平安全",
    "交流互鉴：共同建设网上精神家园",
)
ZH_CITIES: tuple[str, ...] = ("北京", "杭州", "上海", "广州", "乌镇", "深圳")
ZH_REPORTERS: tuple[str, ...] = ("刘志强", "宋晨", "郝薇薇", "王云松")
#: (topic, measure) for ``{topic}连续{n}年位居世界第一`` and a subheadline ``{topic}连续{n}年居首``.
ZH_RANKINGS: tuple[str, ...] = ("PCT国际专利申请量", "全球百强科技创新集群数量", "数字经济规模")
#: ``{subject}分别达到{a}万件、{b}万件。`` and the like: figures with units.
ZH_FIGURE_TEMPLATES: tuple[str, ...] = (
    "中国有效发明专利和商标拥有量分别达到{a}万件、{b}万件。",
    "2022年著作权年登记量达{a}万件。",
    "方案明确选择{n}个具有典型代表性的城市和园区开展碳达峰试点建设。",
)
ZH_SHARE_TEMPLATE = "专利密集型产业和版权产业增加值占GDP的比重分别达到{p}%、{q}%。"

#: Sentences of the corrected Sydney Morning Herald text (OverProof dataset 2), whole.
EN_SENTENCES: tuple[str, ...] = (
    (
        "We were not let into the secret of the locality the ore was found in, but we expect shor"
        "tly to hear further news."
    ),
    (
        "The magistrates deserve the thanks of the inhabitants for the spontaneous movement they "
        "have made in this matter."
    ),
    (
        "No more convincing proof of their general good luck can be afforded than in the fact tha"
        "t their licenses were cheerfully paid."
    ),
    (
        "In every case where common industry is exercised good wages are obtained by the Tuena di"
        "ggers, but large earnings are by no means uncommon."
    ),
    (
        "Since Tuena was made a Police station matters have proceeded much more peaceably than wa"
        "s formerly the case."
    ),
    "The broken stones seem to contain an extraordinary quantity of pulverised matter.",
    (
        "No doubt this is a judicious step, as it is not likely that means will fail to apply the"
        " material when prepared."
    ),
    "This quantity of material should macadamise the greater portion of our streets.",
    (
        "Respecting the old town of Drayton, or West Drayton as it will be most likely called, it"
        " is not dying away as people formerly thought."
    ),
    (
        "Madame Flora, who is called the Fire Queen, appeared to partake of the nature of a salam"
        "ander."
    ),
    "Some parties are now engaged in testing, by deep sinking, the surrounding ranges.",
    "Their general conduct has been remarkably peaceable and orderly.",
    "The European miners are generally contented, and doing well.",
    "The men under my command, with one exception, have been steady and well behaved.",
    "The attendance of buyers was good, and the bidding for some lots was spirited.",
    (
        "The pressing demand for America being satisfied, a decline of rates may now be looked fo"
        "rward to."
    ),
    "This was an action of ejectment to recover possession of two small cottages at Paddington.",
    "His Honor told the jury that the conveyance was only completed on delivery.",
    "The goods having been furnished, Lawrence tendered his own bill in payment.",
    (
        "Many houses in the lower parts of the town have been completely under water, and one or "
        "two have fallen down."
    ),
    "The weather has retarded operations, and the floods have done considerable damage.",
    "Numerous works in the vicinity of Wagga Wagga and Gundagai are in hand.",
    (
        "On the Mudgee Road all the works for the year are in progress, but have been retarded by"
        " the weather."
    ),
    (
        "The bridges at Yellowmundi Lagoon, Cattai Creek, and on the Blacktown Road are being pro"
        "ceeded with."
    ),
)
EN_HEADLINES: tuple[str, ...] = (
    "THE WESTERN GOLDFIELDS",
    "STREET IMPROVEMENTS",
    "SUPREME COURT",
    "PUBLIC WORKS",
)
EN_CITIES: tuple[str, ...] = ("SYDNEY", "BATHURST", "GOULBURN", "MAITLAND")
EN_MONTHS: tuple[str, ...] = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
EN_FIGURE_TEMPLATE = "The returns for the quarter show {n} ounces of gold forwarded by the escort."

_WEEKDAYS_ZH = "一二三四五六日"


# -- values ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Span:
    """A half-open code-point span of one field (``start == end == 0``: the whole field)."""

    field: str
    start: int
    end: int
    record: int = 0  # which record of :attr:`Corrupted.records` (corpus defects)

    def overlaps(self, field_name: str, start: int, end: int) -> bool:
        if field_name != self.field:
            return False
        if self.start == self.end or start == end:
            return True
        return start < self.end and self.start < end


@dataclass(frozen=True)
class Article:
    """A generated record and what it is made of (for corruption)."""

    record: dict[str, Any]
    language: str
    #: (start, end) of each paragraph of the body that is prose (not a subhead).
    prose: tuple[tuple[int, int], ...] = ()
    #: named spans in the body: ``date``, ``range``, ``weekday``, ``as_of``, ``figure``,
    #: ``share``, ``ranking``, ``quote`` (a quoted speech with two sentences) ...
    marks: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Corrupted:
    """A corrupted record (or records) and the spans the corruption touched."""

    check: str
    records: tuple[dict[str, Any], ...]
    spans: tuple[Span, ...]
    clean: tuple[dict[str, Any], ...]
    note: str = ""

    @property
    def record(self) -> dict[str, Any]:
        return self.records[-1]


# -- clean articles -------------------------------------------------------------------------
_PUB_MIN = _dt.date(2015, 2, 1)
_PUB_MAX = _dt.date(2024, 10, 31)


def _weekday_zh(d: _dt.date) -> str:
    return "星期" + _WEEKDAYS_ZH[d.weekday()]


class _Body:
    """Builds a body paragraph by paragraph and remembers where things are."""

    def __init__(self) -> None:
        self.paras: list[str] = []
        self.prose: list[int] = []
        self.marks: dict[str, tuple[int, int, int]] = {}  # name -> (para, start, end)

    def add(self, text: str, prose: bool = True, **marks: tuple[int, int]) -> None:
        idx = len(self.paras)
        self.paras.append(text)
        if prose:
            self.prose.append(idx)
        for name, (s, e) in marks.items():
            self.marks[name] = (idx, s, e)

    def build(self) -> tuple[str, tuple[tuple[int, int], ...], dict[str, tuple[int, int]]]:
        offsets, pos = [], 0
        for p in self.paras:
            offsets.append(pos)
            pos += len(p) + 1
        body = "\n".join(self.paras)
        prose = tuple((offsets[i], offsets[i] + len(self.paras[i])) for i in self.prose)
        marks = {k: (offsets[i] + s, offsets[i] + e) for k, (i, s, e) in self.marks.items()}
        return body, prose, marks


def _sentences_into_paragraphs(draw: Any, sentences: list[str], sep: str = "") -> list[str]:
    """Group sentences into paragraphs of 1-3 sentences."""
    out: list[str] = []
    i = 0
    while i < len(sentences):
        n = draw(st.integers(1, 3))
        out.append(sep.join(sentences[i : i + n]))
        i += n
    return out


@st.composite
def _zh_article(
    draw: Any, force: frozenset[str] = frozenset(), pool: tuple[str, ...] = ZH_SENTENCES
) -> Article:
    pub = draw(st.dates(_PUB_MIN, _PUB_MAX))
    lag = draw(st.integers(0, 3))
    dl_date = pub - _dt.timedelta(days=lag)
    city = draw(st.sampled_from(ZH_CITIES))
    agency = draw(st.sampled_from(("新华社", "本报")))
    dateline = f"{agency}{city}{dl_date.month}月{dl_date.day}日电"
    reporter = draw(st.sampled_from(ZH_REPORTERS))
    pool = list(draw(st.permutations(pool)))
    n_sent = draw(st.integers(3, 8))
    body = _Body()

    # 1. opening paragraph: the dateline, then a sentence with the event's date
    event = dl_date
    first = f"{dateline} {event.month}月{event.day}日，{pool.pop()}"
    s = len(dateline) + 1
    body.add(first, date=(s, s + len(f"{event.month}月{event.day}日")))

    # 2. the text: plain sentences, a quote, figures, more dates, subheads
    extras: list[tuple[str, dict[str, tuple[int, int]]]] = []
    want = set(force)
    for opt in ("range", "weekday", "as_of", "figure", "share", "ranking", "quote"):
        if opt in want or draw(st.booleans()):
            want.add(opt)
    if "range" in want:
        start = event - _dt.timedelta(days=draw(st.integers(20, 40)))
        start = start.replace(day=min(start.day, 20))
        end_day = start.day + draw(st.integers(1, 3))
        if end_day <= 28:
            d = f"{start.month}月{start.day}日至{end_day}日"
            text = f"此前，相关会议{d}在{city}举行。"
            i = text.index(d)
            extras.append((text, {"range": (i, i + len(d))}))
    if "weekday" in want:
        d = f"{event.month}月{event.day}日（{_weekday_zh(event)}）"
        extras.append((f"{d}，{pool.pop()}", {"weekday": (0, len(d))}))
    if "as_of" in want:
        before = event - _dt.timedelta(days=draw(st.integers(40, 300)))
        d = f"{before.year}年{before.month}月"
        extras.append((f"截至{d}，{pool.pop()}", {"as_of": (2, 2 + len(d))}))
    if "figure" in want:
        tpl = draw(st.sampled_from(ZH_FIGURE_TEMPLATES))
        a = f"{draw(st.integers(100, 999))}.{draw(st.integers(1, 9))}"
        b = f"{draw(st.integers(1000, 4999))}.{draw(st.integers(1, 9))}"
        n = str(draw(st.integers(100, 300)))
        text = tpl.format(a=a, b=b, n=n)
        fig = f"{a}万件" if "{a}" in tpl else f"{n}个"
        i = text.index(fig)
        extras.append((text, {"figure": (i, i + len(fig))}))
    if "share" in want:
        p = f"{draw(st.integers(10, 30))}.{draw(st.integers(10, 99))}"
        q = f"{draw(st.integers(2, 9))}.{draw(st.integers(10, 99))}"
        text = ZH_SHARE_TEMPLATE.format(p=p, q=q)
        i = text.index(p + "%")
        extras.append((text, {"share": (i, i + len(p) + 1)}))
    ranking = None
    if "ranking" in want:
        topic = draw(st.sampled_from(ZH_RANKINGS))
        n = draw(st.integers(2, 9))
        ranking = (topic, n)
        text = f"{topic}连续{n}年位居世界第一。"
        i = text.index(f"{n}年")
        extras.append((text, {"ranking": (i, i + 2)}))
    quote = None
    if "quote" in want:
        said, who = draw(st.sampled_from(ZH_QUOTES))
        quote = said
        text = f"“{said}”{who}"
        extras.append((text, {"quote": (0, len(said) + 2)}))

    plain = [pool.pop() for _ in range(min(n_sent, len(pool)))]
    items: list[tuple[str, dict[str, tuple[int, int]]]] = [(p, {}) for p in plain] + extras
    order = draw(st.permutations(range(len(items))))
    items = [items[i] for i in order]
    # group into paragraphs; marked sentences open their paragraph so offsets stay simple
    paras: list[tuple[str, dict[str, tuple[int, int]]]] = []
    for text, marks in items:
        if paras and not marks and not paras[-1][0].startswith("“") and draw(st.booleans()):
            prev, pm = paras[-1]
            paras[-1] = (prev + text, pm)
        else:
            paras.append((text, marks))
    subhead_at = draw(st.integers(1, len(paras) - 1)) if len(paras) > 2 else None
    for i, (text, marks) in enumerate(paras):
        if subhead_at is not None and i == subhead_at and draw(st.booleans()):
            body.add(draw(st.sampled_from(ZH_SUBHEADS)), prose=False)
        body.add(text, **marks)
    text, prose, marks = body.build()

    record: dict[str, Any] = {
        "id": f"{'xinhua' if agency == '新华社' else 'rmrb'}-{pub.isoformat()}-"
        f"{draw(st.integers(1, 20)):02d}-{draw(st.integers(0, 10**6)):06d}",
        "headline": draw(st.sampled_from(ZH_HEADLINES)),
        "dateline": dateline,
        "byline": f"记者{reporter}",
        "published": pub.isoformat(),
        "source": "人民日报",
        "page": draw(st.integers(1, 20)),
        "section": draw(st.sampled_from(("要闻", "国际", "经济"))),
        "language": "zh",
        "body": text,
    }
    if ranking is not None:
        record["subheadline"] = f"{ranking[0]}连续{ranking[1]}年居首"
    if quote is not None and draw(st.booleans()):
        record["quotes"] = [f"“{quote}”"]
    return Article(record, "zh", prose, marks)


@st.composite
def _en_article(
    draw: Any, force: frozenset[str] = frozenset(), pool: tuple[str, ...] = EN_SENTENCES
) -> Article:
    pub = draw(st.dates(_PUB_MIN, _PUB_MAX))
    dl_date = pub - _dt.timedelta(days=draw(st.integers(0, 3)))
    city = draw(st.sampled_from(EN_CITIES))
    dateline = f"{city}, {EN_MONTHS[dl_date.month - 1]} {dl_date.day} (Xinhua) --"
    pool = list(draw(st.permutations(pool)))
    body = _Body()
    body.add(f"{dateline} {pool.pop()}")
    items: list[tuple[str, dict[str, tuple[int, int]]]] = []
    for _ in range(min(draw(st.integers(2, 7)), len(pool))):
        items.append((pool.pop(), {}))
    if "figure" in force or draw(st.booleans()):
        n = str(draw(st.integers(1200, 9800)))
        text = EN_FIGURE_TEMPLATE.format(n=n)
        i = text.index(n)
        items.append((text, {"figure": (i, i + len(n))}))
    order = draw(st.permutations(range(len(items))))
    paras: list[tuple[str, dict[str, tuple[int, int]]]] = []
    for i in order:
        text, marks = items[i]
        if paras and not marks and draw(st.booleans()):
            prev, pm = paras[-1]
            paras[-1] = (prev + " " + text, pm)
        else:
            paras.append((text, marks))
    for text, marks in paras:
        body.add(text, **marks)
    text, prose, marks = body.build()
    record = {
        "id": f"smh-{pub.isoformat()}-{draw(st.integers(0, 10**6)):06d}",
        "headline": draw(st.sampled_from(EN_HEADLINES)),
        "dateline": dateline,
        "published": pub.isoformat(),
        "source": "Sydney Morning Herald",
        "page": draw(st.integers(1, 12)),
        "language": "en",
        "body": text,
    }
    return Article(record, "en", prose, marks)


def article_parts(
    language: str = "zh",
    force: frozenset[str] = frozenset(),
    pool: tuple[str, ...] | None = None,
) -> st.SearchStrategy[Article]:
    """Like :func:`articles`, with the :class:`Article` (paragraph and date/figure offsets).

    ``force`` names parts the body must have (``range``, ``weekday``, ``as_of``, ``figure``,
    ``share``, ``ranking``, ``quote``); ``pool`` the Chinese sentences to draw from.
    """
    if language == "zh":
        return _zh_article(force, pool or ZH_SENTENCES)
    if language == "en":
        return _en_article(force, pool or EN_SENTENCES)
    raise ValueError(f"no generator for language {language!r}: use 'zh' or 'en'")


def articles(language: str | None = "zh") -> st.SearchStrategy[dict[str, Any]]:
    """Correct article records (dicts with canonical field names) in ``language``.

    ``language=None`` draws both languages.
    """
    if language is None:
        return st.one_of(article_parts("zh"), article_parts("en")).map(lambda a: a.record)
    return article_parts(language).map(lambda a: a.record)


# -- helpers for corruptions ---------------------------------------------------------------
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENT_END = "。！？”’"
_DIGITISH = re.compile(r"[0-9０-９.%]")
#: Chinese numeral characters: a cut after one of them may split a numeral (``二⏎十``) or a
#: numeral and its measure word (``百⏎年``, ``一⏎个``): a figure, which ``figure.split``
#: owns, not ``sentence.line-break``.
_ZH_NUMERAL = frozenset("零〇一二三四五六七八九十百千万亿两")


def _inner_positions(text: str, start: int, end: int, avoid: list[tuple[int, int]]) -> list[int]:
    """Offsets p in (start, end) with CJK characters on both sides, a ``，`` already in the
    paragraph before p (so the cut is mid-sentence, after prose punctuation), and not next
    to a sentence end, a digit, after a Chinese numeral, or inside ``avoid`` spans."""
    out = []
    para_start = text.rfind("\n", 0, start) + 1
    for p in range(start + 1, end):
        a, b = text[p - 1], text[p]
        if not (_CJK.match(a) and _CJK.match(b)):
            continue
        if a in _ZH_NUMERAL:
            continue
        if "，" not in text[para_start:p]:
            continue
        if any(s - 1 <= p <= e + 1 for s, e in avoid):
            continue
        seg = text[max(para_start, p - 3) : p + 3]
        if any(c in _SENT_END for c in seg) or _DIGITISH.search(seg):
            continue
        out.append(p)
    return out


def _avoid(article: Article) -> list[tuple[int, int]]:
    return list(article.marks.values())


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _with_body(article: Article, body: str, **fields: Any) -> dict[str, Any]:
    return {**article.record, "body": body, **fields}


def _corrupted(
    check: str, article: Article, record: dict[str, Any], spans: list[Span], note: str
) -> Corrupted:
    return Corrupted(check, (record,), tuple(spans), (article.record,), note)


# -- the defects ----------------------------------------------------------------------------
@st.composite
def _line_break(draw: Any) -> Corrupted:
    lang = draw(st.sampled_from(("zh", "en")))
    art = draw(article_parts(lang))
    body = art.record["body"]
    brk = draw(st.sampled_from(("\n", "\n\n")))
    if lang == "zh":
        cands = [p for s, e in art.prose for p in _inner_positions(body, s, e, _avoid(art))]
        p = draw(st.sampled_from(cands))
        new = _replace(body, p, p, brk)
        return _corrupted(
            "sentence.line-break",
            art,
            _with_body(art, new),
            [Span("body", p, p + len(brk))],
            "column wrap inside a sentence",
        )
    # English: a space before a lower-case word, after a word (not after , or .)
    cands = [
        m.start()
        for s, e in art.prose
        for m in re.finditer(r"(?<=[a-z]) (?=[a-z]{2,})", body[:e])
        if m.start() > s + 20
    ]
    p = draw(st.sampled_from(cands))
    new = _replace(body, p, p + 1, brk)
    return _corrupted(
        "sentence.line-break",
        art,
        _with_body(art, new),
        [Span("body", p, p + len(brk))],
        "column wrap between two words",
    )


@st.composite
def _word_split(draw: Any) -> Corrupted:
    art = draw(article_parts("en"))
    body = art.record["body"]
    offs = [
        (s + m.start(), m.group())
        for s, e in art.prose
        for m in re.finditer(r"(?<= )[a-z]{7,}(?=[ ,.])", body[s:e])
    ]
    start, word = draw(st.sampled_from(offs))
    cut = draw(st.integers(3, len(word) - 3))
    p = start + cut
    new = _replace(body, p, p, "-\n")
    return _corrupted(
        "sentence.word-split",
        art,
        _with_body(art, new),
        [Span("body", p, p + 2)],
        "end-of-line hyphenation kept",
    )


@st.composite
def _stray_space(draw: Any) -> Corrupted:
    art = draw(article_parts("zh"))
    body = art.record["body"]
    cands = [p for s, e in art.prose for p in _inner_positions(body, s, e, _avoid(art))]
    p = draw(st.sampled_from(cands))
    n = draw(st.integers(1, 2))
    new = _replace(body, p, p, " " * n)
    return _corrupted(
        "sentence.stray-space",
        art,
        _with_body(art, new),
        [Span("body", p, p + n)],
        "glyph-positioning space between two ideographs",
    )


#: A paragraph break between a sentence end and a capitalised opening (``…said.⏎The …``).
_PARA_BREAK = re.compile(r"(?<=[a-z]{2}[.!?])\n(?=[A-Z][a-z])")


@st.composite
def _glued(draw: Any) -> Corrupted:
    art = draw(article_parts("en"))
    body = art.record["body"]
    cands = [m.start() for m in _PARA_BREAK.finditer(body)]
    assume(cands)
    p = draw(st.sampled_from(cands))
    new = _replace(body, p, p + 1, "")
    return _corrupted(
        "sentence.glued",
        art,
        _with_body(art, new),
        [Span("body", p - 1, p + 1)],
        "a paragraph boundary dropped with no space left",
    )


@st.composite
def _unbalanced(draw: Any) -> Corrupted:
    art = draw(article_parts("zh", frozenset({"quote"})))
    body = art.record["body"]
    qs, qe = art.marks["quote"]
    inner = body[qs:qe]
    cut = inner.find("。")
    if cut == -1 or cut + 2 >= len(inner) - 1:  # a one-sentence quote: nothing to cut
        # draw a two-sentence quote instead
        two = [q for q in ZH_QUOTES if q[0].count("。") >= 2]
        said, who = draw(st.sampled_from(two))
        para = f"“{said}”{who}"
        body = _replace(body, qs, qe + len(body[qe:].split("\n", 1)[0]), para)
        inner = para[: len(said) + 2]
        cut = inner.find("。")
        art = Article({**art.record, "body": body}, art.language, art.prose, art.marks)
    p = qs + cut + 1
    new = _replace(body, p, p, "\n")
    rec = _with_body(art, new)
    rec.pop("quotes", None)
    return _corrupted(
        "sentence.unbalanced",
        art,
        rec,
        [Span("body", p, p + 1)],
        "a wrap after a sentence end inside a quotation",
    )


def _block_paragraph(art: Article, draw: Any, min_chars: int) -> tuple[int, int]:
    cands = [(s, e) for s, e in art.prose if e - s >= min_chars + 5]
    assume(cands)  # an article of short paragraphs has no block to copy: draw another
    return draw(st.sampled_from(cands))


@st.composite
def _duplicate_block(draw: Any) -> Corrupted:
    art = draw(article_parts("zh"))
    body = art.record["body"]
    s, e = _block_paragraph(art, draw, 45)
    para = body[s:e]
    ends = [i + 1 for i, c in enumerate(para) if c == "。" and i + 1 >= 45]
    copy = para if draw(st.booleans()) or not ends else para[: draw(st.sampled_from(ends))]
    # the page overlap puts the copy after the paragraph it repeats, before the last one
    breaks = [i for i, c in enumerate(body) if c == "\n" and i >= e]
    last_break = body.rfind("\n")
    cands = [b for b in breaks if b <= last_break]
    if not cands:
        at = len(body)
        new = body + "\n" + copy
        start = at + 1
    else:
        at = draw(st.sampled_from(cands))
        new = body[:at] + "\n" + copy + body[at:]
        start = at + 1
    return _corrupted(
        "quote.duplicate-block",
        art,
        _with_body(art, new),
        [Span("body", start, start + len(copy))],
        "a paragraph read twice",
    )


@st.composite
def _pull_quote(draw: Any) -> Corrupted:
    kind = draw(st.sampled_from(("box", "pull")))
    if kind == "box":
        art = draw(article_parts("zh"))
        body = art.record["body"]
        s, e = _block_paragraph(art, draw, 32)
        box = "■" + body[s:e].rstrip("。")
        new = body + "\n" + box
        start = len(body) + 1
        rec = _with_body(art, new)
        return _corrupted(
            "quote.pull-quote-in-body",
            art,
            rec,
            [Span("body", start, start + len(box))],
            "a ■ summary box read as body text",
        )
    art = draw(article_parts("zh"))
    body = art.record["body"]
    # the pull quote is a whole sentence of the article, printed apart in a box
    sentences = [
        t + "。"
        for s, e in art.prose[1:]
        for t in body[s:e].split("。")
        if len(t) >= 40 and not any(c in t for c in "“”‘’")
    ]
    if not sentences:
        sentences = [ZH_SENTENCES[0]]
        body = body + "\n" + ZH_SENTENCES[0]
        art = Article({**art.record, "body": body}, art.language, art.prose, art.marks)
    pull = draw(st.sampled_from(sentences))
    at = draw(st.sampled_from([i for i, c in enumerate(body) if c == "\n"] or [len(body)]))
    new = body[:at] + "\n" + pull + body[at:]
    rec = _with_body(art, new, quotes=[pull])
    return _corrupted(
        "quote.pull-quote-in-body",
        art,
        rec,
        [Span("body", at + 1, at + 1 + len(pull))],
        "the pull quote printed in the body",
    )


@st.composite
def _truncated(draw: Any) -> Corrupted:
    art = draw(article_parts("zh"))
    body = art.record["body"]
    s, e = art.prose[-1]
    # A cut before the paragraph's first comma that leaves 20 characters or fewer reads as a
    # heading set apart, which the check passes by rule (``人工智能是人类发``): cut later.
    cands = _inner_positions(body, s, e, _avoid(art)) or [
        p for p in range(s + 21, e - 3) if _CJK.match(body[p - 1]) and _CJK.match(body[p])
    ]
    assume(cands)
    p = draw(st.sampled_from(cands))
    new = body[:p]
    return _corrupted(
        "layout.truncated",
        art,
        _with_body(art, new),
        [Span("body", p - 1, p)],
        "the body cut at a column end",
    )


@st.composite
def _multiple_articles(draw: Any) -> Corrupted:
    art = draw(article_parts("zh"))
    body = art.record["body"]
    unused = [x for x in ZH_SENTENCES if x not in body]
    sents = draw(st.lists(st.sampled_from(unused), min_size=1, max_size=4, unique=True))
    headline = draw(st.sampled_from([h for h in ZH_HEADLINES if h != art.record["headline"]]))
    city = draw(st.sampled_from(ZH_CITIES))
    m = re.search(r"\d+月\d+日", art.record["dateline"])
    assert m
    dateline = f"新华社{city}{m.group()}电"
    paras = [dateline + " " + sents[0], *(sents[1:] and ["".join(sents[1:])])]
    foreign = "\n".join([headline, *paras])
    new = body + "\n" + foreign
    start = len(body) + 1
    return _corrupted(
        "layout.multiple-articles",
        art,
        _with_body(art, new),
        [Span("body", start, len(new))],
        "the segmenter ran on into the next article",
    )


@st.composite
def _headline_in_body(draw: Any) -> Corrupted:
    art = draw(article_parts("zh"))
    body = art.record["body"]
    head = art.record["headline"]
    new = head + "\n" + body
    return _corrupted(
        "layout.headline-in-body",
        art,
        _with_body(art, new),
        [Span("body", 0, len(head))],
        "the headline kept as the first line of the body",
    )


@st.composite
def _page_furniture(draw: Any) -> Corrupted:
    art = draw(article_parts("zh"))
    body = art.record["body"]
    rec = art.record
    pub = _dt.date.fromisoformat(rec["published"])
    page = rec["page"]
    furniture = draw(
        st.sampled_from(
            (
                f"人民日报 {pub.year}年{pub.month}月{pub.day}日 {_weekday_zh(pub)} "
                f"{rec['section']} {page}",
                f"第 {page} 版",
                f"{'一二三四五六七八九十'[min(page, 10) - 1]}版责编：杨旭",
            )
        )
    )
    breaks = [i for i, c in enumerate(body) if c == "\n"]
    if not breaks:
        new, at = body + "\n" + furniture, len(body) + 1
    else:
        b = draw(st.sampled_from(breaks))
        new, at = body[:b] + "\n" + furniture + body[b:], b + 1
    return _corrupted(
        "layout.page-furniture",
        art,
        _with_body(art, new),
        [Span("body", at, at + len(furniture))],
        "the running head of the page inside the body",
    )


def _radicals() -> dict[str, str]:
    out = {}
    for cp in list(range(0x2F00, 0x2FD6)) + list(range(0xF900, 0xFA0E)):
        ch = chr(cp)
        norm = unicodedata.normalize("NFKC", ch)
        if norm != ch and len(norm) == 1 and norm not in out:
            out[norm] = ch
    return out


_RADICAL_OF = _radicals()


@st.composite
def _compat_char(draw: Any) -> Corrupted:
    art = draw(article_parts("zh"))
    body = art.record["body"]
    skip = len(art.record["dateline"]) + 1  # the opening dateline is matched by its shape
    cands = [i for s, e in art.prose for i in range(max(s, skip), e) if body[i] in _RADICAL_OF]
    p = draw(st.sampled_from(cands))
    new = _replace(body, p, p + 1, _RADICAL_OF[body[p]])
    return _corrupted(
        "encoding.compat-char",
        art,
        _with_body(art, new),
        [Span("body", p, p + 1)],
        "a Kangxi radical / compatibility ideograph from a font without ToUnicode",
    )


@st.composite
def _control_char(draw: Any) -> Corrupted:
    art = draw(article_parts("zh"))
    body = art.record["body"]
    cands = [p for s, e in art.prose for p in _inner_positions(body, s, e, _avoid(art))]
    p = draw(st.sampled_from(cands))
    ch = draw(st.sampled_from(("\x0c", "\u200b", "\ufeff", "\u00ad", "\x00")))
    new = _replace(body, p, p, ch)
    return _corrupted(
        "encoding.control-char",
        art,
        _with_body(art, new),
        [Span("body", p, p + 1)],
        "an invisible control character left by the extractor",
    )


@st.composite
def _mojibake(draw: Any) -> Corrupted:
    import ftfy  # noqa: F401  (registers the sloppy-windows-1252 codec)

    art = draw(article_parts("zh"))
    body = art.record["body"]
    cands = [p for s, e in art.prose for p in _inner_positions(body, s, e, _avoid(art))]
    p = draw(st.sampled_from(cands))
    n = draw(st.integers(2, 4))
    word = body[p : p + n]
    if not all(_CJK.match(c) for c in word):
        word = body[p : p + 1]
    bad = word.encode("utf-8").decode("sloppy-windows-1252")
    new = _replace(body, p, p + len(word), bad)
    return _corrupted(
        "encoding.mojibake",
        art,
        _with_body(art, new),
        [Span("body", p, p + len(bad))],
        "UTF-8 bytes decoded as Windows-1252",
    )


@st.composite
def _replacement_char(draw: Any) -> Corrupted:
    art = draw(article_parts("zh"))
    body = art.record["body"]
    cands = [p for s, e in art.prose for p in _inner_positions(body, s, e, _avoid(art))]
    p = draw(st.sampled_from(cands))
    n = draw(st.integers(1, 2))
    new = _replace(body, p, p + n, "\ufffd" * n)
    return _corrupted(
        "encoding.replacement-char",
        art,
        _with_body(art, new),
        [Span("body", p, p + n)],
        "characters lost in decoding",
    )


def _date_edit(mark: str, edit: Callable[[Any, str], str], check: str, note: str) -> Any:
    @st.composite
    def strat(draw: Any) -> Corrupted:
        art = draw(article_parts("zh", frozenset({mark})))
        body = art.record["body"]
        s, e = art.marks[mark]
        new_text = edit(draw, body[s:e])
        new = _replace(body, s, e, new_text)
        return _corrupted(
            check, art, _with_body(art, new), [Span("body", s, s + len(new_text))], note
        )

    return strat()


def _invalid_date(draw: Any, text: str) -> str:
    m = re.match(r"(\d+)月(\d+)日", text)
    assert m
    kind = draw(st.sampled_from(("month", "day")))
    if kind == "month":
        return f"{draw(st.integers(13, 19))}月{m[2]}日" + text[m.end() :]
    return f"{m[1]}月{draw(st.integers(32, 39))}日" + text[m.end() :]


def _split_date(draw: Any, text: str) -> str:
    cuts = [i for i in range(1, len(text)) if text[i] in "年月日" or text[i - 1] in "年月"]
    i = draw(st.sampled_from(cuts))
    return text[:i] + draw(st.sampled_from((" ", "\n", " \n"))) + text[i:]


def _swap_range(draw: Any, text: str) -> str:
    m = re.fullmatch(r"(\d+)月(\d+)日至(\d+)日", text)
    assert m
    return f"{m[1]}月{m[3]}日至{m[2]}日"


def _wrong_weekday(draw: Any, text: str) -> str:
    m = re.fullmatch(r"(.*（星期)(.)(）)", text)
    assert m
    other = draw(st.sampled_from([w for w in _WEEKDAYS_ZH if w != m[2]]))
    return f"{m[1]}{other}{m[3]}"


def _future_as_of(draw: Any, text: str) -> str:
    m = re.fullmatch(r"(\d{4})年(\d+)月", text)
    assert m
    return f"{int(m[1]) + draw(st.integers(1, 9))}年{m[2]}月"


@st.composite
def _dateline_mismatch(draw: Any) -> Corrupted:
    art = draw(article_parts("zh"))
    rec = art.record
    pub = _dt.date.fromisoformat(rec["published"])
    shift = draw(st.one_of(st.integers(1, 20), st.integers(-60, -9)))
    wrong = pub + _dt.timedelta(days=shift)
    if wrong.year != pub.year:
        wrong = pub - _dt.timedelta(days=9) if shift > 0 else pub + _dt.timedelta(days=1)
    m = re.match(r"(.*?)(\d+月\d+日)(电)$", rec["dateline"])
    assert m
    d = f"{wrong.month}月{wrong.day}日"
    dateline = f"{m[1]}{d}{m[3]}"
    out = {**rec, "dateline": dateline}
    return _corrupted(
        "date.dateline-mismatch",
        art,
        out,
        [Span("dateline", len(m[1]), len(m[1]) + len(d))],
        "the dateline of another day",
    )


@st.composite
def _split_figure(draw: Any) -> Corrupted:
    art = draw(article_parts("zh", frozenset({"figure"})))
    body = art.record["body"]
    s, e = art.marks["figure"]
    fig = body[s:e]
    m = re.match(r"[\d.]+", fig)
    assert m
    i = m.end() if draw(st.booleans()) else len(fig) - 1
    ws = draw(st.sampled_from((" ", "\n", " \n")))
    new_fig = fig[:i] + ws + fig[i:]
    new = _replace(body, s, e, new_fig)
    return _corrupted(
        "figure.split",
        art,
        _with_body(art, new),
        [Span("body", s, s + len(new_fig))],
        "a figure cut from its unit by spacing or a wrap",
    )


@st.composite
def _malformed_figure(draw: Any) -> Corrupted:
    lang = draw(st.sampled_from(("zh", "en")))
    art = draw(article_parts(lang, frozenset({"figure"})))
    body = art.record["body"]
    s, e = art.marks["figure"]
    fig = body[s:e]
    m = re.match(r"\d+", fig)
    assert m and len(m.group()) >= 3
    digits = m.group()
    kind = draw(st.sampled_from(("ocr", "fullwidth")))
    if kind == "ocr":
        i = draw(st.integers(1, len(digits) - 2))
        confusions = {"0": "O", "1": "l", "5": "S", "8": "B"}
        letter = confusions.get(digits[i], "O")
        bad = digits[:i] + letter + digits[i + 1 :]
    else:
        i = draw(st.integers(1, len(digits) - 1))
        bad = digits[:i] + chr(ord(digits[i]) + 0xFEE0) + digits[i + 1 :]
    new = _replace(body, s, s + len(digits), bad)
    return _corrupted(
        "figure.malformed",
        art,
        _with_body(art, new),
        [Span("body", s, s + len(bad))],
        "a misread digit or mixed-width digits",
    )


@st.composite
def _percent_range(draw: Any) -> Corrupted:
    art = draw(article_parts("zh", frozenset({"share"})))
    body = art.record["body"]
    s, e = art.marks["share"]
    m = re.fullmatch(r"(\d+)\.(\d+)%", body[s:e])
    assert m
    bad = f"{m[1]}{m[2][0]}.{m[2][1:]}%"  # the decimal point read one place late
    new = _replace(body, s, e, bad)
    return _corrupted(
        "figure.percent-range",
        art,
        _with_body(art, new),
        [Span("body", s, s + len(bad))],
        "a share above 100% after a misread decimal point",
    )


@st.composite
def _inconsistent(draw: Any) -> Corrupted:
    art = draw(article_parts("zh", frozenset({"ranking"})))
    rec = art.record
    sub = rec["subheadline"]
    m = re.search(r"连续(\d)年", sub)
    assert m
    other = draw(st.sampled_from([str(i) for i in range(2, 10) if str(i) != m[1]]))
    new_sub = sub[: m.start(1)] + other + sub[m.end(1) :]
    out = {**rec, "subheadline": new_sub}
    return _corrupted(
        "figure.inconsistent",
        art,
        out,
        [Span("subheadline", m.start(1), m.start(1) + 2)],
        "the subheadline misreads a figure the body states",
    )


# -- schema defects ------------------------------------------------------------------------
def _schema_edit(check: str, edits: list[tuple[str, Any]], note: str) -> Any:
    """Replace (or with ``...``, drop) one field; the span is the whole field."""

    @st.composite
    def strat(draw: Any) -> Corrupted:
        art = draw(article_parts(draw(st.sampled_from(("zh", "en")))))
        name, value = draw(st.sampled_from(edits))
        rec = dict(art.record)
        if value is ...:
            rec.pop(name)
        else:
            rec[name] = value(rec) if callable(value) else value
        return _corrupted(check, art, rec, [Span(name, 0, 0)], note)

    return strat()


_HALF = len(ZH_SENTENCES) // 2


@st.composite
def corpora(draw: Any, size: int = 2) -> list[dict[str, Any]]:
    """``size`` (1-4) correct records of distinct articles: Chinese ones drawn from disjoint
    halves of the sentence pool, English ones, with unique ids."""
    if not 1 <= size <= 4:
        raise ValueError("corpora() draws 1 to 4 records")
    pools = {
        "zh": [ZH_SENTENCES[:_HALF], ZH_SENTENCES[_HALF:]],
        "en": [EN_SENTENCES[: len(EN_SENTENCES) // 2], EN_SENTENCES[len(EN_SENTENCES) // 2 :]],
    }
    langs = draw(st.permutations(["zh", "zh", "en", "en"]))[:size]
    out = []
    for i, lang in enumerate(langs):
        art = draw(article_parts(lang, pool=pools[lang].pop()))
        out.append({**art.record, "id": f"{art.record['id']}-{i}"})
    return out


@st.composite
def _duplicate_id(draw: Any) -> Corrupted:
    a = draw(article_parts("zh", pool=ZH_SENTENCES[:_HALF]))
    b = draw(article_parts("zh", pool=ZH_SENTENCES[_HALF:]))
    second = {**b.record, "id": a.record["id"]}
    return Corrupted(
        "schema.duplicate-id",
        (a.record, second),
        (Span("id", 0, 0, record=1),),
        (a.record, b.record),
        "a page extracted twice: two records with one id",
    )


@st.composite
def _duplicate_record(draw: Any) -> Corrupted:
    a = draw(article_parts("zh"))
    body = a.record["body"]
    # the second extraction of the page may space its paragraphs differently
    copy = body.replace("\n", "\n\n") if draw(st.booleans()) else body
    second = {**a.record, "id": a.record["id"] + "-again", "body": copy}
    return Corrupted(
        "quote.duplicate-record",
        (a.record, second),
        (Span("body", 0, 0, record=1),),
        (a.record, {**a.record, "id": a.record["id"] + "-again", "body": ""}),
        "the same article extracted twice under two ids",
    )


#: Residue a web extractor keeps after the article (``layout.boilerplate``'s lexicon).
_RESIDUE = {
    "zh": ("责任编辑：王某", "【责任编辑：李某】", "相关阅读：", "分享到", "转播到腾讯微博"),
    "en": ("Share this:", "Advertisement", "Related: More stories from the city", "Tags:"),
}


@st.composite
def _boilerplate(draw: Any) -> Corrupted:
    lang = draw(st.sampled_from(("zh", "en")))
    art = draw(article_parts(lang))
    body = art.record["body"].rstrip()
    line = draw(st.sampled_from(_RESIDUE[lang]))
    out = {**art.record, "body": body + "\n" + line}
    span = Span("body", len(body) + 1, len(body) + 1 + len(line))
    return Corrupted(
        "layout.boilerplate", (out,), (span,), (art.record,), "a site's residue line kept"
    )


#: Bodies that are not articles: a portal notice, a running head alone.
_NOT_ARTICLES = (
    "某某平台仅提供信息存储空间服务，其内容均由上网用户提供。",
    "Page not found. The article you requested has been removed.",
    "人民日报 2023年11月9日 星期四 要闻 1",
)


@st.composite
def _not_article(draw: Any) -> Corrupted:
    art = draw(article_parts(draw(st.sampled_from(("zh", "en")))))
    headline = str(art.record.get("headline") or "")
    body = draw(st.sampled_from((*_NOT_ARTICLES, headline) if headline else _NOT_ARTICLES))
    out = {**art.record, "body": body}
    return _corrupted(
        "layout.not-article", art, out, [Span("body", 0, len(body))], "no article in the body"
    )


#: Fragments of a newspaper page's cards and adverts (at most 12 characters) and words
#: hyphenated across a column's wrap, each set before a capitalised fragment (the 1901
#: Honolulu page read across its columns by pdftotext: ``layout.fragmented``).
_FRAGMENTS = (
    *("CARDS.", "Auction", "Sale", "Tel.", "Office", "PAGES", "Bid.;", "Hotel St,", "I"),
    *("ill to", "Queen St.", "hours,", "bldg. cor.", "Sts.;", "and PALMS", "of many", "the"),
    *("ON SATURDAY,", "AUCTIONEER.", "SURGEONS.", "Nuuanu St.", "p. m.;", "DENTISTS."),
)
_HYPHENATED = ("chief engi-", "oblig- -", "Plan-", "thou-", "Ore-")
_CAPITALS = ("NOTARY.", "Kahului", "FOR SALE.", "Honolulu", "MAY")


@st.composite
def _fragmented(draw: Any) -> Corrupted:
    art = draw(article_parts("en"))
    body = art.record["body"].rstrip()
    # no line twice (no repeated block); a capital after each hyphen (no word to rejoin)
    units = [(f,) for f in draw(st.permutations(_FRAGMENTS))]
    hyphenated = draw(st.lists(st.sampled_from(_HYPHENATED), min_size=3, unique=True))
    for k, word in enumerate(hyphenated):
        units.insert(draw(st.integers(0, len(units))) if k else 0, (word, _CAPITALS[k]))
    stretch = "\n".join(line for unit in units for line in unit)
    out = {**art.record, "body": body + "\n\n" + stretch}
    start = len(body) + 2
    return _corrupted(
        "layout.fragmented",
        art,
        out,
        [Span("body", start, start + len(stretch))],
        "a page read across its columns",
    )


def _column_lines(body: str, width: int, wide: bool) -> list[str]:
    """The body's paragraphs wrapped into lines of a column ``width`` characters wide
    (ideographs cut anywhere, Latin text between words)."""
    out: list[str] = []
    for para in body.split("\n"):
        if wide:
            out.extend(para[i : i + width] for i in range(0, len(para), width))
            continue
        line = ""
        for word in para.split():
            if line and len(line) + 1 + len(word) > width:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        out.append(line)
    return [ln for ln in out if ln]


@st.composite
def _side_by_side(draw: Any) -> Corrupted:
    lang = draw(st.sampled_from(("zh", "en")))
    art = draw(article_parts(lang))
    body = art.record["body"].rstrip()
    wide = lang == "zh"
    # about 18 lines, cells of 20 half cells or more (10 ideographs, 26 letters): a column
    # narrower than that reads as a table (``columns.MIN_CELLS``)
    width = max(10 if wide else 26, min(16 if wide else 36, len(body) // 18))
    lines = _column_lines(body, width, wide)
    assume(len(lines) >= 16)
    half = (len(lines) + 1) // 2
    left, right = lines[:half], lines[half:]
    pad = max(len(x) for x in left) + draw(st.integers(3, 8))
    rows = [(left[i].ljust(pad) + right[i]) if i < len(right) else left[i] for i in range(half)]
    block = "\n".join(rows)
    return _corrupted(
        "layout.side-by-side-columns",
        art,
        {**art.record, "body": block},
        [Span("body", 0, len(block))],
        "two columns written side by side (pdftotext -layout)",
    )


#: Marks that close a line (a box ending in one ends no turn): the strategy's own copy of
#: the marks the scan counts as closing (``scan.CLOSERS``), kept apart from the rule it tests.
_CLOSING = "。！？!?…．.：:；;”’」』）》)\"']"


def _boxes_of(lines: list[str], cut_after: list[bool]) -> list[list[str]]:
    """``lines`` cut into boxes after every line whose ``cut_after`` is set."""
    boxes: list[list[str]] = [[]]
    for line, cut in zip(lines, cut_after, strict=True):
        boxes[-1].append(line)
        if cut:
            boxes.append([])
    return [b for b in boxes if b]


@st.composite
def _columns_in_turn(draw: Any) -> Corrupted:
    """Two columns of the article cut into boxes of two to four lines at full lines that end
    no sentence, the boxes written in turn (a box of the first column, one of the second,
    …) apart by blank lines: ``pdfminer.six`` and plain ``pdftotext`` on a page whose
    columns leave gaps at the same heights."""
    lang = draw(st.sampled_from(("zh", "en")))
    art = draw(article_parts(lang))
    body = art.record["body"].rstrip()
    wide = lang == "zh"
    width = 14 if wide else 34
    lines = _column_lines(body, width, wide)
    assume(len(lines) >= 24)
    least = width if wide else width - 4

    def turn_at(line: str) -> bool:  # a full line that closes no sentence
        return len(line) >= least and line.rstrip()[-1] not in _CLOSING

    half = (len(lines) + 1) // 2
    cols = []
    for lo, hi in ((0, half), (half, len(lines))):
        cut, run = [], 0
        for k in range(lo, hi):
            run += 1
            turn = turn_at(lines[k]) and run >= 2 and draw(st.booleans())
            cut.append(k == hi - 1 or turn or run >= 4)
            run = 0 if cut[-1] else run
        cols.append(_boxes_of(lines[lo:hi], cut))
    order = [b for pair in zip_longest(*cols) for b in pair if b]
    turns = sum(1 for b in order[:-1] if turn_at(b[-1]))
    assume(turns >= 8 and turns >= 0.6 * (len(order) - 1))
    text = "\n\n".join("\n".join(b) for b in order)
    return _corrupted(
        "layout.columns-in-turn",
        art,
        {**art.record, "body": text},
        [Span("body", 0, len(text))],
        "two columns written a few lines at a time, in turn (pdfminer, pdftotext)",
    )


#: check id -> strategy of :class:`Corrupted`: the defect that check must find.
DEFECTS: dict[str, st.SearchStrategy[Corrupted]] = {
    "sentence.line-break": _line_break(),
    "sentence.word-split": _word_split(),
    "sentence.stray-space": _stray_space(),
    "sentence.unbalanced": _unbalanced(),
    "sentence.glued": _glued(),
    "quote.duplicate-block": _duplicate_block(),
    "quote.pull-quote-in-body": _pull_quote(),
    "layout.multiple-articles": _multiple_articles(),
    "layout.headline-in-body": _headline_in_body(),
    "layout.page-furniture": _page_furniture(),
    "layout.truncated": _truncated(),
    "layout.boilerplate": _boilerplate(),
    "layout.not-article": _not_article(),
    "layout.fragmented": _fragmented(),
    "layout.side-by-side-columns": _side_by_side(),
    "layout.columns-in-turn": _columns_in_turn(),
    "encoding.compat-char": _compat_char(),
    "encoding.control-char": _control_char(),
    "encoding.mojibake": _mojibake(),
    "encoding.replacement-char": _replacement_char(),
    "date.invalid": _date_edit("date", _invalid_date, "date.invalid", "a misread month or day"),
    "date.split": _date_edit("date", _split_date, "date.split", "a date cut by spacing or a wrap"),
    "date.range-order": _date_edit(
        "range", _swap_range, "date.range-order", "the two ends of a range swapped"
    ),
    "date.weekday-mismatch": _date_edit(
        "weekday", _wrong_weekday, "date.weekday-mismatch", "a misread weekday"
    ),
    "date.after-publication": _date_edit(
        "as_of", _future_as_of, "date.after-publication", "a misread year puts a fact later"
    ),
    "date.dateline-mismatch": _dateline_mismatch(),
    "figure.split": _split_figure(),
    "figure.malformed": _malformed_figure(),
    "figure.percent-range": _percent_range(),
    "figure.inconsistent": _inconsistent(),
    "schema.missing-field": _schema_edit(
        "schema.missing-field", [("id", ...), ("body", ...), ("id", None)], "a field lost"
    ),
    "schema.empty-field": _schema_edit(
        "schema.empty-field", [("body", "  \n "), ("body", ""), ("id", " ")], "an empty field"
    ),
    "schema.wrong-type": _schema_edit(
        "schema.wrong-type",
        [("id", 17), ("body", lambda r: r["body"].split("\n")), ("headline", 3)],
        "a value of the wrong type",
    ),
    "schema.invalid-page": _schema_edit(
        "schema.invalid-page",
        [("page", 0), ("page", "A1"), ("page", 1.5), ("page", -2)],
        "a page that is not a positive integer",
    ),
    "schema.invalid-published": _schema_edit(
        "schema.invalid-published",
        [("published", "2023-11-31"), ("published", "9 Nov 2023"), ("published", "2023-02-29")],
        "an unusable issue date",
    ),
    "schema.unknown-language": _schema_edit(
        "schema.unknown-language",
        [("language", "chinese"), ("language", "cn")],
        "a language that is not an ISO 639-1 code",
    ),
    "schema.duplicate-id": _duplicate_id(),
    "quote.duplicate-record": _duplicate_record(),
}


def defect(check_id: str) -> st.SearchStrategy[Corrupted]:
    """The defect strategy of one check id (``KeyError`` when there is none)."""
    return DEFECTS[check_id]
