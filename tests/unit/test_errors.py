"""Every error the user can see speaks Japanese and English, survives pickling, and keeps ids out of Japanese.

The rule (kyc_desk/errors.py): each :class:`KycDeskError` class defines its own ``default_ja``; a raise site
passes ``ja=`` when it knows more than its class. These tests read the source with :mod:`ast`, so a new
class or a new raise that forgets its Japanese text fails here, not in front of a scrivener.
"""

from __future__ import annotations

import ast
import importlib
import multiprocessing
import pickle
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType

import pytest

from kyc_desk.errors import KycDeskError
from tests.unit._error_worker import raise_pin_incorrect

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGES = [p for p in ("kyc_desk", "kyc_desk_testkit") if (SRC / p).is_dir()]
#: Modules that only run inside another program (alembic's migration environment).
NOT_IMPORTABLE = {"kyc_desk.records.migrations.env"}

#: ASCII words a scrivener reads in Japanese text: standard names (照合番号A/B), products, and what they
#: type (commands, options). Any other ASCII (``code_b``, ``EF 0002``, ``DF22``, ``text.signature``) is an internal id.
ALLOWED_ASCII = {
    "PIN", "IC", "JPKI", "PC/SC", "URL", "HTTP", "https", "http", "OK", "A", "B",
    "JPEG", "PNG", "APDU", "RSA", "CA", "ISO", "KYC", "Desk", "Sony", "RC-S300", "RC-S380",
    "pcscd", "vpcd", "sudo", "systemctl", "start", "kyc-desk", "records", "sync", "init", "doctor",
    "OCSP", "J-LIS",  # the revocation service an office configures, and the agency that runs JPKI
    "PDF",
}
#: 「…」 quotes what the user sees verbatim elsewhere (a file name in their trust folder), never an id of ours.
_QUOTED = re.compile(r"「[^」]*」")
_ASCII_TOKEN = re.compile(r"-{0,2}[A-Za-z0-9_][A-Za-z0-9_.:/+=-]*")
_NUMBER = re.compile(r"[0-9][0-9.,:/-]*")
#: Also typed by the user: the desk's environment variables and the repository's scripts (demo mode).
_TYPED = re.compile(r"KYC_DESK_[A-Z_]+|scripts/[a-z_-]+")


def identifier_tokens(text: str) -> list[str]:
    """The ASCII tokens of ``text`` that are neither numbers, allowed words, nor command-line options."""
    found = []
    for token in _ASCII_TOKEN.findall(_QUOTED.sub("「」", text)):
        token = token.rstrip(".:/-")
        if not token or _NUMBER.fullmatch(token) or token in ALLOWED_ASCII or token.startswith("--"):
            continue
        if _TYPED.fullmatch(token):
            continue
        found.append(token)
    return found


# --- the tree ------------------------------------------------------------------------------------------------


