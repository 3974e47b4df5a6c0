"""``kyc-desk face`` — compare two face images, or check a liveness clip, from the command line.

    kyc-desk face compare CARD_PHOTO SELFIE [--engine NAME] [--json]
    kyc-desk face liveness FRAMES --challenge blink,turn_left [--fps 15] [--json]
    kyc-desk face search IMAGE [--limit 10] [--engine NAME] [--json] [--stdin]

``--engine`` chooses the face-match engine (``kyc_desk.faces.engine``; default: the setting
``face_engine``, else dlib's ResNet); a search looks only at stored faces of that engine.

``search`` lists the stored records whose faces are closest to the face in IMAGE (the local duplicate-face
check, docs/faces.md); it opens the record store like ``kyc-desk records`` (``--stdin``: the passphrase on
standard input).

IMAGE may be JPEG, PNG or JPEG 2000 (the chip's ``.j2k``/``.jp2``); FRAMES is a folder of images (in name
order) or a video file. Exit status: 0 when the engine reached a result (whatever it is: *match*,
*no_match*, *inconclusive*, *live*, …), 1 on an error (unreadable image, unknown challenge action).
The result supports the scrivener's judgement and never replaces it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from kyc_desk.cli.input import positive_int
from kyc_desk.i18n import tr

if TYPE_CHECKING:
    from kyc_desk.faces.engine import MatchEngine

def _engine_help() -> str:
    """Worded when the parser is built, in the language chosen by then (not at import)."""
    return tr("顔照合エンジン（既定: 設定の face_engine、なければ dlib-resnet-v1）",
              "the face-match engine (default: the setting face_engine, else dlib-resnet-v1)")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("face", help=tr("顔照合・生体確認", "compare faces and check liveness"))
    actions = parser.add_subparsers(dest="face_command", metavar="ACTION", required=True)

    compare = actions.add_parser(
        "compare", help=tr("券面・ICチップの顔写真と自撮りを照合", "compare a card photo with a selfie")
    )
    compare.add_argument("reference", type=Path, metavar="IMAGE_A",
                         help=tr("ICチップ・券面の顔写真", "the chip/card photo"))
    compare.add_argument("probe", type=Path, metavar="IMAGE_B",
                         help=tr("自撮りまたはカメラの画像", "the selfie or webcam image"))
    compare.add_argument("--no-condition", action="store_true",
                         help=tr("自撮りを補正せずにそのまま照合", "compare the selfie as it is (do not bring it to "
                                 "the chip photo's condition)"))
    compare.add_argument("--process", action="store_true",
                         help=tr("画面と同じ顔照合プロセスで照合（プロセスの起動を確認）",
                                 "compare in the face process the window uses (checks that it starts)"))
    compare.add_argument("--engine", metavar="NAME", default=None, help=_engine_help())
    compare.add_argument("--json", action="store_true", help=tr("JSON で出力", "print one JSON document"))
    compare.set_defaults(handler=run)

    liveness = actions.add_parser(
        "liveness", help=tr("生体確認の動画を指示どおりか確認", "check a liveness clip against a challenge")
    )
    liveness.add_argument("frames", type=Path, metavar="FRAMES",
                          help=tr("画像のフォルダまたは動画ファイル", "a folder of images or a video file"))
    liveness.add_argument("--challenge", required=True,
                          help=tr("指示した動作（順に。例: blink,turn_left）",
                                  "actions in order, e.g. blink,turn_left"))
    liveness.add_argument("--fps", type=float, default=None,
                          help=tr("画像フォルダのフレームレート（既定 15）",
                                  "frame rate of an image folder (default 15)"))
    liveness.add_argument("--json", action="store_true", help=tr("JSON で出力", "print one JSON document"))
    liveness.set_defaults(handler=run)

    search = actions.add_parser(
        "search", help=tr("保存済みの記録から顔の近いものを検索", "list the stored clients whose faces are closest")
    )
    search.add_argument("image", type=Path, metavar="IMAGE",
                        help=tr("顔写真（ICチップの顔写真・自撮りなど）", "a face image (chip photo, selfie …)"))
    search.add_argument("--limit", type=positive_int, default=10,
                        help=tr("表示する記録の数（既定 10）", "how many records to list (default 10)"))
    search.add_argument("--engine", metavar="NAME", default=None, help=_engine_help())
    search.add_argument("--json", action="store_true", help=tr("JSON で出力", "print one JSON document"))
    search.add_argument("--stdin", action="store_true",
                        help=tr("パスフレーズを標準入力から読む", "read the passphrase from stdin"))
    search.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.face_command == "compare":
        return _compare(args)
    if args.face_command == "search":
        return _search(args)
    return _liveness(args)


def _engine(args: argparse.Namespace) -> MatchEngine:
    """``--engine``, else the engine the settings choose (an unknown name is an error, never a fallback)."""
    from kyc_desk.faces.engine import match_engine, selected_engine

    return match_engine(args.engine) if args.engine else selected_engine()


def _compare(args: argparse.Namespace) -> int:
    if args.process:
        return _compare_in_process(args)
    from kyc_desk.faces import compare_faces

    match = compare_faces(args.reference, args.probe, engine=_engine(args), condition=not args.no_condition)
    if args.json:
        print(json.dumps(match.to_dict(), ensure_ascii=False, indent=2))
        return 0
    label = {
        "match": tr("一致", "match"),
        "no_match": tr("不一致", "no match"),
        "inconclusive": tr("判定不能", "inconclusive"),
    }[match.result.value]
    print(tr(f"結果: {label}", f"result: {label}"))
    if match.score is not None:
        print(tr(f"類似度: {match.score:.3f}（閾値 {match.threshold:.3f}）",
                 f"score: {match.score:.3f} (threshold {match.threshold:.3f})"))
    for item in match.reasons:
        print(f"- {item.text}")
    return 0


#: The stored verdict of a face match in the words of :class:`kyc_desk.faces.MatchResult`.
_MATCH_RESULT = {"pass": "match", "fail": "no_match", "inconclusive": "inconclusive"}


def _compare_in_process(args: argparse.Namespace) -> int:
    """The window's path: the comparison runs in the separate ``spawn`` face process
    (:class:`~kyc_desk.app.faces.FaceService`), so a frozen build proves its face process starts, finds
    its models and answers. The result is the record's neutral form, as the window stores it."""
    from kyc_desk.app.faces import FaceService
    from kyc_desk.faces import ImageUnreadable

    try:
        chip_photo, live_photo = args.reference.read_bytes(), args.probe.read_bytes()
    except OSError as exc:
        raise ImageUnreadable("the image file could not be read", ja="画像ファイルを読み込めませんでした。") from exc
    faces = FaceService()
    try:
        result = faces.compare(chip_photo, live_photo, args.engine)
    finally:
        faces.close()
    if args.json:
        print(json.dumps({
            # "result" as the in-process comparison words it, so a script reads one key either way
            "result": _MATCH_RESULT[result.verdict.value],
            "verdict": result.verdict.value, "distance": result.value, "threshold": result.threshold,
            "engine": result.engine, "engine_version": result.engine_version, "reasons": list(result.reasons),
        }, ensure_ascii=False, indent=2))
        return 0
    label = {"pass": tr("一致", "match"), "fail": tr("不一致", "no match")}.get(
        result.verdict.value, tr("判定不能", "inconclusive"))
    print(tr(f"結果: {label}", f"result: {label}"))
    if result.value is not None and result.threshold is not None:
        print(tr(f"距離: {result.value:.3f}（閾値 {result.threshold:.3f}）",
                 f"distance: {result.value:.3f} (threshold {result.threshold:.3f})"))
    return 0


