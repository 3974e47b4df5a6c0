"""検証結果の理由 — what a check's ``reason`` code means, in Japanese and English.

A :class:`~kyc_desk.verify.report.Check` stores a stable ``reason`` code and its ``params`` (numbers,
file names, source names — never personal data, never a sentence); the desk renders them in the reader's
language when it shows them (:mod:`kyc_desk.app.texts`). This table holds the verification layer's codes;
the sync and face layers keep their own tables beside their code. Templates use ``str.format`` fields
named after the params.

Errors that become a check's verdict are stored as ``error.<ClassName>`` (:func:`error_reason`), with the
error's location (``ef``, ``tag``) as params where it has one.
"""

from __future__ import annotations

from typing import Final

from kyc_desk.cards.errors import MalformedData
from kyc_desk.errors import KycDeskError

#: code → (Japanese template, English template).
REASONS: Final[dict[str, tuple[str, str]]] = {
    # certificates and signatures
    "certificate.not_read": ("証明書が読み取られていません", "the certificate was not read"),
    "certificate.malformed": ("証明書が不正なため検証できません", "the certificate is malformed"),
    "cvc.trusted_issuer": ("信頼済みの発行者の署名を確認", "signed by a trusted issuer"),
    "signature.certified_key": ("証明書の鍵で署名を確認", "the signature verifies with the certified key"),
    "signature.key_not_vouched": ("署名は鍵と一致するが、鍵の証明書が検証できません",
                                  "the key's certificate is not valid or not trusted"),
    "signature.certificate_unverified": ("署名は証明書の鍵と一致するが、証明書が検証できません",
                                         "the signature matches, but the certificate did not verify"),
    # My Number card
    "surface.not_read": ("券面情報は読み取られていません（照合番号B）", "the card face was not read"),
    "text.not_read": ("基本4情報は読み取られていません", "the 基本4情報 were not read"),
    "jpki.chain_valid": (
        "信頼済みの認証局が発行し、有効期間内",
        "issued by a trusted CA and valid at the time of reading",
    ),
    "jpki.sign_certificate_valid": (
        "署名用電子証明書は信頼済みのCAが発行し有効期間内",
        "issued by a trusted CA and valid",
    ),
    "jpki.sign_certificate_not_read": ("署名用証明書は読み取られていません", "no signature certificate"),
    "jpki.no_sign_certificate": ("署名用証明書がありません", "no signature certificate"),
    "jpki.revocation_not_checked": (
        "失効確認は未実施（J-LISの失効情報は登録した署名検証者のみ）",
        "revocation is not checked: J-LIS gives CRL/OCSP only to registered verifiers (use a platform operator)",
    ),
    "jpki.no_challenge": ("署名による本人確認は行われていません", "no signature challenge was made"),
    "jpki.challenge_signed": ("カードが今回のチャレンジに署名用鍵で署名",
                              "the card signed this read's challenge with the signature key"),
    "cross.too_few_sources": ("比較できる情報が2つありません", "fewer than two sources to compare"),
    "cross.substitutes": ("証明書に代替文字があり比較できません", "the certificate uses substitute characters"),
    "cross.text_agree": ("入力補助APと署名用証明書で一致", "text AP and signature certificate agree"),
    "cross.text_differ": ("入力補助APと署名用証明書で異なります", "text AP and signature certificate differ"),
    "cross.agree": ("一致: {sources}", "agree: {sources}"),
    "cross.differ": ("不一致: {groups}", "differ: {groups}"),
    # residence card family
    "residence.files_missing": (
        "署名対象のファイルが読み取られていません",
        "the reading does not carry the signed files",
    ),
    "residence.no_check_code": ("チェックコードなし（16歳未満）", "the card carries no check code (holder under 16)"),
    "residence.issuer_unknown": ("証明書の発行者が信頼済みの一覧にありません（検証していません）",
                                 "the certificate's issuer is not in the trust store: nothing checked"),
    "residence.check_code_valid": ("チェックコードを確認（{form}）。証明書の発行者: {issuer}（{anchor}）",
                                   "check code verified ({form}); certificate issued by {issuer} — {anchor}"),
    "residence.no_signature": ("署名なし（16歳未満）", "the card carries no signature (holder under 16)"),
    "residence.generation2_signature_valid": (
        "署名を確認（ECDSA P-384、SHA-256、{form}）。証明書の発行者: {issuer}（{anchor}）",
        "signature verified (ECDSA P-384, SHA-256, {form}); certificate issued by {issuer} — {anchor}",
    ),
    "residence.generation2_signature_invalid": (
        "署名が一致しません（第2世代: 記載事項‖顔画像‖氏名画像。実カードでの配置は未確認）",
        "the signature does not verify (second generation: printed entries ‖ face ‖ name image, layout "
        "UNCONFIRMED on real cards)",
    ),
    # driver's licence
    "licence.no_signature_file": ("署名ファイル（EF07）がありません", "the reading carries no signature file (EF07)"),
    "licence.signature_file_refused": ("カードが署名ファイル（EF07）の読み取りを拒否しました",
                                       "the card refused to give its signature file (EF07)"),
    "licence.signature_layout_unknown": (
        "検証不可: 発行者の鍵が不明（EF07の形式と警察の鍵は非公開）。"
        "EF07を原本のまま保存（{size}バイト、タグ/長さ: {tags}）",
        "not verifiable: issuer key unknown (the EF07 layout and the police key are not public); "
        "EF07 kept raw ({size} bytes; tag/length: {tags})",
    ),
    "licence.signature_scheme_valid": ("{scheme}: 署名を確認（{detail}）", "{scheme}: {detail}"),
    "licence.changes_unsigned": ("発行後に変更された項目（{items}）は発行時の署名の対象外。裏面で確認してください",
                                 "items changed after issue ({items}) are not covered by the issue-time signature;"
                                 " confirm them on the back of the card"),
    # returning clients, revocation
    "jpki.no_certificate": ("証明書がありません", "no certificate"),
    "jpki.auth_challenge_signed": ("カードが今回のチャレンジに利用者証明用鍵で署名",
                                   "the card signed this read's challenge with the authentication key"),
    "revocation.certificate_unverified": ("署名用証明書が検証できないため失効確認はできません",
                                          "the signature certificate is not verified, so revocation cannot be checked"),
    "revocation.revoked": ("失効（{revoked_on}、{source}）: {why}", "revoked on {revoked_on} ({source}): {why}"),
    "revocation.crl_unverified": ("失効リスト {crl} は発行者の鍵で署名を確認できません（使用しません）: {problem}",
                                  "the revocation list {crl} does not verify with the issuer's key and is not used: "
                                  "{problem}"),
    "revocation.crl_stale": ("失効リスト {crl} は {current_until} までのもので古いため確認できません"
                             "（新しい失効リストを入れてください）",
                             "the newest revocation list ({crl}) was current until {current_until}: "
                             "install a newer one"),
    "revocation.not_listed": ("失効リスト（{issued}発行、{crl}）に記載なし",
                              "not listed in the revocation list of {issued} ({crl})"),
    "revocation.issuer_unverified": ("証明書の発行者を確認できないため失効確認はできません: {problem}",
                                     "the certificate's issuer is not verified, so revocation cannot be checked: "
                                     "{problem}"),
    "revocation.inconclusive": ("{parts}", "{parts}"),
    "revocation.not_checked": (
        "失効確認は未実施（信頼済み発行者フォルダにこの発行者の失効リストがなく、OCSPレスポンダも未設定。"
        "J-LISの失効情報は登録した署名検証者のみ：プラットフォーム事業者を利用してください）",
        "revocation not checked: no revocation list of this issuer in the trust folder and no OCSP responder set "
        "(J-LIS gives CRL/OCSP only to registered verifiers: use a platform operator)",
    ),
    "revocation.ocsp_good": (
        "OCSPで失効していないことを確認（{produced}）",
        "not revoked according to OCSP ({produced})",
    ),
    "crl.no_crl_sign": (
        "発行者の証明書に失効リスト署名の用途がありません",
        "the issuer's certificate may not sign CRLs",
    ),
    "crl.delta": ("差分失効リストには対応していません", "delta CRLs are not supported"),
    "error.OcspFailure": ("OCSPで失効を確認できませんでした（{detail}）", "the OCSP check failed ({detail})"),
    # the chip's presence (card face AP key, DF24)
    "presence.no_card_face": ("券面情報がないためカードの実在は未証明", "presence not proven: no card face"),
    "presence.no_challenge": ("カードの実在は未証明（カード鍵でのチャレンジ署名なし）",
                              "presence not proven: the card key signed no challenge"),
    "presence.refused": ("カードがチャレンジへの署名を拒否（SW={sw}）。実在は未証明",
                         "the card refused to sign the challenge (SW={sw}): presence not proven"),
    "presence.suspected_copy": (
        "ICチップが今回のチャレンジに券面情報のカード鍵で署名しませんでした。データを別のチップに複製した疑いがあります",
        "the chip did not sign this challenge with the card key the card face names: a copy of the data on "
        "another chip is suspected",
    ),
    "presence.face_unverified": ("チップはカード鍵で署名したが、券面情報の署名が検証できないため鍵を確認できません",
                                 "the chip signed with the card face's key, but the card face's signature did not "
                                 "verify"),
    "presence.proven": ("ICチップが今回のチャレンジに券面情報のカード鍵で署名（複製ではない）",
                        "the chip signed this challenge with the card key the issuer signed: not a copy"),
    "cross.sex_code_unknown": ("カードの性別コード（{codes}）が未知のため比較できません",
                               "the card's sex code ({codes}) is not known: not compared"),
    # errors turned into verdicts
    "error.UnknownIssuer": ("発行者が信頼済みの一覧にありません（検証できません）",
                            "the issuer is not in the trust store (nothing could be checked)"),
    "error.CertificateExpired": ("証明書が確認時点で有効期間外です", "a certificate is outside its validity period"),
    "error.SignatureInvalid": ("署名が一致しません（改ざんの疑い）", "the signature does not match (possibly altered)"),
    "error.DigestMismatch": (
        "ハッシュ値が一致しません（改ざんの疑い）",
        "the digest does not match (possibly altered)",
    ),
    "error.ChainInvalid": ("証明書の検証に失敗しました", "the certificate chain did not verify"),
    "error.MalformedCertificate": (
        "証明書または署名データの形式が不正です",
        "the certificate or signature data is malformed",
    ),
    "error.MalformedData": ("ICチップのデータの形式が正しくありません（{ef}）", "malformed chip data ({ef})"),
    "error.VerificationError": ("検証できませんでした", "could not be verified"),
}


def error_reason(exc: KycDeskError) -> tuple[str, dict[str, str | int]]:
    """The stored form of an error that decided a check: ``error.<ClassName>`` and where it happened.

    The error's English message goes with it as the ``detail`` param — a technical diagnosis (which key,
    which file, which extension), the same whichever language the desk speaks, free of personal data by the
    errors' own rule — shown after the reason's text. A class without its own entry falls back to its
    nearest ancestor that has one, so a new subclass still renders."""
    params: dict[str, str | int] = {"detail": exc.message}  # English, technical, free of personal data
    if isinstance(exc, MalformedData):
        params["ef"] = exc.ef or "-"
        if exc.tag is not None:
            params["tag"] = f"{exc.tag:X}"
    for cls in type(exc).__mro__:
        if f"error.{cls.__name__}" in REASONS:
            return f"error.{cls.__name__}", params
    return f"error.{type(exc).__name__}", params