def _module_files() -> Iterator[tuple[str, Path]]:
    for package in PACKAGES:
        for path in sorted((SRC / package).rglob("*.py")):
            name = ".".join(path.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__")
            if name not in NOT_IMPORTABLE:
                yield name, path


MODULES: list[tuple[ModuleType, Path]] = [(importlib.import_module(n), p) for n, p in _module_files()]


def _all_classes() -> list[type[KycDeskError]]:
    out: list[type[KycDeskError]] = []
    todo = [KycDeskError]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in out and sub.__module__.split(".")[0] in PACKAGES:
                out.append(sub)
                todo.append(sub)
    return out


CLASSES = _all_classes()


def _error_class(module: ModuleType, func: ast.expr) -> type[KycDeskError] | None:
    """The KycDeskError class a call's function names in ``module``, if it names one."""
    if not isinstance(func, ast.Name | ast.Attribute):
        return None
    try:
        obj = eval(compile(ast.Expression(func), "<call>", "eval"), vars(module))  # names only
    except Exception:  # a local variable or an attribute of an instance: not a class the module names
        return None
    return obj if isinstance(obj, type) and issubclass(obj, KycDeskError) else None


def _error_calls() -> Iterator[tuple[str, type[KycDeskError], ast.Call]]:
    """Every construction of a KycDeskError in the tree (``raise X(...)``, ``return X(...)``, ``e = X(...)``)."""
    for module, path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and (cls := _error_class(module, node.func)) is not None:
                yield f"{path.relative_to(SRC)}:{node.lineno}", cls, node


CALLS = list(_error_calls())


def _japanese_literals() -> Iterator[tuple[str, str]]:
    """The constant parts of every Japanese text in the tree: ``ja=``/``reason_ja=`` arguments,
    ``default_ja``, ``….ja =`` assignments and module tables named ``*_JA``."""
    for _module, path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            values: list[ast.expr] = []
            if isinstance(node, ast.keyword) and node.arg in ("ja", "reason_ja"):
                values.append(node.value)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for t in targets:
                    name = t.id if isinstance(t, ast.Name) else t.attr if isinstance(t, ast.Attribute) else ""
                    if node.value is not None and (name in ("default_ja", "ja") or name.endswith("_JA")):
                        values.append(node.value)
            for value in values:
                parts = value.values if isinstance(value, ast.Dict) else [value]  # a table's keys are ids
                for part in (p for v in parts for p in ast.walk(v)):
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        yield f"{path.relative_to(SRC)}:{part.lineno}", part.value


#: Values interpolated into Japanese text that are not ids: counts, dates, method letters (イ, ホ…), and what
#: the user typed or sees (a ``--photo-out`` path, a ``--secrets-stdin`` name, a trust-folder file name in 「」).
#: Anything else must come from a Japanese table or label (its source names ``ja``/``JA``), so ``{secret}`` →
#: "code_b" cannot recur.
ALLOWED_INTERPOLATIONS = {
    "left", "number", "len(audit.findings)", "limits.min_frames",
    "rule.letter", "method.rule.letter", "rule.valid_until.isoformat()", "method.letter_ja",
    "path", "name", "', '.join(SECRET_NAMES)", "', '.join(a.value for a in Action)",
    "next_update.date().isoformat()", "self.client_certificate.name", "already[0].fingerprint",
    "key",  # what the user typed to `kyc-desk trust remove`
    "record_id", "item.number", "existing.id",  # verification numbers (exports, bundle import)
    "known",  # the face-engine keys one may type after `--engine` (faces/engine.py)
}


def _japanese_interpolations() -> Iterator[tuple[str, str]]:
    """The source of every ``{…}`` in a Japanese f-string (``ja=``, ``reason_ja=``, ``….ja =``)."""
    for _module, path in MODULES:
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            value: ast.expr | None = None
            if (isinstance(node, ast.keyword) and node.arg in ("ja", "reason_ja")) or (
                isinstance(node, ast.Assign) and any(getattr(t, "attr", None) == "ja" for t in node.targets)
            ):
                value = node.value
            for part in ast.walk(value) if value is not None else ():
                if isinstance(part, ast.FormattedValue):
                    yield f"{path.relative_to(SRC)}:{part.lineno}", ast.get_source_segment(source, part.value) or ""


# --- samples: one instance of every class, with the arguments its raise sites pass -----------------------------


def _samples() -> dict[type[KycDeskError], KycDeskError]:
    """Classes whose ``__init__`` takes its own arguments, built with values like their raise sites' own."""
    from kyc_desk.cards.apdu import StatusWord
    from kyc_desk.cards.apps.driver_licence import errors as dl
    from kyc_desk.cards.apps.mynumber import errors as mn
    from kyc_desk.cards.apps.residence import errors as rc
    from kyc_desk.cards.errors import MalformedData, PinBlocked, PinIncorrect
    from kyc_desk.export.errors import UnencodableText
    from kyc_desk.imaging import ImageRefused
    from kyc_desk.sync.errors import LinkInvalid, SyncRejected
    from kyc_desk.verify.errors import TrustStoreInvalid
    from kyc_desk.verify.revocation_ocsp import OcspFailure

    made: list[KycDeskError] = [
        PinIncorrect(StatusWord(0x63C2), retries_left=2),
        PinBlocked(StatusWord(0x6984)),
        dl.LicencePinIncorrect(StatusWord(0x63C1), retries_left=1, pin="pin2"),
        dl.LicencePinBlocked(StatusWord(0x6983), pin="pin1"),
        dl.PinRequired("pin1"),
        dl.PinFormatInvalid("pin2"),
        dl.LastTryNotConfirmed("pin1"),
        mn.LastTryNotConfirmed("code_b"),
        mn.CodeBInvalid("security_code", "must be 4 digits", reason_ja="4桁の数字です"),
        MalformedData("required tag missing", ef="EF 0002", tag=0xDF22),
        rc.ExtendedLengthRequired(),
        rc.CardNumberFormatInvalid("11 characters were given"),
        rc.CardNumberWrong(),
        SyncRejected("refused (HTTP 429)", status=429, code="rate_limited", ja="アクセスが多すぎます。"),
        LinkInvalid("the endpoint refused the call: this link has expired (HTTP 410)", code="link_expired",
                    ja="このリンクは有効期限が切れています。事務所に新しいリンクを依頼してください。"),
        TrustStoreInvalid(Path("/home/office/.kyc-desk/trust/jpki_sign_ca.pem"), "not a PEM certificate"),
        rc.CardGenerationNotSupported("07"),
        OcspFailure("the OCSP responder answered unauthorized", ja="OCSPレスポンダが要求を拒否しました。"),
        ImageRefused("the face image is too large (9000×9000 pixels)", ja="画像が大きすぎます。", reason="size"),
        UnencodableText(12, "依頼者の氏名・名称", "𠮷"),
    ]
    return {type(e): e for e in made}


def sample(cls: type[KycDeskError]) -> KycDeskError:
    """An instance of ``cls`` as a raise site makes it."""
    from kyc_desk.cards.apdu import StatusWord
    from kyc_desk.cards.errors import PcscUnavailable, StatusError

    special = _samples().get(cls)
    if special is not None:
        return special
    init = next(k for k in cls.__mro__ if "__init__" in vars(k))
    if init is KycDeskError:
        return cls("the English message, with detail for support")
    if init is StatusError:
        return cls(StatusWord(0x6F00))  # type: ignore[arg-type]
    if init is PcscUnavailable:
        return cls("")
    pytest.fail(f"{cls.__module__}.{cls.__name__} takes its own arguments: add it to _samples()")


# --- the tests -----------------------------------------------------------------------------------------------


def test_the_tree_is_scanned() -> None:
    """The scan sees the hierarchy and the raise sites (a broken scan must not pass silently)."""
    assert len(CLASSES) > 60
    assert len(CALLS) > 300


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_class_has_its_own_japanese_text(cls: type[KycDeskError]) -> None:
    """A class without its own ``default_ja`` would show its parent's (ultimately the root's generic) text."""
    assert "default_ja" in vars(cls), f"{cls.__name__} needs its own default_ja"
    assert cls.default_ja.strip() and cls.default_ja != KycDeskError.default_ja


def test_every_raise_has_japanese_text() -> None:
    """Each construction passes ``ja=`` or relies on a Japanese text its own class defines."""
    missing = [
        f"{where}: {cls.__name__}"
        for where, cls, call in CALLS
        if not any(k.arg == "ja" for k in call.keywords) and (cls is KycDeskError or "default_ja" not in vars(cls))
    ]
    assert not missing, "raised without Japanese text:\n" + "\n".join(missing)


def test_no_internal_identifiers_in_japanese_literals() -> None:
    leaks = [
        f"{where}: {tokens} in {text!r}" for where, text in _japanese_literals() if (tokens := identifier_tokens(text))
    ]
    assert not leaks, "internal identifiers in Japanese text:\n" + "\n".join(leaks)


def test_japanese_text_interpolates_only_japanese_labels_and_numbers() -> None:
    unknown = [
        f"{where}: {{{expr}}}"
        for where, expr in _japanese_interpolations()
        if expr not in ALLOWED_INTERPOLATIONS and "ja" not in expr.lower()
    ]
    assert not unknown, "interpolated into Japanese text (use a Japanese label):\n" + "\n".join(unknown)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_no_internal_identifiers_in_japanese_messages(cls: type[KycDeskError]) -> None:
    """Built as raise sites build them (with an EF, a tag, ``code_b``…), the Japanese text names none of it."""
    exc = sample(cls)
    assert exc.message and exc.ja
    assert not identifier_tokens(exc.user_text("ja")), exc.user_text("ja")
    assert exc.user_text("en") == exc.message == str(exc)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_pickle_keeps_message_japanese_text_and_attributes(cls: type[KycDeskError]) -> None:
    exc = sample(cls)
    copy = pickle.loads(pickle.dumps(exc))
    assert type(copy) is cls
    assert (copy.message, copy.ja, copy.args, str(copy)) == (exc.message, exc.ja, exc.args, str(exc))
    assert vars(copy) == vars(exc)


def test_specific_attributes_survive_pickling() -> None:
    from kyc_desk.cards.apdu import StatusWord
    from kyc_desk.cards.errors import PinIncorrect
    from kyc_desk.sync.errors import SyncRejected

    pin = pickle.loads(pickle.dumps(PinIncorrect(StatusWord(0x63C1), retries_left=1)))
    assert (pin.retries_left, pin.sw) == (1, StatusWord(0x63C1))
    assert pin.ja == "暗証番号が違います。残り 1 回です。"
    refused = pickle.loads(pickle.dumps(SyncRejected("refused", status=401, code="unauthorized", ja="拒否")))
    assert (refused.status, refused.code, refused.ja) == (401, "unauthorized", "拒否")


def test_an_error_raised_in_a_worker_process_arrives_whole() -> None:
    """The face-worker pools start with ``spawn``; what they raise arrives with its Japanese text."""
    from kyc_desk.cards.errors import PinIncorrect

    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool, pytest.raises(PinIncorrect) as caught:
        pool.submit(raise_pin_incorrect).result(timeout=120)
    assert caught.value.retries_left == 2
    assert caught.value.user_text("ja") == "暗証番号が違います。残り 2 回です。"


@pytest.mark.parametrize(
    ("text", "leaks"),
    [
        ("照合番号B の残り回数が1回です。", []),
        ("code_b の残り回数が1回です。", ["code_b"]),
        ("EF 0002 のタグ DF22 が不正です。", ["EF", "DF22"]),
        ("text.signature を確認できません。", ["text.signature"]),
        ("pcscd を起動してください (例: sudo systemctl start pcscd)。", []),
        ("--reader で指定してください。", []),
        ("別の KYC_DESK_HOME を指定し、scripts/demo から起動してください。", []),
        ("信頼済み発行者フォルダの「jpki_ca.pem」を使用できません。", []),
        ("2027年4月1日以降、ICチップの読取りが必要です。", []),
    ],
)
def test_the_identifier_check_itself(text: str, leaks: list[str]) -> None:
    assert identifier_tokens(text) == leaks


def test_the_windows_face_process_raises_the_faces_own_error() -> None:
    """The window's face process (app/faces.py) lets a face error through whole: its class and Japanese text."""
    from kyc_desk.app import FaceService
    from kyc_desk.faces.errors import ImageUnreadable

    service = FaceService()
    try:
        with pytest.raises(ImageUnreadable) as caught:
            service.compare(b"not an image", b"not an image either")
    finally:
        service.close()
    assert caught.value.user_text("ja") == ImageUnreadable.default_ja


def test_every_dated_step_has_its_japanese_name() -> None:
    """A missing timestamp is named as the law words it, never by its stored name."""
    from kyc_desk.records.errors import MissingMethodTimestamp
    from kyc_desk.records.legal import EVENT_JA, Event, Method, check_required_events

    assert set(EVENT_JA) == set(Event)
    for method in Method:
        if method.rule.required:
            with pytest.raises(MissingMethodTimestamp) as caught:
                check_required_events(method, {})
            assert not identifier_tokens(caught.value.user_text("ja")), caught.value.ja