def _liveness(args: argparse.Namespace) -> int:
    from kyc_desk.faces import Action, InvalidChallenge, check_liveness, open_frames, parse_challenge

    try:
        challenge = parse_challenge(args.challenge)
    except InvalidChallenge as exc:  # on the command line the action names are what the user types
        raise InvalidChallenge(
            exc.message, ja=f"{exc.ja}--challenge に使える値: {', '.join(a.value for a in Action)}"
        ) from exc
    source = open_frames(args.frames, fps=args.fps or 15.0)
    try:
        result = check_liveness(source, challenge, fps=args.fps)
    finally:
        source.close()
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return 0
    label = {
        "live": tr("生体と判定", "live"),
        "not_live": tr("生体と判定できず（偽装または未実施）", "not live (attack or challenge not done)"),
        "inconclusive": tr("判定不能", "inconclusive"),
    }[result.result.value]
    print(tr(f"結果: {label}", f"result: {label}"))
    for check in result.checks:
        mark = {True: "ok", False: "NG", None: "-"}[check.passed]
        value = "" if check.value is None else f" {check.value:.3f}"
        print(f"  [{mark}] {check.name}{value}")
    for item in result.reasons:
        print(f"- {item.text}")
    return 0


def _search(args: argparse.Namespace) -> int:
    """The closest stored records to the face in IMAGE, with distances (a lead for a person, never a
    verdict). The image is brought to a chip photo's condition first
    (:func:`kyc_desk.faces.search.search_embedding`)."""
    from kyc_desk.app.texts import stored_face_text
    from kyc_desk.cli.records import _open, _Secrets
    from kyc_desk.faces.engine import MATCH_METRIC
    from kyc_desk.faces.search import search_embedding

    engine = _engine(args)
    quality, embedding = search_embedding(args.image, engine)
    limit = engine.duplicates.same_face_at_most
    found = []
    if embedding is not None:
        with _open(_Secrets(args.stdin)) as store:
            found = store.nearest_faces(embedding, engine=engine.name, limit=args.limit)
    if args.json:
        print(json.dumps({
            "result": "searched" if embedding is not None else "no_usable_face",
            "engine": engine.name,
            "metric": MATCH_METRIC,
            "same_face_at_most": limit,
            "quality": quality.to_dict(),
            "reasons": [r.to_dict() for r in quality.reasons],
            "closest": [{
                "verification_id": f.verification_id, "subject_name": f.subject_name,
                "birth_date": f.birth_date.isoformat() if f.birth_date else None,
                "verified_on": f.verified_on.isoformat(), "source": f.source.value,
                "distance": round(f.distance, 4), "within_same_face_threshold": f.distance <= limit,
            } for f in found],
        }, ensure_ascii=False, indent=2))
        return 0
    if embedding is None:
        print(tr("結果: 検索できる顔がありません", "result: no usable face to search with"))
        for item in quality.reasons:
            print(f"- {item.text}")
        return 0
    print(tr(f"近い順（距離は小さいほど類似。{limit:.2f} 以下は同一人物の可能性があり、目視で確認してください）:",
             f"closest first (lower distance is more alike; at or below {limit:.2f} possibly the same person — "
             "check by eye):"))
    if not found:
        print(tr("  保存された顔はありません。", "  no stored faces."))
    for f in found:
        mark = "*" if f.distance <= limit else " "
        print(f"{mark} {stored_face_text(f)}")
    return 0
