"""Minutes (議事録) templates per matter kind, as data.

A scrivener meets the client to confirm 人・物・意思 — the person, the thing (the property, the estate, the
company to be formed) and the intent — and writes down what was explained, what the client answered and
who of the office was present. Each template is a table of sections, each with the items to write; the
window (and the records store, which keeps the filled minutes) walks the table, so a new matter kind is a
new entry here, not new code.

Section keys are stable (stored with the filled minutes): ``person``, ``thing``, ``intent``, ``explained``,
``answers``, ``staff``, and ``notes``. Every template has all of them, in that order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from kyc_desk.errors import KycDeskError


@dataclass(frozen=True)
class Item:
    """One thing to write in a section: a stable key and its label in Japanese and English."""

    key: str
    ja: str
    en: str


@dataclass(frozen=True)
class Section:
    """One section of the minutes and the items it asks for."""

    key: str
    ja: str
    en: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class MinutesTemplate:
    """The minutes of one matter kind: its key (stored), labels and sections."""

    kind: str
    ja: str
    en: str
    sections: tuple[Section, ...]

    def to_json(self) -> dict[str, object]:
        """The template as ``kyc-desk meeting template KIND --json`` prints it."""
        return {
            "kind": self.kind,
            "ja": self.ja,
            "en": self.en,
            "sections": [
                {
                    "key": s.key,
                    "ja": s.ja,
                    "en": s.en,
                    "items": [{"key": i.key, "ja": i.ja, "en": i.en} for i in s.items],
                }
                for s in self.sections
            ],
        }


class UnknownMatterKind(KycDeskError):
    """No minutes template for that matter kind."""

    default_ja = "その案件の種類の議事録テンプレートはありません。"


SECTION_KEYS: Final = ("person", "thing", "intent", "explained", "answers", "staff", "notes")

_PERSON: Final = (
    Item("identity_confirmed", "本人確認の方法と結果（確認した書類）", "how the identity was confirmed (documents)"),
    Item("capacity", "意思能力・判断能力に関する所見", "observations on the client's capacity"),
    Item("attendees", "同席者とその関係", "others present and their relation to the client"),
)
_INTENT_COMMON: Final = (
    Item("intent_confirmed", "依頼の意思を本人の言葉で確認した内容", "the intent, as the client put it"),
    Item("free_will", "第三者の影響がないことの確認", "no third party is pressing the client"),
)
_EXPLAINED_COMMON: Final = (
    Item("fees", "報酬・実費の説明", "fees and expenses explained"),
    Item("risks", "手続の内容・リスクの説明", "what the procedure does and its risks"),
)
_ANSWERS: Final = (Item("answers", "依頼者の回答・質問", "the client's answers and questions"),)
_STAFF: Final = (
    Item("scrivener", "担当司法書士", "the scrivener in charge"),
    Item("assistants", "同席した補助者", "assistants present"),
)
_NOTES: Final = (Item("notes", "その他・今後の予定", "other notes and next steps"),)


def _template(
    kind: str, ja: str, en: str, thing: tuple[Item, ...], intent: tuple[Item, ...], explained: tuple[Item, ...]
) -> MinutesTemplate:
    return MinutesTemplate(
        kind,
        ja,
        en,
        (
            Section("person", "人（本人確認）", "person (identity)", _PERSON),
            Section("thing", "物（対象）", "thing (the subject of the matter)", thing),
            Section("intent", "意思（依頼の意思）", "intent", (*_INTENT_COMMON, *intent)),
            Section("explained", "説明した事項", "what was explained", (*_EXPLAINED_COMMON, *explained)),
            Section("answers", "依頼者の回答", "the client's answers", _ANSWERS),
            Section("staff", "出席した事務所の者", "office staff present", _STAFF),
            Section("notes", "備考", "notes", _NOTES),
        ),
    )


TEMPLATES: Final[dict[str, MinutesTemplate]] = {
    t.kind: t
    for t in (
        _template(
            "real_estate_sale",
            "不動産売買",
            "sale of real estate",
            thing=(
                Item("property", "物件の表示（所在・地番・家屋番号）", "the property (location, lot, building number)"),
                Item("price", "売買代金", "the price"),
                Item("settlement", "決済日・決済場所", "settlement date and place"),
                Item("title_documents", "登記識別情報・権利証の所在", "where the title certificate is"),
            ),
            intent=(Item("sale_intent", "売る意思・買う意思の確認", "the intent to sell or to buy"),),
            explained=(
                Item("registration", "所有権移転登記の内容", "the transfer registration"),
                Item("mortgage", "抵当権の抹消・設定", "mortgages discharged or set"),
            ),
        ),
        _template(
            "inheritance",
            "相続",
            "inheritance",
            thing=(
                Item("deceased", "被相続人と相続開始日", "the deceased and the date of death"),
                Item("heirs", "相続人の範囲（戸籍で確認した内容）", "the heirs (as the family registers show)"),
                Item("estate", "対象の不動産・財産", "the property in the estate"),
                Item("will", "遺言の有無", "whether there is a will"),
            ),
            intent=(Item("division", "遺産分割協議の内容への同意", "agreement to the division of the estate"),),
            explained=(
                Item("registration", "相続登記の内容と期限", "the inheritance registration and its deadline"),
                Item("renunciation", "相続放棄・限定承認の期限", "the deadline for renunciation"),
            ),
        ),
        _template(
            "company_formation",
            "会社設立",
            "company formation",
            thing=(
                Item("trade_name", "商号", "trade name"),
                Item("head_office", "本店所在地", "head office"),
                Item("purpose", "目的", "business purpose"),
                Item("capital", "資本金の額と払込み", "capital and its payment"),
                Item("officers", "役員・発起人", "officers and promoters"),
                Item("beneficial_owner", "実質的支配者", "beneficial owner"),
            ),
            intent=(Item("formation_intent", "設立の意思と就任の承諾", "the intent to form and to take office"),),
            explained=(
                Item("articles", "定款の内容と認証", "the articles and their certification"),
                Item("registration", "設立登記の流れと日程", "the registration steps and dates"),
            ),
        ),
        _template(
            "generic",
            "その他",
            "other matters",
            thing=(Item("subject", "対象", "the subject"),),
            intent=(),
            explained=(),
        ),
    )
}
#: Japanese names accepted for the kinds (the CLI and the window show them).
_BY_JAPANESE: Final = {t.ja: t for t in TEMPLATES.values()}


def minutes_template(kind: str) -> MinutesTemplate:
    """The template for a matter kind, by key (``real_estate_sale``) or Japanese name (不動産売買)."""
    template = TEMPLATES.get(kind) or _BY_JAPANESE.get(kind.strip())
    if template is None:
        raise UnknownMatterKind(
            f"no minutes template for {kind!r}; kinds: {', '.join(TEMPLATES)}",
            ja="その案件の種類の議事録テンプレートはありません（不動産売買・相続・会社設立・その他）。",
        )
    return template
