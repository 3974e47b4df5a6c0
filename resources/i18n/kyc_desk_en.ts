<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
<context>
    <name>AboutDialog</name>
    <message>
        <source>本人確認デスクについて</source>
        <translation>About KYC Desk</translation>
    </message>
    <message>
        <source>本人確認デスク</source>
        <translation>KYC Desk</translation>
    </message>
    <message>
        <source>司法書士のための犯罪収益移転防止法に基づく本人確認ツール</source>
        <translation>Identity verification under the Act on Prevention of Transfer of Criminal Proceeds, for judicial scriveners</translation>
    </message>
    <message>
        <source>同梱しているモデル・フォント・ライブラリのライセンス:</source>
        <translation>Licences of the bundled models, fonts and libraries:</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>ライセンス</source>
        <translation>Licence</translation>
    </message>
</context>
<context>
    <name>CardPage</name>
    <message>
        <source>カードの読み取り</source>
        <translation>Reading your card</translation>
    </message>
    <message>
        <source>カードリーダー(&amp;R)</source>
        <translation>Card &amp;reader</translation>
    </message>
    <message>
        <source>再検索</source>
        <translation>Search again</translation>
    </message>
    <message>
        <source>戻る</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>中止</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>読み取り開始</source>
        <translation>Start reading</translation>
    </message>
</context>
<context>
    <name>CardStepView</name>
    <message>
        <source>カードの種類を確認しました</source>
        <extracomment>Reader steps (the card readers&apos; progress names) as the user reads them.</extracomment>
        <translation>Card type identified</translation>
    </message>
    <message>
        <source>公的個人認証の証明書を読んでいます</source>
        <translation>Reading the JPKI certificates</translation>
    </message>
    <message>
        <source>券面事項（顔写真・氏名・住所）を読んでいます</source>
        <translation>Reading the card face (photo, name, address)</translation>
    </message>
    <message>
        <source>券面事項入力補助（基本4情報）を読んでいます</source>
        <translation>Reading the text input support data (basic four items)</translation>
    </message>
    <message>
        <source>署名用電子証明書を読んでいます</source>
        <translation>Reading the signature certificate</translation>
    </message>
    <message>
        <source>カードに署名を求めています（本人の保有確認）</source>
        <translation>Asking the card to sign (proof the holder has the card)</translation>
    </message>
    <message>
        <source>有効期限を読んでいます</source>
        <translation>Reading the expiry date</translation>
    </message>
    <message>
        <source>カード種別を読んでいます</source>
        <translation>Reading the card type</translation>
    </message>
    <message>
        <source>在留カード番号で認証しています</source>
        <translation>Authenticating with the residence card number</translation>
    </message>
    <message>
        <source>暗証番号1を確認しています</source>
        <translation>Checking PIN 1</translation>
    </message>
    <message>
        <source>暗証番号2を確認しています</source>
        <translation>Checking PIN 2</translation>
    </message>
    <message>
        <source>利用者証明用の鍵で署名を求めています（再来の確認）</source>
        <translation>Asking the card to sign with its user-authentication key (returning client)</translation>
    </message>
    <message>
        <source>記載事項（氏名・住所・生年月日）を読んでいます</source>
        <translation>Reading the licence items (name, address, date of birth)</translation>
    </message>
    <message>
        <source>本籍を読んでいます</source>
        <translation>Reading the registered domicile</translation>
    </message>
    <message>
        <source>顔写真を読んでいます</source>
        <translation>Reading the photo</translation>
    </message>
    <message>
        <source>署名と証明書を検証しています</source>
        <translation>Verifying signatures and certificates</translation>
    </message>
    <message>
        <source>カードリーダー</source>
        <translation>Card readers</translation>
    </message>
    <message>
        <source>読み取り</source>
        <translation>Reading</translation>
    </message>
    <message>
        <source>カードをリーダーに置き、左の一覧でリーダーを選んで「読み取り開始」を押してください。マイナンバーカードは暗証番号を使わない照合番号Bで読み取ります。</source>
        <translation>Place the card on a reader, select the reader on the left and press &quot;Start reading&quot;. My Number cards are read with collation number B, without the holder&apos;s PIN.</translation>
    </message>
    <message>
        <source>再来の依頼者をカードで確認する（依頼者が利用者証明用電子証明書の暗証番号4桁を入力）(&amp;K)</source>
        <translation>Recognise a returning client by the card (the client types the 4-digit user-authentication PIN) (&amp;K)</translation>
    </message>
    <message>
        <source>マイナンバーカードのみ。カードが利用者証明用の鍵で新しいチャレンジに署名し、以前にこのカードで本人確認した記録を探します。保存すると、この記録にカードの証明書（発行者とシリアル番号）を紐付けます。</source>
        <translation>My Number card only. The card signs a fresh challenge with its user-authentication key and the desk looks for earlier verifications made with this card. Saving links the card&apos;s certificate (issuer and serial number) to this record.</translation>
    </message>
    <message>
        <source>読み取り開始(&amp;R)</source>
        <translation>Start &amp;reading</translation>
    </message>
    <message>
        <source>中止(&amp;C)</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>カードを確認中…</source>
        <translation>Checking the card…</translation>
    </message>
    <message>
        <source>カードリーダーが見つかりません。接続を確認してください。</source>
        <translation>No card reader found. Check the connection.</translation>
    </message>
    <message>
        <source>読み取り中です。カードをリーダーから離さないでください。</source>
        <translation>Reading. Keep the card on the reader.</translation>
    </message>
    <message>
        <source>中止しています…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>読み取りが完了しました。</source>
        <translation>Reading complete.</translation>
    </message>
    <message>
        <source>読み取りの途中でカードがリーダーから離れました。読み取った内容は使わずに破棄しました。カードを置き直して、もう一度「読み取り開始」を押してください。</source>
        <translation>The card left the reader during reading. Nothing that was read has been kept. Place the card again and press &quot;Start reading&quot;.</translation>
    </message>
    <message>
        <source>入力された番号が違います。再入力は、もう一度読み取りを始めてから行ってください。</source>
        <translation>The number entered is wrong. To try again, start a new reading.</translation>
    </message>
    <message>
        <source>入力された番号が違います。残り回数: %1回。再入力は、もう一度読み取りを始めてから行ってください。</source>
        <translation>The number entered is wrong. Tries left: %1. To try again, start a new reading.</translation>
    </message>
    <message>
        <source>このカードの暗証番号はロックされています。発行元での解除手続きが必要です。</source>
        <translation>This card&apos;s PIN is locked. It must be unlocked by the issuer.</translation>
    </message>
    <message>
        <source>読み取りを中止しました。カードには何も書き込んでいません。</source>
        <translation>Reading cancelled. Nothing was written to the card.</translation>
    </message>
</context>
<context>
    <name>CaseloadHtml</name>
    <message>
        <source>書類</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>用途</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>番号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>書類の日付</source>
        <translation>Document date</translation>
    </message>
    <message>
        <source>有効期限</source>
        <translation>Expiry</translation>
    </message>
    <message>
        <source>備考</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>未記録（到達・返送が分かったら「返送・到達を記録…」で記録してください）</source>
        <translation>Not recorded yet (record it with “Record return or delivery…” once known)</translation>
    </message>
    <message>
        <source>転送不要郵便</source>
        <translation>No-forwarding registered mail</translation>
    </message>
    <message>
        <source>発送日時</source>
        <translation>Mailed at</translation>
    </message>
    <message>
        <source>追跡番号</source>
        <translation>Tracking number</translation>
    </message>
    <message>
        <source>送付先</source>
        <translation>Sent to</translation>
    </message>
    <message>
        <source>結果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>依拠した以前の本人確認（確認済みの顧客等）</source>
        <translation>Earlier verification relied on (client already verified)</translation>
    </message>
    <message>
        <source>記録 %1</source>
        <translation>Record %1</translation>
    </message>
    <message>
        <source>記録 %1 を開く</source>
        <translation>Open record %1</translation>
    </message>
    <message>
        <source>本人との照合の方法</source>
        <translation>How the person was matched to it</translation>
    </message>
    <message>
        <source>高リスク取引（犯収法4条2項）</source>
        <translation>High-risk transaction (Act Art. 4(2))</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <source>追加で確認した書類</source>
        <translation>Additional document checked</translation>
    </message>
    <message>
        <source>本人確認の結果</source>
        <translation>Identity verification result</translation>
    </message>
    <message>
        <source>受任の判断</source>
        <translation>Engagement decision</translation>
    </message>
    <message>
        <source>確認できなかった点・行わなかった確認とその理由</source>
        <translation>Checks missing, failed or not done, and why</translation>
    </message>
    <message>
        <source>案件</source>
        <translation>Matter</translation>
    </message>
    <message>
        <source>件名</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>種類</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>事件番号</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>開始日</source>
        <translation>Opened on</translation>
    </message>
    <message>
        <source>終了日</source>
        <translation>Ended on</translation>
    </message>
    <message>
        <source>関係者</source>
        <translation>Parties</translation>
    </message>
</context>
<context>
    <name>ChipStepView</name>
    <message>
        <source>免許の種類</source>
        <extracomment>Logical pixels; the pixmaps are made at the screen&apos;s device pixel ratio, so they stay sharp at any scaling. Labels for what a reading adds beyond the four items (``CardReading.extra``); other keys show as they are.</extracomment>
        <translation>Licence categories</translation>
    </message>
    <message>
        <source>免許の条件</source>
        <translation>Conditions</translation>
    </message>
    <message>
        <source>免許証の色</source>
        <translation>Licence colour</translation>
    </message>
    <message>
        <source>公安委員会</source>
        <translation>Public safety commission</translation>
    </message>
    <message>
        <source>照会番号</source>
        <translation>Reference number</translation>
    </message>
    <message>
        <source>交付時の氏名</source>
        <translation>Name at issue</translation>
    </message>
    <message>
        <source>交付時の呼び名</source>
        <translation>Name reading at issue</translation>
    </message>
    <message>
        <source>交付時の住所</source>
        <translation>Address at issue</translation>
    </message>
    <message>
        <source>変更後の氏名</source>
        <translation>Name after change</translation>
    </message>
    <message>
        <source>変更後の呼び名</source>
        <translation>Name reading after change</translation>
    </message>
    <message>
        <source>変更後の住所</source>
        <translation>Address after change</translation>
    </message>
    <message>
        <source>記載事項変更の履歴</source>
        <translation>History of recorded changes</translation>
    </message>
    <message>
        <source>記載事項変更</source>
        <translation>Recorded changes</translation>
    </message>
    <message>
        <source>解読できない変更記録</source>
        <translation>Changes that could not be decoded</translation>
    </message>
    <message>
        <source>仕様書バージョン</source>
        <translation>Specification version</translation>
    </message>
    <message>
        <source>カードの世代</source>
        <translation>Card generation</translation>
    </message>
    <message>
        <source>国籍・地域（コード）</source>
        <translation>Nationality/region (code)</translation>
    </message>
    <message>
        <source>在留資格（コード）</source>
        <translation>Status of residence (code)</translation>
    </message>
    <message>
        <source>在留期間（コード）</source>
        <translation>Period of stay (code)</translation>
    </message>
    <message>
        <source>在留期間の満了日</source>
        <translation>Period of stay expires</translation>
    </message>
    <message>
        <source>許可の種類（コード）</source>
        <translation>Permission type (code)</translation>
    </message>
    <message>
        <source>許可年月日</source>
        <translation>Permission date</translation>
    </message>
    <message>
        <source>就労制限の有無</source>
        <translation>Work restriction</translation>
    </message>
    <message>
        <source>住居地の記載日</source>
        <translation>Address entered on</translation>
    </message>
    <message>
        <source>市町村コード</source>
        <translation>Municipality code</translation>
    </message>
    <message>
        <source>資格外活動許可（包括）</source>
        <translation>Permission for activity outside status (comprehensive)</translation>
    </message>
    <message>
        <source>包括許可の期限</source>
        <translation>Comprehensive permission expires</translation>
    </message>
    <message>
        <source>資格外活動許可（個別）</source>
        <translation>Permission for activity outside status (individual)</translation>
    </message>
    <message>
        <source>在留期間更新等許可申請</source>
        <translation>Application for extension of stay</translation>
    </message>
    <message>
        <source>長官記載欄</source>
        <translation>Commissioner&apos;s note</translation>
    </message>
    <message>
        <source>その他の記載</source>
        <translation>Other entries</translation>
    </message>
    <message>
        <source>以前の記録を開く(&amp;O)</source>
        <extracomment>Card-face images in the order the card prints them (name above address). Verdicts repeated in the red box at the top.</extracomment>
        <translation>Open the earlier record (&amp;O)</translation>
    </message>
    <message>
        <source>ICチップの顔写真</source>
        <translation>Photo on the IC chip</translation>
    </message>
    <message>
        <source>顔写真なし</source>
        <translation>No photo</translation>
    </message>
    <message>
        <source>ICチップに記録された内容</source>
        <translation>Data recorded on the IC chip</translation>
    </message>
    <message>
        <source>券面の画像</source>
        <translation>Card face images</translation>
    </message>
    <message>
        <source>検証結果</source>
        <translation>Verification results</translation>
    </message>
    <message>
        <source>結果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>検証項目</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>詳細</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>以前の本人確認を探せませんでした: %1</source>
        <translation>Could not search for earlier verifications: %1</translation>
    </message>
    <message>
        <source>カードによる再来の確認は成立しませんでした: %1</source>
        <translation>The card does not prove a returning client: %1</translation>
    </message>
    <message>
        <source>カードによる確認ができました。このカードで本人確認した記録はまだありません。保存すると、この記録にカードの証明書を紐付けます。</source>
        <translation>The card proof holds. No verification has been made with this card yet; saving links the card&apos;s certificate to this record.</translation>
    </message>
    <message>
        <source>このカードは %1に %2 として本人確認済みです（記録番号 %3）。</source>
        <translation>This card was verified on %1 for %2 (record %3).</translation>
    </message>
    <message>
        <source>カードとの紐付けは切れています: %4。%1に %2 として本人確認した記録（記録番号 %3）は、このカードでは確認できません。</source>
        <translation>The link to the card is broken: %4. The verification of %2 on %1 (record %3) cannot be confirmed with this card.</translation>
    </message>
    <message>
        <source>カードとの紐付けは切れています: このカードの利用者証明用電子証明書は、%1に %2 として本人確認した記録（記録番号 %3）のものと異なります（更新または再発行）。保存すると、新しい証明書をこの記録に紐付けます。</source>
        <translation>The link to the card is broken: this card&apos;s user-authentication certificate is not the one of the verification of %2 on %1 (record %3) (renewed or reissued). Saving links the new certificate to this record.</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>該当なし</source>
        <translation>None</translation>
    </message>
    <message>
        <source>不明（カードのコード {code}）</source>
        <translation>unknown (card code {code})</translation>
    </message>
    <message>
        <source>書類</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>フリガナ</source>
        <translation>Name (kana)</translation>
    </message>
    <message>
        <source>生年月日</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>性別</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>住所</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>有効期限</source>
        <translation>Expiry</translation>
    </message>
    <message>
        <source>書類の番号</source>
        <translation>Document number</translation>
    </message>
    <message>
        <source>（チップに記録なし）</source>
        <translation>(not recorded on the chip)</translation>
    </message>
    <message>
        <source>注意: 次の検証で問題が見つかりました。</source>
        <translation>Warning: these checks found a problem.</translation>
    </message>
    <message>
        <source>警告: ICチップの複製の疑いがあります。券面データは本物でも、このチップは発行されたカードの鍵で応答しません。本人確認書類として扱わないでください。</source>
        <translation>Warning: suspected copy. The card data may be genuine, but this chip does not answer with the key of the card it was issued for. Do not accept it as an identity document.</translation>
    </message>
</context>
<context>
    <name>ClientPages</name>
    <message>
        <source>カードの証明書を読んでいます</source>
        <translation>Reading the card&apos;s certificates</translation>
    </message>
    <message>
        <source>券面の情報（顔写真・氏名・住所）を読んでいます</source>
        <translation>Reading the card face (photo, name, address)</translation>
    </message>
    <message>
        <source>氏名・住所・生年月日を読んでいます</source>
        <translation>Reading name, address and date of birth</translation>
    </message>
    <message>
        <source>有効期限を読んでいます</source>
        <translation>Reading the expiry date</translation>
    </message>
    <message>
        <source>カードの種類を読んでいます</source>
        <translation>Reading the card type</translation>
    </message>
    <message>
        <source>在留カード番号を確認しています</source>
        <translation>Checking the residence card number</translation>
    </message>
    <message>
        <source>暗証番号1を確認しています</source>
        <translation>Checking PIN 1</translation>
    </message>
    <message>
        <source>暗証番号2を確認しています</source>
        <translation>Checking PIN 2</translation>
    </message>
    <message>
        <source>記載事項を読んでいます</source>
        <translation>Reading the entries</translation>
    </message>
    <message>
        <source>顔写真を読んでいます</source>
        <translation>Reading the photo</translation>
    </message>
    <message>
        <source>署名用電子証明書で署名しています</source>
        <translation>Signing with the signature certificate</translation>
    </message>
    <message>
        <source>依頼の状態を確認しています</source>
        <extracomment>The submitter&apos;s stages (``submit(progress=…)``) as the client reads them, with the bar&apos;s value.</extracomment>
        <translation>Checking the request</translation>
    </message>
    <message>
        <source>事務所だけが開ける形に暗号化しています</source>
        <translation>Encrypting so that only the office can open it</translation>
    </message>
    <message>
        <source>送信しています</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>送信が完了しました</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>まばたきをしてください</source>
        <extracomment>The liveness actions as the prompt shows them (larger than a sentence; the person is looking at the camera).</extracomment>
        <translation>Please blink</translation>
    </message>
    <message>
        <source>顔をゆっくり左に向けて、正面に戻してください</source>
        <translation>Slowly turn your head to your left, then back</translation>
    </message>
    <message>
        <source>顔をゆっくり右に向けて、正面に戻してください</source>
        <translation>Slowly turn your head to your right, then back</translation>
    </message>
</context>
<context>
    <name>ClientStepView</name>
    <message>
        <source>記録済みの依頼者を検索</source>
        <extracomment>Enter in one of the form&apos;s fields: the scrivener wants to go on.</extracomment>
        <translation>Search recorded clients</translation>
    </message>
    <message>
        <source>選択なし: 右の欄に新しい依頼者を入力してください。</source>
        <translation>None selected: enter a new client on the right.</translation>
    </message>
    <message>
        <source>前回の案件を引き継ぐ(&amp;M)</source>
        <translation>Continue the previous &amp;matter</translation>
    </message>
    <message>
        <source>依頼者の申告内容（本人特定事項）</source>
        <translation>What the client states (identifying details)</translation>
    </message>
    <message>
        <source>案件</source>
        <translation>Matter</translation>
    </message>
    <message>
        <source>件名(&amp;T)</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>種類(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>氏名・名称またはフリガナの一部</source>
        <translation>Part of the name or its reading</translation>
    </message>
    <message>
        <source>生年月日で絞り込まない</source>
        <translation>Not narrowed by birth date</translation>
    </message>
    <message>
        <source>生年月日（任意）</source>
        <translation>Birth date (optional)</translation>
    </message>
    <message>
        <source>依頼者:</source>
        <translation>Client:</translation>
    </message>
    <message>
        <source>個人(&amp;I)</source>
        <translation>&amp;Individual</translation>
    </message>
    <message>
        <source>法人(&amp;C)</source>
        <translation>&amp;Company</translation>
    </message>
    <message>
        <source>来所者:</source>
        <translation>At the desk:</translation>
    </message>
    <message>
        <source>本人(&amp;H)</source>
        <translation>T&amp;he client</translation>
    </message>
    <message>
        <source>代表者(&amp;E)</source>
        <translation>R&amp;epresentative</translation>
    </message>
    <message>
        <source>代理人(&amp;G)</source>
        <translation>A&amp;gent</translation>
    </message>
    <message>
        <source>法人（商号・本店）</source>
        <translation>Company (name and head office)</translation>
    </message>
    <message>
        <source>書類の日付を入力してください</source>
        <translation>Enter the document&apos;s date</translation>
    </message>
    <message>
        <source>発行日（例: 令和8年11月20日）</source>
        <translation>Issue date (e.g. 2026-11-20)</translation>
    </message>
    <message>
        <source>商号・名称</source>
        <translation>Company name</translation>
    </message>
    <message>
        <source>本店所在地</source>
        <translation>Head office address</translation>
    </message>
    <message>
        <source>法人の確認書類</source>
        <translation>Company document</translation>
    </message>
    <message>
        <source>発行日</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>来所者（代表者・代理人）の本人特定事項</source>
        <translation>Identity of the person at the desk (representative or agent)</translation>
    </message>
    <message>
        <source>書類の日付（例: 令和8年11月20日）</source>
        <translation>Document date (e.g. 2026-11-20)</translation>
    </message>
    <message>
        <source>権限の確認書類</source>
        <translation>Authority shown by</translation>
    </message>
    <message>
        <source>書類の日付</source>
        <translation>Document date</translation>
    </message>
    <message>
        <source>取引の目的（任意）(&amp;P)</source>
        <translation>&amp;Purpose (optional)</translation>
    </message>
    <message>
        <source>代表者の本人特定事項</source>
        <translation>Identity of the representative</translation>
    </message>
    <message>
        <source>代理人の本人特定事項</source>
        <translation>Identity of the agent</translation>
    </message>
    <message>
        <source>検索中…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>%1件</source>
        <translation>%1 found</translation>
    </message>
    <message>
        <source>該当なし</source>
        <translation>None</translation>
    </message>
    <message>
        <source>記録済みの依頼者を選択しました（記録番号 %1）</source>
        <translation>Recorded client selected (record %1)</translation>
    </message>
    <message>
        <source>法人の商号と本店所在地を入力してください。</source>
        <translation>Enter the company&apos;s name and head office address.</translation>
    </message>
    <message>
        <source>法人の確認書類（登記事項証明書など）の発行日を入力してください。</source>
        <translation>Enter the issue date of the company&apos;s document (certificate of registered matters …).</translation>
    </message>
    <message>
        <source>氏名と案件の件名を入力してください。</source>
        <translation>Enter the name and the matter&apos;s title.</translation>
    </message>
    <message>
        <source>生年月日が日付として読めません（空欄なら「未入力」として記録します）。</source>
        <translation>The birth date is not a date (left empty, it is recorded as not entered).</translation>
    </message>
    <message>
        <source>来所者（代表者・代理人）の氏名を入力してください。</source>
        <translation>Enter the name of the representative or agent.</translation>
    </message>
    <message>
        <source>代表権・代理権を確認した書類の日付を入力してください。</source>
        <translation>Enter the date of the document showing the authority.</translation>
    </message>
</context>
<context>
    <name>ClientWindow</name>
    <message>
        <source>本人確認（提出用）</source>
        <translation>Identity verification (client)</translation>
    </message>
    <message>
        <source>ご案内</source>
        <translation>About</translation>
    </message>
    <message>
        <source>カード</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>撮影</source>
        <translation>Selfie</translation>
    </message>
    <message>
        <source>送信</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>ICチップの読み取りと顔の撮影（ヘ）: マイナンバーカード・運転免許証・在留カードなど</source>
        <translation>Chip read and selfie (he): My Number card, driving licence, residence card and others</translation>
    </message>
    <message>
        <source>電子署名（ワ）: マイナンバーカードの署名用電子証明書で署名します（署名用パスワードが必要です）</source>
        <translation>Electronic signature (wa): sign with your My Number card&apos;s signature certificate (needs the signature password)</translation>
    </message>
    <message>
        <source>マイナンバーカード</source>
        <translation>My Number card</translation>
    </message>
    <message>
        <source>運転免許証</source>
        <translation>driving licence</translation>
    </message>
    <message>
        <source>在留カード・特別永住者証明書</source>
        <translation>residence card / special permanent resident certificate</translation>
    </message>
    <message>
        <source>事務所から本人確認の依頼が届いています。この手続きの期限は %1 です（日本時間）。</source>
        <translation>The office asks you to verify your identity. This can be done until %1 (Japan time).</translation>
    </message>
    <message>
        <source>受付サーバーに接続できません</source>
        <translation>Cannot reach the server</translation>
    </message>
    <message>
        <source>インターネットに接続されているか確かめて、「もう一度試す」を押してください。</source>
        <translation>Check that you are connected to the internet, then press &quot;Try again&quot;.</translation>
    </message>
    <message>
        <source>このリンクは使えません</source>
        <translation>This link cannot be used</translation>
    </message>
    <message>
        <source>ご不明な点は、リンクを送った事務所にお問い合わせください。</source>
        <translation>If anything is unclear, please ask the office that sent you the link.</translation>
    </message>
    <message>
        <source>手続きを始められません</source>
        <translation>Cannot start</translation>
    </message>
    <message>
        <source>マイナンバーカードをカードリーダーに置いて、「読み取り開始」を押してください。署名用電子証明書のパスワード（英数字6〜16文字）を入力します。</source>
        <translation>Put your My Number card on the card reader and press &quot;Start reading&quot;. You will type the signature certificate password (6 to 16 letters and digits).</translation>
    </message>
    <message>
        <source>マイナンバーカード、運転免許証、在留カードまたは特別永住者証明書をカードリーダーに置いて、「読み取り開始」を押してください。カードの種類に応じて、暗証番号などの入力を求めます。</source>
        <translation>Put your My Number card, driving licence, residence card or special permanent resident certificate on the card reader and press &quot;Start reading&quot;. Depending on the card, you will be asked for its PIN or printed number.</translation>
    </message>
    <message>
        <source>カードリーダーが見つかりません。リーダーをパソコンに接続して「再検索」を押してください。</source>
        <translation>No card reader found. Connect the reader to this computer and press &quot;Search again&quot;.</translation>
    </message>
    <message>
        <source>読み取っています。終わるまでカードをリーダーから離さないでください。</source>
        <translation>Reading. Keep the card on the reader until it is done.</translation>
    </message>
    <message>
        <source>中止しています…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>読み取りました。カードはリーダーから外してかまいません。</source>
        <translation>Done. You may take the card off the reader.</translation>
    </message>
    <message>
        <source>読み取りを中止しました。カードには何も書き込んでいません。</source>
        <translation>Reading cancelled. Nothing was written to the card.</translation>
    </message>
    <message>
        <source>読み取りの途中でカードがリーダーから離れました。読み取った内容は破棄しました。カードを置き直して、もう一度「読み取り開始」を押してください。</source>
        <translation>The card left the reader during the read. What was read has been discarded. Put the card back and press &quot;Start reading&quot; again.</translation>
    </message>
    <message>
        <source>入力された暗証番号が違います（カードの残り回数: %1回）。入力し直す場合は、よく確かめてから、もう一度「読み取り開始」を押してください。</source>
        <translation>The PIN you typed is wrong (tries left on the card: %1). To type it again, check it carefully, then press &quot;Start reading&quot; again.</translation>
    </message>
    <message>
        <source>入力された番号が違います。よく確かめてから、もう一度「読み取り開始」を押してください。</source>
        <translation>The number you typed is wrong. Check it carefully, then press &quot;Start reading&quot; again.</translation>
    </message>
    <message>
        <source>このカードの暗証番号はロックされています。発行元（市区町村の窓口・運転免許センターなど）での解除の手続きが必要です。解除の後で、もう一度お試しください。</source>
        <translation>This card&apos;s PIN is locked. It has to be unlocked by the issuer (your municipal office, the driving licence centre and so on). Please try again after that.</translation>
    </message>
    <message>
        <source>顔全体がカメラに映るようにして「撮影開始」を押してください。撮影は約%1秒です。右側に出る指示に合わせて、ゆっくり動いてください。</source>
        <translation>Make sure your whole face is in the camera, then press &quot;Start&quot;. It takes about %1 seconds. Move slowly as the instructions on the right say.</translation>
    </message>
    <message>
        <source>撮影しています…</source>
        <translation>Recording…</translation>
    </message>
    <message>
        <source>カメラを正面から見てください</source>
        <translation>Look straight at the camera</translation>
    </message>
    <message>
        <source>撮影が終わりました</source>
        <translation>Recording finished</translation>
    </message>
    <message>
        <source>撮影しました（%1コマ）。撮り直す場合は「撮り直す」を押してください。</source>
        <translation>Recorded (%1 frames). To record again, press &quot;Record again&quot;.</translation>
    </message>
    <message>
        <source>撮り直す</source>
        <translation>Record again</translation>
    </message>
    <message>
        <source>カメラを使えません。カメラが接続され、ほかのアプリで使われていないことを確かめて、もう一度「撮影開始」を押してください。</source>
        <translation>The camera cannot be used. Check that it is connected and not used by another app, then press &quot;Start&quot; again.</translation>
    </message>
    <message>
        <source>カードの読み取り結果はそのまま残っています。</source>
        <translation>What was read from your card is kept.</translation>
    </message>
    <message>
        <source>・署名用電子証明書と、この依頼への電子署名</source>
        <translation>• your signature certificate and your electronic signature for this request</translation>
    </message>
    <message>
        <source>・%1 のICチップの情報（個人番号は含みません）</source>
        <translation>• the chip data of your %1 (without the individual number)</translation>
    </message>
    <message>
        <source>・顔の動画（%1コマ）</source>
        <translation>• the selfie clip (%1 frames)</translation>
    </message>
    <message>
        <source>次の内容を、事務所だけが開ける形に暗号化して送ります。</source>
        <translation>The following is encrypted so that only the office can open it, and sent:</translation>
    </message>
    <message>
        <source>提出が完了しました</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>受付番号: %1
事務所が内容を確認してから、結果をご連絡します。カードをリーダーから外し、このウィンドウを閉じてください。</source>
        <translation>Receipt number: %1
The office will check it and let you know. Take the card off the reader and close this window.</translation>
    </message>
    <message>
        <source>送信できませんでした</source>
        <translation>Could not send</translation>
    </message>
    <message>
        <source>受付サーバーに接続できませんでした。読み取った内容と動画はこの画面に残っています。インターネットの接続を確かめて、もう一度「送信する」を押してください。</source>
        <translation>Could not reach the server. What was read and the clip are kept here. Check your internet connection, then press &quot;Send&quot; again.</translation>
    </message>
    <message>
        <source>読み取った内容と動画はこの画面に残っています。</source>
        <translation>What was read and the clip are kept here.</translation>
    </message>
    <message>
        <source>もう一度送信する</source>
        <translation>Send again</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>2枚を連動して拡大・移動する(&amp;K)</source>
        <translation>Zoom and pan both photos together (lin&amp;k)</translation>
    </message>
    <message>
        <source>ホイールで拡大・縮小、ドラッグで移動、キーボードでは + − 矢印 0</source>
        <translation>Wheel to zoom, drag to pan; keyboard: + − arrows 0</translation>
    </message>
    <message>
        <source>全体表示(&amp;0)</source>
        <translation>Fit whole photo (&amp;0)</translation>
    </message>
    <message>
        <source>&lt;b&gt;ICチップの顔写真&lt;/b&gt;</source>
        <translation>&lt;b&gt;Photo on the IC chip&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;来所者の顔写真&lt;/b&gt;</source>
        <translation>&lt;b&gt;Photo of the person at the desk&lt;/b&gt;</translation>
    </message>
    <message>
        <source>明るさ</source>
        <translation>Brightness</translation>
    </message>
    <message>
        <source>コントラスト</source>
        <translation>Contrast</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>例: 昭和36年8月4日 / 1961-08-04</source>
        <translation>e.g. 1961-08-04 / 昭和36年8月4日</translation>
    </message>
    <message>
        <source>日付として読めません。和暦（例: 昭和36年8月4日）か西暦（例: 1961-08-04）で入力してください。</source>
        <translation>Not a date. Type it as 1961-08-04 or in the Japanese era (昭和36年8月4日).</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <source>本人確認デスク</source>
        <translation>KYC Desk</translation>
    </message>
    <message>
        <source> — デモ</source>
        <translation> — Demo</translation>
    </message>
    <message>
        <source>デモモードです。仮想カードリーダーのソフトウェアカードと見本の依頼者を使います。氏名などは架空ですが、顔写真は実在の人物の公開見本写真です（利用の手引き「デモの見本カード」）。</source>
        <translation>Demo mode: a software card on the virtual card reader and a sample client. The names and details are made up; the face photos are public sample photos of a real person (see the user guide, デモの見本カード).</translation>
    </message>
    <message>
        <source>準備ができました</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>ファイル(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>担当者名の設定(&amp;O)…</source>
        <translation>Set &amp;operator name…</translation>
    </message>
    <message>
        <source>事務所情報の設定(&amp;E)…</source>
        <translation>Office details (&amp;E)…</translation>
    </message>
    <message>
        <source>信頼済み発行者(&amp;T)…</source>
        <translation>&amp;Trust store…</translation>
    </message>
    <message>
        <source>終了(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>表示(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>言語(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>ヘルプ(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>本人確認デスクについて(&amp;A)</source>
        <translation>&amp;About KYC Desk</translation>
    </message>
    <message>
        <source>担当者名の設定</source>
        <translation>Operator name</translation>
    </message>
    <message>
        <source>本人確認記録に「確認した者」として記録する氏名:</source>
        <translation>Name recorded as the person who checked, in every verification record:</translation>
    </message>
    <message>
        <source>担当者: %1</source>
        <translation>Operator: %1</translation>
    </message>
    <message>
        <source>対面確認</source>
        <translation>Face to face</translation>
    </message>
    <message>
        <source>リモート申請</source>
        <translation>Remote submissions</translation>
    </message>
    <message>
        <source>記録</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>案件</source>
        <translation>Matters</translation>
    </message>
</context>
<context>
    <name>DocumentForm</name>
    <message>
        <source>券面の番号（記号・番号）</source>
        <translation>Number on the document</translation>
    </message>
    <message>
        <source>有効期限を入力してください</source>
        <translation>Enter the expiry</translation>
    </message>
    <message>
        <source>有効期限（例: 令和10年8月4日）</source>
        <translation>Expiry (e.g. 2028-08-04)</translation>
    </message>
    <message>
        <source>有効期限</source>
        <translation>Expiry</translation>
    </message>
    <message>
        <source>書類の名称（「その他」のとき）</source>
        <translation>Name of the document (for Other)</translation>
    </message>
    <message>
        <source>書類</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>番号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>書類の画像を開く…</source>
        <translation>Open an image of the document…</translation>
    </message>
    <message>
        <source>画像なし（任意）</source>
        <translation>No image (optional)</translation>
    </message>
    <message>
        <source>画像</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>有効期限があれば入力してください（任意）</source>
        <translation>Enter the expiry if it has one (optional)</translation>
    </message>
    <message>
        <source>書類の画像を開く</source>
        <translation>Open an image of the document</translation>
    </message>
    <message>
        <source>画像 (*.jpg *.jpeg *.png)</source>
        <translation>Images (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>読み込んでいます…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>画像あり（%1 KB）</source>
        <translation>Image attached (%1 KB)</translation>
    </message>
    <message>
        <source>書類を選んでください。</source>
        <translation>Choose the document.</translation>
    </message>
    <message>
        <source>「その他」の書類は、書類の名称を入力してください。</source>
        <translation>For an Other document, enter its name.</translation>
    </message>
    <message>
        <source>書類の番号を入力してください。</source>
        <translation>Enter the document&apos;s number.</translation>
    </message>
    <message>
        <source>有効期限が日付として読めません。</source>
        <translation>The expiry is not a date.</translation>
    </message>
    <message>
        <source>書類の有効期限を入力してください。</source>
        <translation>Enter the document&apos;s expiry.</translation>
    </message>
</context>
<context>
    <name>EndPage</name>
    <message>
        <source>もう一度試す</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ExportBar</name>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>画像…</source>
        <translation>Images…</translation>
    </message>
    <message>
        <source>引き継ぎファイル…</source>
        <translation>Hand-off bundle…</translation>
    </message>
    <message>
        <source>PDF…</source>
        <translation>PDF…</translation>
    </message>
    <message>
        <source>取り込む…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>記録を CSV に書き出す（Excel 用）</source>
        <translation>Export the records as CSV (for Excel)</translation>
    </message>
    <message>
        <source>顔写真・券面画像などを記録ごとに書き出す</source>
        <translation>Export photos and card images, one folder per record</translation>
    </message>
    <message>
        <source>業務システム・他の端末への引き継ぎファイル（ZIP）を書き出す</source>
        <translation>Export a hand-off bundle (ZIP) for a practice system or another desk</translation>
    </message>
    <message>
        <source>本人確認記録を PDF に書き出す（印刷・保管用）</source>
        <translation>Export the identity verification records as a PDF (to print and file)</translation>
    </message>
    <message>
        <source>他の端末の引き継ぎファイルを取り込む</source>
        <translation>Import a hand-off bundle from another desk</translation>
    </message>
    <message>
        <source>書き出し:</source>
        <translation>Export:</translation>
    </message>
    <message>
        <source>中止</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>%1件を書き出しました（%2ファイル）: %3</source>
        <translation>Exported %1 records (%2 files): %3</translation>
    </message>
    <message>
        <source>引き継ぎファイルを取り込む</source>
        <translation>Import a hand-off bundle</translation>
    </message>
    <message>
        <source>引き継ぎファイル</source>
        <translation>Hand-off bundle</translation>
    </message>
    <message>
        <source>引き継ぎファイルのパスフレーズ:</source>
        <translation>Passphrase of the hand-off bundle:</translation>
    </message>
    <message>
        <source>%1件を取り込みました（登録済みのため省略: %2件）。</source>
        <translation>Imported %1 records (%2 already here, skipped).</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>CSV に書き出す（Excel 用）</source>
        <translation>Export as CSV (for Excel)</translation>
    </message>
    <message>
        <source>画像を書き出す</source>
        <translation>Export images</translation>
    </message>
    <message>
        <source>引き継ぎファイルを書き出す</source>
        <translation>Export a hand-off bundle</translation>
    </message>
    <message>
        <source>本人確認記録を PDF に書き出す</source>
        <translation>Export identity verification records as a PDF</translation>
    </message>
    <message>
        <source>書き出す記録</source>
        <translation>Records to export</translation>
    </message>
    <message>
        <source>選択した記録（%1件）</source>
        <translation>Selected records (%1)</translation>
    </message>
    <message>
        <source>一覧に表示中の記録（%1件）</source>
        <translation>Records in the list (%1)</translation>
    </message>
    <message>
        <source>確認日で指定</source>
        <translation>By verification date</translation>
    </message>
    <message>
        <source>から</source>
        <translation>to</translation>
    </message>
    <message>
        <source>まで</source>
        <translation>(inclusive)</translation>
    </message>
    <message>
        <source>UTF-8（BOM付き・Excel 推奨）</source>
        <translation>UTF-8 with BOM (recommended for Excel)</translation>
    </message>
    <message>
        <source>Shift_JIS（cp932）</source>
        <translation>Shift_JIS (cp932)</translation>
    </message>
    <message>
        <source>中止して知らせる</source>
        <translation>Stop and tell me</translation>
    </message>
    <message>
        <source>〓 に置き換える</source>
        <translation>Replace with 〓</translation>
    </message>
    <message>
        <source>[U+XXXX] に置き換える</source>
        <translation>Replace with [U+XXXX]</translation>
    </message>
    <message>
        <source>記録ごとに ZIP にまとめる</source>
        <translation>One ZIP per record</translation>
    </message>
    <message>
        <source>文字コード</source>
        <translation>Encoding</translation>
    </message>
    <message>
        <source>Shift_JIS で表せない文字</source>
        <translation>Characters Shift_JIS cannot hold</translation>
    </message>
    <message>
        <source>パスフレーズで暗号化する（AES-256）</source>
        <translation>Encrypt with a passphrase (AES-256)</translation>
    </message>
    <message>
        <source>パスフレーズ</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>もう一度</source>
        <translation>Again</translation>
    </message>
    <message>
        <source>参照…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>書き出し先</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>暗号化していない書き出しです。個人情報が暗号化された記録データベースの外に出ます。保管場所と受け渡しに注意し、不要になったら削除してください。</source>
        <translation>This export is not encrypted: personal data leaves the encrypted record store. Take care where you keep it and how you hand it over, and delete it when it is no longer needed.</translation>
    </message>
    <message>
        <source>AES-256 で暗号化します。パスフレーズはファイルとは別の方法（電話など）で相手に伝えてください。</source>
        <translation>Encrypted with AES-256. Tell the recipient the passphrase by another way than the file (by telephone, for example).</translation>
    </message>
    <message>
        <source>書き出す</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>ZIP (*.zip)</source>
        <translation>ZIP (*.zip)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>書き出し先を選んでください。</source>
        <translation>Choose where to export.</translation>
    </message>
    <message>
        <source>パスフレーズは10文字以上にしてください。</source>
        <translation>The passphrase needs at least 10 characters.</translation>
    </message>
    <message>
        <source>パスフレーズが一致しません。</source>
        <translation>The passphrases differ.</translation>
    </message>
</context>
<context>
    <name>FaceStepView</name>
    <message>
        <source>カメラで撮影(&amp;W)</source>
        <translation>Take photo &amp;with camera</translation>
    </message>
    <message>
        <source>画像ファイルを開く(&amp;I)…</source>
        <translation>Open &amp;image file…</translation>
    </message>
    <message>
        <source>顔を照合する(&amp;G)</source>
        <translation>Compare faces (&amp;G)</translation>
    </message>
    <message>
        <source>顔の照合はまだ行っていません。照合は判断の参考です。最終判断は司法書士が行います。</source>
        <translation>Faces not compared yet. The comparison only advises; the scrivener decides.</translation>
    </message>
    <message>
        <source>写真を取り込みました。「顔を照合する」を押してください。</source>
        <translation>Photo taken. Press &quot;Compare faces&quot;.</translation>
    </message>
    <message>
        <source>カメラが設定されていません。画像ファイルを開いてください。</source>
        <translation>No camera is set up. Open an image file instead.</translation>
    </message>
    <message>
        <source>撮影しています…</source>
        <translation>Taking the photo…</translation>
    </message>
    <message>
        <source>顔写真を開く</source>
        <translation>Open face photo</translation>
    </message>
    <message>
        <source>画像 (*.jpg *.jpeg *.png)</source>
        <translation>Images (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>照合しています（初回は顔認識モデルの読み込みに時間がかかります）…</source>
        <translation>Comparing (the first time, loading the face model takes a while)…</translation>
    </message>
    <message>
        <source>照合は判断の参考です。最終判断は司法書士が行います。</source>
        <translation>The comparison only advises; the scrivener decides.</translation>
    </message>
</context>
<context>
    <name>FaceToFaceView</name>
    <message>
        <source>1. 依頼者・案件</source>
        <translation>1. Client and matter</translation>
    </message>
    <message>
        <source>2. 確認方法</source>
        <translation>2. Method</translation>
    </message>
    <message>
        <source>3. カードの読取</source>
        <translation>3. Card reading</translation>
    </message>
    <message>
        <source>4. ICチップの内容</source>
        <translation>4. Chip contents</translation>
    </message>
    <message>
        <source>5. 顔の照合</source>
        <translation>5. Face match</translation>
    </message>
    <message>
        <source>6. 項目の確認</source>
        <translation>6. Item check</translation>
    </message>
    <message>
        <source>7. 判断・保存</source>
        <translation>7. Decision and save</translation>
    </message>
    <message>
        <source>戻る(&amp;B)</source>
        <extracomment>The steps only the chip branch walks. Today&apos;s date in Japan (the day the law counts); tests move it across 2027-04-01.</extracomment>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <source>次へ(&amp;N)</source>
        <translation>&amp;Next</translation>
    </message>
    <message>
        <source>新しい本人確認を始める(&amp;T)</source>
        <translation>S&amp;tart a new verification</translation>
    </message>
    <message>
        <source>カードを読み取ると次へ進めます。</source>
        <translation>Read the card to continue.</translation>
    </message>
    <message>
        <source>保存(&amp;N)</source>
        <translation>Save (&amp;N)</translation>
    </message>
    <message>
        <source>未完了の手順があります: %1</source>
        <translation>A step is not complete: %1</translation>
    </message>
    <message>
        <source>保存しています…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>記録番号 %1 として暗号化して保存しました。「記録」タブで確認できます。</source>
        <translation>Encrypted and saved as record %1. See it on the Records tab.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>記録データベースの作成</source>
        <extracomment>A passphrase protects every record at rest when no keyring does; shorter ones are refused.</extracomment>
        <translation>Create the record store</translation>
    </message>
    <message>
        <source>本人確認記録を保存する暗号化データベースがまだありません。作成しますか。</source>
        <translation>There is no encrypted database for verification records yet. Create it now?</translation>
    </message>
    <message>
        <source>データベースの鍵は OS のキーリング（資格情報マネージャー等）に保管します。</source>
        <translation>The database key will be kept in the OS keyring (Credential Manager, Keychain, …).</translation>
    </message>
    <message>
        <source>この端末には安全なキーリングがないため、鍵をパスフレーズで保護します。</source>
        <translation>This computer has no secure keyring, so the key will be protected by a passphrase.</translation>
    </message>
    <message>
        <source>パスフレーズ(&amp;P):</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>もう一度(&amp;G):</source>
        <translation>A&amp;gain:</translation>
    </message>
    <message>
        <source>鍵をファイルに平文で保存する（推奨しません）(&amp;K)</source>
        <translation>Keep the &amp;key in a plaintext file (not recommended)</translation>
    </message>
    <message>
        <source>警告: 鍵ファイルは記録と同じフォルダーに置かれます。フォルダーをコピーした人は誰でも記録を読めます。</source>
        <translation>Warning: the key file sits in the same folder as the records. Anyone who copies the folder can read the records.</translation>
    </message>
    <message>
        <source>作成する(&amp;C)</source>
        <translation>&amp;Create</translation>
    </message>
    <message>
        <source>後で(&amp;L)</source>
        <translation>&amp;Later</translation>
    </message>
    <message>
        <source>短すぎます</source>
        <translation>too short</translation>
    </message>
    <message>
        <source>弱い</source>
        <translation>weak</translation>
    </message>
    <message>
        <source>普通</source>
        <translation>fair</translation>
    </message>
    <message>
        <source>強い</source>
        <translation>strong</translation>
    </message>
    <message>
        <source>強さ: %1</source>
        <translation>Strength: %1</translation>
    </message>
    <message>
        <source>パスフレーズは%1文字以上にしてください。</source>
        <translation>The passphrase must have at least %1 characters.</translation>
    </message>
    <message>
        <source>2回入力したパスフレーズが一致しません。</source>
        <translation>The two passphrases differ.</translation>
    </message>
    <message>
        <source>作成しています…</source>
        <translation>Creating…</translation>
    </message>
</context>
<context>
    <name>IdentityDecisionView</name>
    <message>
        <source>ICチップの署名検証</source>
        <translation>Chip signature verification</translation>
    </message>
    <message>
        <source>顔の照合</source>
        <translation>Face comparison</translation>
    </message>
    <message>
        <source>本人特定事項の照合</source>
        <translation>Identity details compared</translation>
    </message>
    <message>
        <source>書類の入力</source>
        <translation>Documents entered</translation>
    </message>
    <message>
        <source>有効期限</source>
        <translation>Expiry</translation>
    </message>
    <message>
        <source>転送不要郵便</source>
        <translation>No-forwarding registered mail</translation>
    </message>
    <message>
        <source>依拠する記録</source>
        <translation>Earlier record relied on</translation>
    </message>
    <message>
        <source>代表権・代理権の確認書類</source>
        <translation>Document showing authority</translation>
    </message>
    <message>
        <source>ハイリスク取引の追加書類</source>
        <translation>Additional document (high risk)</translation>
    </message>
    <message>
        <source>確認済み</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>一部は確認できず（下の表）</source>
        <translation>Partly not confirmed (see the table)</translation>
    </message>
    <message>
        <source>発送済み（返送の有無は後で記録）</source>
        <translation>Mailed (its return is recorded later)</translation>
    </message>
    <message>
        <source>未入力</source>
        <translation>Not entered</translation>
    </message>
    <message>
        <source>問題あり</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>未実施</source>
        <translation>Not done</translation>
    </message>
    <message>
        <source>本人確認の結果を選んでください。</source>
        <translation>Choose the identity result.</translation>
    </message>
    <message>
        <source>受任するかどうかを選んでください。</source>
        <translation>Choose whether the office takes the engagement.</translation>
    </message>
    <message>
        <source>ハイリスク取引は、追加の書類を確認するまで「確認済み」にできません。</source>
        <translation>A high-risk case cannot be confirmed until its additional document is checked.</translation>
    </message>
    <message>
        <source>理由を入力してください（「確認済み」には表の全行、それ以外には表の行か所見のいずれか）。</source>
        <translation>Enter the reasons (Confirmed: every row of the table; otherwise a row or the note).</translation>
    </message>
    <message>
        <source>本人確認が「確認済み」でないため「受任する」は選べません（保留にしてください）。</source>
        <translation>The identity is not confirmed, so the engagement cannot be accepted (choose Pending).</translation>
    </message>
    <message>
        <source>確認者と記録作成者を選んでください。</source>
        <translation>Choose who checked and who recorded.</translation>
    </message>
    <message>
        <source>未実施・未確認・問題のある確認</source>
        <translation>Check not done, not confirmed or with a problem</translation>
    </message>
    <message>
        <source>理由（必須）</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <source>確認</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>本人確認の結果</source>
        <translation>Identity result</translation>
    </message>
    <message>
        <source>確認済み(&amp;A)</source>
        <translation>Confirmed (&amp;A)</translation>
    </message>
    <message>
        <source>確認できず(&amp;J)</source>
        <translation>Not confirmed (&amp;J)</translation>
    </message>
    <message>
        <source>追加確認が必要(&amp;U)</source>
        <translation>More checks needed (&amp;U)</translation>
    </message>
    <message>
        <source>受任</source>
        <translation>Engagement</translation>
    </message>
    <message>
        <source>受任する(&amp;X)</source>
        <translation>Accept (&amp;X)</translation>
    </message>
    <message>
        <source>受任しない(&amp;Z)</source>
        <translation>Decline (&amp;Z)</translation>
    </message>
    <message>
        <source>保留(&amp;V)</source>
        <translation>Pending (&amp;V)</translation>
    </message>
    <message>
        <source>担当者</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>確認者(&amp;C)</source>
        <translation>&amp;Checked by</translation>
    </message>
    <message>
        <source>記録作成者(&amp;W)</source>
        <translation>Recorded by (&amp;W)</translation>
    </message>
    <message>
        <source>所見（確認できず・追加確認が必要のときは、表の理由かここに記入）(&amp;E)</source>
        <translation>Note (for Not confirmed or More checks needed: a reason in the table or here) (&amp;E)</translation>
    </message>
    <message>
        <source>暗号化して保存(&amp;S)</source>
        <translation>Encrypt and &amp;save</translation>
    </message>
    <message>
        <source>（選択してください）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>確認方法: %1</source>
        <translation>Method: %1</translation>
    </message>
    <message>
        <source>次の確認は未実施・未確認・問題ありです。「確認済み」にするには、各行に理由を入力してください(&amp;R)。</source>
        <translation>These checks were not done, not confirmed or have a problem. To mark the identity confirmed, give a &amp;reason on every row.</translation>
    </message>
    <message>
        <source>未実施・問題のある確認はありません。</source>
        <translation>No check is missing or has a problem.</translation>
    </message>
</context>
<context>
    <name>IntroPage</name>
    <message>
        <source>オンライン本人確認のご案内</source>
        <translation>Online identity verification</translation>
    </message>
    <message>
        <source>これから次の順に進みます。
1. お手元のカードをカードリーダーに置き、暗証番号などを入力して読み取ります。
2. パソコンのカメラで、画面の指示どおりに顔を動かす短い動画を撮ります（ヘ方式）。
3. 読み取った内容と動画を暗号化して事務所に送ります。</source>
        <translation>What happens next:
1. You put your card on the card reader and type its PIN or number; the card is read.
2. The computer&apos;s camera records a short clip of your face moving as the screen asks (method he).
3. What was read and the clip are encrypted and sent to the office.</translation>
    </message>
    <message>
        <source>・個人番号（マイナンバー）は読み取りません。
・暗証番号は、カードの確認にだけ使い、事務所にもサーバーにも送りません。
・送る内容は事務所の鍵で暗号化され、事務所だけが開けます。</source>
        <translation>• Your individual number (My Number) is not read.
• Your PIN is used only to open the card; it is sent neither to the office nor to the server.
• What is sent is encrypted with the office&apos;s key; only the office can open it.</translation>
    </message>
    <message>
        <source>確認の方法を選んでください。</source>
        <translation>Choose how to verify:</translation>
    </message>
    <message>
        <source>上記を理解し、本人確認のためにカードの情報と撮影した動画を事務所に提出することに同意します(&amp;A)</source>
        <translation>I understand the above and &amp;agree to submit my card data and the recorded clip to the office for identity verification</translation>
    </message>
    <message>
        <source>同意して進む</source>
        <translation>Agree and continue</translation>
    </message>
</context>
<context>
    <name>ItemsStepView</name>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>フリガナ</source>
        <translation>Name (kana)</translation>
    </message>
    <message>
        <source>生年月日</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>住所</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>一致</source>
        <translation>Same</translation>
    </message>
    <message>
        <source>一致（表記の違いのみ）</source>
        <translation>Same (written differently)</translation>
    </message>
    <message>
        <source>不一致</source>
        <translation>Different</translation>
    </message>
    <message>
        <source>片方に記載なし</source>
        <translation>Missing on one side</translation>
    </message>
    <message>
        <source>照合対象外（書類に記載なし）</source>
        <translation>Not compared (not on the document)</translation>
    </message>
    <message>
        <source>依頼者の申告とICチップの内容を項目ごとに見比べ、確認した項目にチェックを付けてください。不一致の項目は、受け入れる理由を備考に書いてからチェックします。（キーボード: 矢印で移動、スペースで確認、F2で備考を入力）</source>
        <translation>Compare what the client stated with the chip, item by item, and tick each item you have checked. For a difference, write in the note why it is acceptable, then tick it. (Keyboard: arrows move, Space ticks, F2 edits the note.)</translation>
    </message>
    <message>
        <source>項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>依頼者の申告</source>
        <translation>Stated by the client</translation>
    </message>
    <message>
        <source>ICチップ</source>
        <translation>IC chip</translation>
    </message>
    <message>
        <source>比較</source>
        <translation>Comparison</translation>
    </message>
    <message>
        <source>確認</source>
        <translation>Checked</translation>
    </message>
    <message>
        <source>備考</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>確認済み</source>
        <translation>Checked</translation>
    </message>
    <message>
        <source>不一致を受け入れる理由（例: 転居後で住所変更の届出前）</source>
        <translation>Why the difference is acceptable (e.g. moved, address change not yet registered)</translation>
    </message>
    <message>
        <source>未確認の項目: %1</source>
        <translation>Items not checked: %1</translation>
    </message>
    <message>
        <source>すべての項目を確認しました。</source>
        <translation>All items checked.</translation>
    </message>
</context>
<context>
    <name>MailOutcomeDialog</name>
    <message>
        <source>転送不要郵便の結果</source>
        <translation>Outcome of the no-forwarding mail</translation>
    </message>
    <message>
        <source>発送日: %1</source>
        <translation>Mailed on: %1</translation>
    </message>
    <message>
        <source>返送された場合、本人確認の結果「確認済み」は「追加確認が必要」に戻ります。</source>
        <translation>If it was returned, an identity result of “Confirmed” goes back to “Needs further checks”.</translation>
    </message>
    <message>
        <source>到達を確認した日・返送された日</source>
        <translation>Day it was known delivered, or returned</translation>
    </message>
    <message>
        <source>日付を入力してください</source>
        <translation>Enter the date</translation>
    </message>
    <message>
        <source>記録する</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>発送日より前の日付です。</source>
        <translation>The date is before the mailing.</translation>
    </message>
    <message>
        <source>今日より後の日付です。</source>
        <translation>The date is after today.</translation>
    </message>
</context>
<context>
    <name>MattersView</name>
    <message>
        <source>番号</source>
        <extracomment>Parties chosen for a matter not stored yet (created with it).</extracomment>
        <translation>No.</translation>
    </message>
    <message>
        <source>案件名</source>
        <translation>Matter</translation>
    </message>
    <message>
        <source>種類</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>保存期限</source>
        <translation>Keep until</translation>
    </message>
    <message>
        <source>新しい案件(&amp;N)</source>
        <translation>&amp;New matter</translation>
    </message>
    <message>
        <source>概要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>当事者</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>本人確認</source>
        <translation>Verifications</translation>
    </message>
    <message>
        <source>取引記録</source>
        <translation>Transactions</translation>
    </message>
    <message>
        <source>面談</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <source>案件名・整理番号で検索</source>
        <translation>Search by matter or reference</translation>
    </message>
    <message>
        <source>終了していない案件のみ</source>
        <translation>Open matters only</translation>
    </message>
    <message>
        <source>依頼者:</source>
        <translation>Client:</translation>
    </message>
    <message>
        <source>すべて</source>
        <translation>All</translation>
    </message>
    <message>
        <source>例: 所有権移転登記（売買）</source>
        <translation>e.g. transfer of ownership (sale)</translation>
    </message>
    <message>
        <source>案件名(&amp;T):</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>種類:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>整理番号:</source>
        <translation>Reference:</translation>
    </message>
    <message>
        <source>受任日:</source>
        <translation>Engaged on:</translation>
    </message>
    <message>
        <source>メモ:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>案件の終了</source>
        <translation>End of the matter</translation>
    </message>
    <message>
        <source>この日で終了する</source>
        <translation>End on this day</translation>
    </message>
    <message>
        <source>終了日:</source>
        <translation>Ended on:</translation>
    </message>
    <message>
        <source>保存期限:</source>
        <translation>Keep until:</translation>
    </message>
    <message>
        <source>依頼者</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>立場</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>生年月日</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>選んだ当事者を外す</source>
        <translation>Remove the selected party</translation>
    </message>
    <message>
        <source>記録番号</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>確認日</source>
        <translation>Verified on</translation>
    </message>
    <message>
        <source>本人</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>確認方法</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>記録を開く</source>
        <translation>Open record</translation>
    </message>
    <message>
        <source>記録の一覧をこの案件で絞り込む</source>
        <translation>List this matter&apos;s records</translation>
    </message>
    <message>
        <source>取引日</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>取引の種類</source>
        <translation>Transaction</translation>
    </message>
    <message>
        <source>金額（円）</source>
        <translation>Amount (yen)</translation>
    </message>
    <message>
        <source>財産の移転</source>
        <translation>Property moved</translation>
    </message>
    <message>
        <source>確認記録</source>
        <translation>Verification</translation>
    </message>
    <message>
        <source>日時（日本時間）</source>
        <translation>When (Japan time)</translation>
    </message>
    <message>
        <source>方法</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>出席者</source>
        <translation>Attendees</translation>
    </message>
    <message>
        <source>人・物・意思</source>
        <translation>Person, thing, intent</translation>
    </message>
    <message>
        <source>新しい面談カード(&amp;M)</source>
        <translation>New &amp;meeting card</translation>
    </message>
    <message>
        <source>面談カードを開く</source>
        <translation>Open meeting card</translation>
    </message>
    <message>
        <source>%1件の案件</source>
        <translation>%1 matter(s)</translation>
    </message>
    <message>
        <source>案件はありません</source>
        <translation>No matters</translation>
    </message>
    <message>
        <source>案件番号 %1</source>
        <translation>Matter %1</translation>
    </message>
    <message>
        <source>終了日を変更する</source>
        <translation>Change the end date</translation>
    </message>
    <message>
        <source>%1 まで（終了日 %2 から10年）</source>
        <translation>until %1 (10 years from the end, %2)</translation>
    </message>
    <message>
        <source>案件が終了していません（終了日から10年間保存します）</source>
        <translation>The matter is open (kept for 10 years from its end)</translation>
    </message>
    <message>
        <source>新しい案件（当事者を加えてから保存してください）</source>
        <translation>New matter (add its parties, then save)</translation>
    </message>
    <message>
        <source>案件名を入力してください。</source>
        <translation>Enter the matter&apos;s title.</translation>
    </message>
    <message>
        <source>当事者を1人以上加えてから保存してください（「当事者」タブ）。</source>
        <translation>Add at least one party before saving (the Parties tab).</translation>
    </message>
    <message>
        <source>案件を保存しました（案件番号 %1）。</source>
        <translation>Matter saved (matter %1).</translation>
    </message>
    <message>
        <source>案件を終了しました。保存期限: %1</source>
        <translation>Matter ended. Keep until: %1</translation>
    </message>
    <message>
        <source>登録済みの依頼者が %1 人見つかりました。</source>
        <translation>%1 stored client(s) found.</translation>
    </message>
    <message>
        <source>登録済みの依頼者は見つかりませんでした。新しく登録します。</source>
        <translation>No stored client found; a new one will be registered.</translation>
    </message>
    <message>
        <source>%1 を当事者に加えました。</source>
        <translation>%1 added as a party.</translation>
    </message>
    <message>
        <source>外す当事者を一覧で選んでください。</source>
        <translation>Select the party to remove in the list.</translation>
    </message>
    <message>
        <source>取引記録を追加しました。</source>
        <translation>Transaction record added.</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>面談カード</source>
        <extracomment>The section editors&apos; height, so that all seven sections of a template fit the tab at 1280×720.</extracomment>
        <translation>Meeting card</translation>
    </message>
    <message>
        <source>議事録・人・物・意思</source>
        <translation>Minutes, person/thing/intent</translation>
    </message>
    <message>
        <source>本人確認</source>
        <translation>Verifications</translation>
    </message>
    <message>
        <source>案内メールを保存(&amp;I)…</source>
        <translation>Save &amp;invitation…</translation>
    </message>
    <message>
        <source>面談の案内メール（.eml、.ics 添付）と .ics をフォルダに保存します</source>
        <translation>Saves the invitation mail (.eml with the .ics attached) and the .ics into a folder</translation>
    </message>
    <message>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>案内メールの差出人（事務所名）</source>
        <translation>Sender of the invitation (office name)</translation>
    </message>
    <message>
        <source>終了</source>
        <extracomment>the card as last saved (or as opened): closing with anything else asks first</extracomment>
        <translation>End</translation>
    </message>
    <message>
        <source>（日本時間）</source>
        <translation>(Japan time)</translation>
    </message>
    <message>
        <source>日時:</source>
        <translation>When:</translation>
    </message>
    <message>
        <source>方法:</source>
        <translation>Mode:</translation>
    </message>
    <message>
        <source>状態:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>例: 当事務所 応接室</source>
        <translation>e.g. our office, meeting room</translation>
    </message>
    <message>
        <source>場所:</source>
        <translation>Place:</translation>
    </message>
    <message>
        <source>オンライン:</source>
        <translation>Online:</translation>
    </message>
    <message>
        <source>パスコード:</source>
        <translation>Passcode:</translation>
    </message>
    <message>
        <source>ミーティングID:</source>
        <translation>Meeting ID:</translation>
    </message>
    <message>
        <source>出席者（依頼者・立場）</source>
        <translation>Attendees (client, role)</translation>
    </message>
    <message>
        <source>同席した職員</source>
        <translation>Office staff present</translation>
    </message>
    <message>
        <source>出席者:</source>
        <translation>Attendees:</translation>
    </message>
    <message>
        <source>招待文を貼り付けて入力</source>
        <translation>Fill from a pasted invitation</translation>
    </message>
    <message>
        <source>Zoom・Teams・Google Meet・Webex の招待文や、日時の書かれたメールを貼り付けてください。</source>
        <translation>Paste a Zoom, Teams, Google Meet or Webex invitation, or a mail that gives the date and time.</translation>
    </message>
    <message>
        <source>読み取る(&amp;R)</source>
        <translation>&amp;Read</translation>
    </message>
    <message>
        <source>カードに反映(&amp;A)</source>
        <translation>&amp;Apply to the card</translation>
    </message>
    <message>
        <source>テンプレート:</source>
        <translation>Template:</translation>
    </message>
    <message>
        <source>確認したこと:</source>
        <translation>Confirmed:</translation>
    </message>
    <message>
        <source>人・物・意思は、状態が「実施済み」の面談にだけ記録できます。</source>
        <translation>Person, thing and intent can be recorded only for a meeting that was held.</translation>
    </message>
    <message>
        <source>メモ（任意）</source>
        <translation>Notes (optional)</translation>
    </message>
    <message>
        <source>この面談で行った本人確認にチェックを付けてください。</source>
        <translation>Tick the verifications done at this meeting.</translation>
    </message>
    <message>
        <source>記録番号 %1 — %2 — %3</source>
        <translation>Record %1 — %2 — %3</translation>
    </message>
    <message>
        <source>この案件の本人確認記録はまだありません。</source>
        <translation>This matter has no verification records yet.</translation>
    </message>
    <message>
        <source>案件: %1（%2）</source>
        <translation>Matter: %1 (%2)</translation>
    </message>
    <message>
        <source>面談番号 %1</source>
        <translation>Meeting %1</translation>
    </message>
    <message>
        <source>読み取り中…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>日時: %1</source>
        <translation>When: %1</translation>
    </message>
    <message>
        <source>URL: %1</source>
        <translation>URL: %1</translation>
    </message>
    <message>
        <source>サービス: %1</source>
        <translation>Service: %1</translation>
    </message>
    <message>
        <source>ミーティングID: %1</source>
        <translation>Meeting ID: %1</translation>
    </message>
    <message>
        <source>パスコード: %1</source>
        <translation>Passcode: %1</translation>
    </message>
    <message>
        <source>日時を読み取れませんでした。カードには何も反映しません。</source>
        <translation>The date and time could not be read; nothing is put into the card.</translation>
    </message>
    <message>
        <source>よろしければ「カードに反映」を押してください。</source>
        <translation>If this is right, press “Apply to the card”.</translation>
    </message>
    <message>
        <source>招待文の内容をカードに反映しました。確認して保存してください。</source>
        <translation>The invitation was put into the card. Check it and save.</translation>
    </message>
    <message>
        <source>保存中…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>面談カードを保存しました（%1）。</source>
        <translation>Meeting card saved (%1).</translation>
    </message>
    <message>
        <source>面談カードに保存していない変更があります。保存しますか？</source>
        <translation>This meeting card has unsaved changes. Save them?</translation>
    </message>
    <message>
        <source>保存して閉じる</source>
        <translation>Save and close</translation>
    </message>
    <message>
        <source>保存せずに閉じる</source>
        <translation>Close without saving</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>案内メールの保存先</source>
        <translation>Where to save the invitation</translation>
    </message>
    <message>
        <source>案内メールには終了時刻が必要です。</source>
        <translation>The invitation needs an end time.</translation>
    </message>
    <message>
        <source>司法書士事務所</source>
        <translation>Judicial scrivener office</translation>
    </message>
    <message>
        <source>案内メールを保存しました: %1</source>
        <translation>Invitation saved: %1</translation>
    </message>
</context>
<context>
    <name>MethodStepView</name>
    <message>
        <source>ICチップの読取(&amp;1)</source>
        <translation>Read the IC chip (&amp;1)</translation>
    </message>
    <message>
        <source>ICカードのチップを読み取り、署名を検証して顔写真と照合します。</source>
        <translation>Read the card&apos;s chip, verify its signatures and compare its photo.</translation>
    </message>
    <message>
        <source>写真付き本人確認書類の目視確認(&amp;2)</source>
        <translation>Photo ID checked by sight (&amp;2)</translation>
    </message>
    <message>
        <source>書類の番号と有効期限を入力し、写真と本人を見比べます。</source>
        <translation>Type the document&apos;s number and expiry and compare its photo with the person.</translation>
    </message>
    <message>
        <source>写真のない書類2点(&amp;3)</source>
        <translation>Two documents without photo (&amp;3)</translation>
    </message>
    <message>
        <source>写真のない本人確認書類2点、または1点と補完書類の提示を受けます。</source>
        <translation>Two ID documents without photo, or one and a supplementary document.</translation>
    </message>
    <message>
        <source>書類の提示＋転送不要郵便(&amp;4)</source>
        <translation>Document + no-forwarding mail (&amp;4)</translation>
    </message>
    <message>
        <source>写真のない書類の提示を受け、住所へ書留・転送不要郵便を送ります。</source>
        <translation>An ID without photo is shown; registered no-forwarding mail goes to the address.</translation>
    </message>
    <message>
        <source>以前の本人確認記録に依拠(&amp;5)</source>
        <translation>Rely on an earlier verification (&amp;5)</translation>
    </message>
    <message>
        <source>確認済みの依頼者について、以前の記録と本人であることを確かめます。</source>
        <translation>For a client verified before: match the person to the earlier record.</translation>
    </message>
    <message>
        <source>確認方法</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>「次へ」でカードの読取に進みます。読み取った内容の検証、顔の照合、項目の確認が続きます。</source>
        <translation>Next goes on to reading the card; verification, the face match and the item check follow.</translation>
    </message>
    <message>
        <source>写真付き本人確認書類</source>
        <translation>Photo ID</translation>
    </message>
    <message>
        <source>書類の顔写真と来所者の容貌を見比べ、同一人物と確認した(&amp;F)</source>
        <translation>The document&apos;s &amp;face photo matches the person at the desk</translation>
    </message>
    <message>
        <source>氏名・住居・生年月日を書類の記載と照合した(&amp;Y)</source>
        <translation>Name, address and birth date compared with the document (&amp;Y)</translation>
    </message>
    <message>
        <source>1点目（本人確認書類）</source>
        <translation>First document (ID)</translation>
    </message>
    <message>
        <source>2点目（本人確認書類・補完書類）</source>
        <translation>Second document (ID or supplementary)</translation>
    </message>
    <message>
        <source>氏名・住居・生年月日を2点の書類の記載と照合した(&amp;Y)</source>
        <translation>Name, address and birth date compared with both documents (&amp;Y)</translation>
    </message>
    <message>
        <source>提示を受けた書類</source>
        <translation>Document shown</translation>
    </message>
    <message>
        <source>転送不要郵便</source>
        <translation>No-forwarding registered mail</translation>
    </message>
    <message>
        <source>発送日を入力してください</source>
        <translation>Enter the mailing date</translation>
    </message>
    <message>
        <source>発送日(&amp;W)</source>
        <translation>Mailed on (&amp;W)</translation>
    </message>
    <message>
        <source>書留の引受番号（任意）</source>
        <translation>Registered mail number (optional)</translation>
    </message>
    <message>
        <source>追跡番号</source>
        <translation>Tracking number</translation>
    </message>
    <message>
        <source>書留・転送不要で住所へ送付します。返送（不着）の有無は、後で記録に追記します。</source>
        <translation>Sent to the address by registered no-forwarding mail. Whether it comes back is added to the record later.</translation>
    </message>
    <message>
        <source>依拠する以前の本人確認記録</source>
        <translation>Earlier verification relied on</translation>
    </message>
    <message>
        <source>照合の内容（例: 運転免許証の提示を受け、氏名・生年月日が一致）</source>
        <translation>How (e.g. driver&apos;s licence shown, name and birth date match)</translation>
    </message>
    <message>
        <source>本人であることの確かめ方</source>
        <translation>How the person was matched</translation>
    </message>
    <message>
        <source>厳格な確認（犯収法4条2項）</source>
        <translation>Strict check (high risk, Act art. 4(2))</translation>
    </message>
    <message>
        <source>ハイリスク取引として扱う(&amp;R)</source>
        <translation>Treat as high &amp;risk</translation>
    </message>
    <message>
        <source>理由の詳細</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>追加で確認した書類</source>
        <translation>Additional document checked</translation>
    </message>
    <message>
        <source>追加の書類で本人特定事項を確認した(&amp;Q)</source>
        <translation>Identity confirmed with the additional document (&amp;Q)</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>ICカード（マイナンバーカード・運転免許証・在留カード等）は、この日からICチップの読取りが必要です（改正案）。</source>
        <translation>From this day an IC card (My Number card, driver&apos;s licence, residence card …) must have its chip read (draft rule).</translation>
    </message>
    <message>
        <source>依拠するには、手順1で記録済みの依頼者を検索して選んでください。</source>
        <translation>To rely on an earlier record, pick the recorded client in step 1.</translation>
    </message>
    <message>
        <source>以前の記録を探しています…</source>
        <translation>Looking for earlier records…</translation>
    </message>
    <message>
        <source>記録番号 %1</source>
        <translation>Record %1</translation>
    </message>
    <message>
        <source>以前の記録 %1件。依拠する記録を選んでください。</source>
        <translation>%1 earlier record(s). Choose the one relied on.</translation>
    </message>
    <message>
        <source>この依頼者の確認済みの記録がありません。</source>
        <translation>This client has no decided record.</translation>
    </message>
    <message>
        <source>転送不要郵便の発送日を入力してください。</source>
        <translation>Enter the date the no-forwarding mail was sent.</translation>
    </message>
    <message>
        <source>発送日が未来の日付です。発送してから記録してください。</source>
        <translation>The mailing date is in the future. Record it once mailed.</translation>
    </message>
    <message>
        <source>依拠する以前の記録を選んでください。</source>
        <translation>Choose the earlier record relied on.</translation>
    </message>
    <message>
        <source>ハイリスク取引では、以前の記録に依拠できません（犯収法4条2項）。別の確認方法を選んでください。</source>
        <translation>A high-risk case cannot rely on an earlier record (Act art. 4(2)). Choose another method.</translation>
    </message>
    <message>
        <source>追加の書類: %1</source>
        <translation>Additional document: %1</translation>
    </message>
</context>
<context>
    <name>OfficeSettingsDialog</name>
    <message>
        <source>事務所情報の設定</source>
        <translation>Office details</translation>
    </message>
    <message>
        <source>事務所</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>例: 山田司法書士事務所</source>
        <translation>e.g. Yamada Judicial Scrivener Office</translation>
    </message>
    <message>
        <source>事務所名(&amp;N):</source>
        <translation>Office &amp;name:</translation>
    </message>
    <message>
        <source>所在地(&amp;A):</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>本人確認記録のPDFに印字し、依頼メールと面談の案内メールの差出人に使います。</source>
        <translation>Printed on every identity verification record PDF, and used as the sender of request and meeting mails.</translation>
    </message>
    <message>
        <source>PDFの電子署名（コマンドで使用）</source>
        <translation>PDF signing (used by the command line)</translation>
    </message>
    <message>
        <source>ICカード・トークンのPKCS#11モジュール</source>
        <translation>PKCS#11 module of the card or token</translation>
    </message>
    <message>
        <source>参照(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>モジュール(&amp;M):</source>
        <translation>&amp;Module:</translation>
    </message>
    <message>
        <source>トークン名(&amp;T):</source>
        <translation>&amp;Token label:</translation>
    </message>
    <message>
        <source>鍵の名前(&amp;K):</source>
        <translation>&amp;Key label:</translation>
    </message>
    <message>
        <source>署名付きPDFは「kyc-desk export pdf --sign」で作成します。PINはそのつど入力し、保存しません。</source>
        <translation>Signed PDFs are made with &quot;kyc-desk export pdf --sign&quot;. The PIN is typed each time and never stored.</translation>
    </message>
    <message>
        <source>PKCS#11モジュール</source>
        <translation>PKCS#11 module</translation>
    </message>
</context>
<context>
    <name>OpeningPage</name>
    <message>
        <source>本人確認の依頼を確認しています…</source>
        <translation>Checking the request…</translation>
    </message>
</context>
<context>
    <name>PartyForm</name>
    <message>
        <source>当事者を加える（登録済みの依頼者を探し、なければ新しく登録）</source>
        <translation>Add a party (find a stored client, or register a new one)</translation>
    </message>
    <message>
        <source>フリガナ（任意）</source>
        <translation>Furigana (optional)</translation>
    </message>
    <message>
        <source>氏名・名称:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>例: 1961-08-04（空欄は未入力）</source>
        <translation>e.g. 1961-08-04 (blank: not entered)</translation>
    </message>
    <message>
        <source>探す(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>生年月日:</source>
        <translation>Date of birth:</translation>
    </message>
    <message>
        <source>依頼者:</source>
        <translation>Client:</translation>
    </message>
    <message>
        <source>補足（「その他」では必須）</source>
        <translation>Note (required for “other”)</translation>
    </message>
    <message>
        <source>当事者に加える(&amp;P)</source>
        <translation>Add &amp;party</translation>
    </message>
    <message>
        <source>立場:</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>生年月日 未入力</source>
        <translation>date of birth not entered</translation>
    </message>
    <message>
        <source>登録済み: %1（%2、番号 %3）</source>
        <translation>Stored: %1 (%2, no. %3)</translation>
    </message>
    <message>
        <source>新しい依頼者として登録する</source>
        <translation>Register as a new client</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <source>未入力</source>
        <extracomment>Matter kinds offered (特定業務 of a 司法書士, domain.md §1.1); free text is allowed too.</extracomment>
        <translation>Not entered</translation>
    </message>
    <message>
        <source>氏名(&amp;L)</source>
        <translation>Fu&amp;ll name</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>フリガナ(&amp;R)</source>
        <translation>&amp;Reading (furigana)</translation>
    </message>
    <message>
        <source>フリガナ</source>
        <translation>Reading (furigana)</translation>
    </message>
    <message>
        <source>生年月日(&amp;D)</source>
        <translation>Date of &amp;birth</translation>
    </message>
    <message>
        <source>生年月日</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>住所(&amp;A)</source>
        <translation>&amp;Address</translation>
    </message>
    <message>
        <source>住所</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>職業(&amp;O)</source>
        <translation>&amp;Occupation</translation>
    </message>
</context>
<context>
    <name>RecordsTasks</name>
    <message>
        <source>記録データベースのパスフレーズ:</source>
        <translation>Passphrase of the record store:</translation>
    </message>
    <message>
        <source>記録データベース</source>
        <translation>Record store</translation>
    </message>
</context>
<context>
    <name>RecordsView</name>
    <message>
        <source>氏名・フリガナで検索（空欄で最近の記録）</source>
        <translation>Search by name or kana (empty: recent records)</translation>
    </message>
    <message>
        <source>記録番号</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>確認日</source>
        <translation>Verified on</translation>
    </message>
    <message>
        <source>依頼者</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>書類</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>判断</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>保存期限</source>
        <translation>Keep until</translation>
    </message>
    <message>
        <source>ICチップの顔写真</source>
        <translation>Photo on the IC chip</translation>
    </message>
    <message>
        <source>来所者の顔写真</source>
        <translation>Photo taken at the desk</translation>
    </message>
    <message>
        <source>読み込み中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>%1件</source>
        <translation>%1 found</translation>
    </message>
    <message>
        <source>記録はありません</source>
        <translation>No records</translation>
    </message>
    <message>
        <source>検証結果</source>
        <translation>Verification results</translation>
    </message>
    <message>
        <source>項目の確認</source>
        <translation>Items confirmed</translation>
    </message>
    <message>
        <source>顔の照合</source>
        <translation>Face comparison</translation>
    </message>
    <message>
        <source>証跡</source>
        <translation>Evidence kept</translation>
    </message>
    <message>
        <source>この確認方法・書類では行わない確認（%1件）は表示していません。</source>
        <translation>%1 checks this method does not make with this document are not listed.</translation>
    </message>
    <message>
        <source>なし</source>
        <translation>None</translation>
    </message>
    <message>
        <source>押すと案件での絞り込みを解除します</source>
        <extracomment>The opened record&apos;s photos, in logical pixels (made at the screen&apos;s pixel ratio, so sharp at any scaling). The matter the list is filtered by (案件 → 記録の一覧をこの案件で絞り込む), None for all.</extracomment>
        <translation>Press to list all records again</translation>
    </message>
    <message>
        <source>案件: %1 ✕</source>
        <translation>Matter: %1 ✕</translation>
    </message>
    <message>
        <source>返送・到達を記録…</source>
        <translation>Record return or delivery…</translation>
    </message>
    <message>
        <source>記録しています…</source>
        <translation>Recording…</translation>
    </message>
    <message>
        <source>転送不要郵便の結果を記録しました。</source>
        <translation>The mailing&apos;s outcome was recorded.</translation>
    </message>
    <message>
        <source>フリガナ</source>
        <translation>Name (kana)</translation>
    </message>
    <message>
        <source>生年月日</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>住所</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>職業</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>案件</source>
        <translation>Matter</translation>
    </message>
    <message>
        <source>取引の目的</source>
        <translation>Purpose of the transaction</translation>
    </message>
    <message>
        <source>確認方法</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>確認した者</source>
        <translation>Checked by</translation>
    </message>
    <message>
        <source>記録した者</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>審査状況</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>本人確認記録</source>
        <translation>Verification record</translation>
    </message>
    <message>
        <source>顔の重複確認（目視で確認するための手がかりです。自動では判断しません）</source>
        <translation>Duplicate-face check (leads to check by eye; the desk decides nothing by itself)</translation>
    </message>
    <message>
        <source>記録 %1 を開く</source>
        <translation>Open record %1</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>回復キー</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>この回復キーは今回だけ表示されます。紙に書き写すか印刷し、記録とは別の安全な場所に保管してください。キーリングの鍵やパスフレーズを失っても、この回復キーがあれば記録を開けます。</source>
        <translation>This recovery key is shown only this once. Write it down or print it, and keep it in a safe place apart from the records. If the keyring entry or the passphrase is ever lost, the recovery key still opens the records.</translation>
    </message>
    <message>
        <source>印刷(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>回復キーを書き写した（または印刷した）(&amp;W)</source>
        <translation>I have &amp;written down (or printed) the recovery key</translation>
    </message>
    <message>
        <source>閉じる(&amp;C)</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>本人確認デスク 回復キー</source>
        <translation>KYC Desk recovery key</translation>
    </message>
</context>
<context>
    <name>RemoteSettingsDialog</name>
    <message>
        <source>受付サーバーの設定</source>
        <translation>Endpoint settings</translation>
    </message>
    <message>
        <source> 分ごと</source>
        <translation> min</translation>
    </message>
    <message>
        <source>受付サーバーのURL(&amp;U):</source>
        <translation>Endpoint &amp;URL:</translation>
    </message>
    <message>
        <source>デスクのトークン(&amp;T):</source>
        <translation>Desk &amp;token:</translation>
    </message>
    <message>
        <source>自動取込み(&amp;I):</source>
        <translation>Pull &amp;interval:</translation>
    </message>
    <message>
        <source>事務所鍵のパスフレーズ(&amp;P):</source>
        <translation>Office key &amp;passphrase:</translation>
    </message>
    <message>
        <source>もう一度(&amp;G):</source>
        <translation>A&amp;gain:</translation>
    </message>
    <message>
        <source>トークンは事務所鍵で暗号化して保存します（設定ファイルには書きません）。</source>
        <translation>The token is stored encrypted to the office key (never in the settings file).</translation>
    </message>
    <message>
        <source>URLとトークンを入力してください。</source>
        <translation>Enter the URL and the token.</translation>
    </message>
    <message>
        <source>パスフレーズは%1文字以上にしてください。</source>
        <translation>The passphrase must have at least %1 characters.</translation>
    </message>
    <message>
        <source>2回入力したパスフレーズが一致しません。</source>
        <translation>The two passphrases differ.</translation>
    </message>
</context>
<context>
    <name>RemoteView</name>
    <message>
        <source>受付サーバーの設定(&amp;G)…</source>
        <translation>Endpoint settin&amp;gs…</translation>
    </message>
    <message>
        <source>新しい依頼(&amp;N)…</source>
        <translation>&amp;New request…</translation>
    </message>
    <message>
        <source>今すぐ取り込む(&amp;P)</source>
        <translation>&amp;Pull now</translation>
    </message>
    <message>
        <source>受付サーバーは未設定です。</source>
        <translation>No endpoint is set up.</translation>
    </message>
    <message>
        <source>依頼者</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>方法</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>受信日時</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>左の一覧から申請を開いてください。</source>
        <translation>Open a submission from the list on the left.</translation>
    </message>
    <message>
        <source>判断を保存(&amp;S)</source>
        <translation>&amp;Save the decision</translation>
    </message>
    <message>
        <source>再取込み(&amp;R)</source>
        <translation>&amp;Retry import</translation>
    </message>
    <message>
        <source>受付サーバーは未設定です。「受付サーバーの設定」から設定してください。</source>
        <translation>No endpoint is set up. Use &quot;Endpoint settings&quot; to set one up.</translation>
    </message>
    <message>
        <source>事務所鍵のロックが解除されていないため、取込みと依頼の作成はできません。</source>
        <translation>The office key is locked: pulling and creating requests are not possible.</translation>
    </message>
    <message>
        <source>事務所鍵のパスフレーズ:</source>
        <translation>Office key passphrase:</translation>
    </message>
    <message>
        <source>事務所鍵</source>
        <translation>Office key</translation>
    </message>
    <message>
        <source>取り込み中…</source>
        <translation>Pulling…</translation>
    </message>
    <message>
        <source>設定を保存しました。</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <source>最終取込み %1: 新着 %2 件、隔離 %3 件</source>
        <translation>Last pull %1: %2 new, %3 quarantined</translation>
    </message>
    <message>
        <source>%1 受付サーバーに接続できません。取り込み済みの申請は引き続き確認・判断できます。</source>
        <translation>%1 The endpoint cannot be reached. Submissions already pulled can still be reviewed and decided.</translation>
    </message>
    <message>
        <source>%1 取込みに失敗しました: </source>
        <translation>%1 The pull failed: </translation>
    </message>
    <message>
        <source>確認結果すべて正常</source>
        <translation>all checks OK</translation>
    </message>
    <message>
        <source>要確認の項目あり</source>
        <translation>something flagged</translation>
    </message>
    <message>
        <source>隔離（取込み不可）</source>
        <translation>quarantined</translation>
    </message>
    <message>
        <source>（不明）</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <source>審査待ち %1 件、隔離 %2 件</source>
        <translation>%1 waiting for review, %2 quarantined</translation>
    </message>
    <message>
        <source>ICチップの顔写真</source>
        <translation>Photo in the IC chip</translation>
    </message>
    <message>
        <source>本人確認書類（表面）の画像</source>
        <translation>Image of the document (front)</translation>
    </message>
    <message>
        <source>送信された自撮り</source>
        <translation>Selfie sent by the client</translation>
    </message>
    <message>
        <source>確認方法: %1</source>
        <translation>Method: %1</translation>
    </message>
    <message>
        <source>判断済み</source>
        <translation>Decided</translation>
    </message>
    <message>
        <source>フリガナ</source>
        <translation>Name (kana)</translation>
    </message>
    <message>
        <source>生年月日</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>住所</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>確認方法</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>書類</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>確認結果</source>
        <translation>Checks</translation>
    </message>
    <message>
        <source>顔照合・生体検知</source>
        <translation>Face match and liveness</translation>
    </message>
    <message>
        <source>結果なし（上の確認結果の理由を参照）</source>
        <translation>no results (see the reasons in the checks above)</translation>
    </message>
    <message>
        <source>顔の重複確認（目視で確認するための手がかりです。自動では判断しません）</source>
        <translation>Duplicate-face check (leads to check by eye; the desk decides nothing by itself)</translation>
    </message>
    <message>
        <source>判断を保存しました（記録番号 %1）。</source>
        <translation>Decision saved (record %1).</translation>
    </message>
    <message>
        <source>隔離中の提出データ</source>
        <translation>Quarantined submission</translation>
    </message>
    <message>
        <source>この提出データは受け取って保管していますが、取り込めませんでした。削除はしていません。</source>
        <translation>This submission was received and is kept, but it could not be imported. Nothing was deleted.</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>提出番号</source>
        <translation>Submission</translation>
    </message>
    <message>
        <source>事務所鍵を復元した後などに「再取込み」を押すと、もう一度取り込みます（通信は不要です）。</source>
        <translation>After restoring the office key, for example, press &quot;Retry import&quot; to import it again (no network needed).</translation>
    </message>
    <message>
        <source>取り込みました。</source>
        <translation>Imported.</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <source>新しい依頼</source>
        <extracomment>The remote methods by wire name, with the records layer&apos;s method they are checked against.</extracomment>
        <translation>New request</translation>
    </message>
    <message>
        <source>依頼の内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>ヘ ICチップ＋自撮り</source>
        <translation>he: IC chip + selfie</translation>
    </message>
    <message>
        <source>ホ 書類の画像＋自撮り</source>
        <translation>ho: document images + selfie</translation>
    </message>
    <message>
        <source>ワ 署名用電子証明書</source>
        <translation>wa: JPKI signature certificate</translation>
    </message>
    <message>
        <source>この方法は2027年4月1日以降は使えません。</source>
        <translation>This method cannot be used from 1 April 2027.</translation>
    </message>
    <message>
        <source>認める方法:</source>
        <translation>Methods allowed:</translation>
    </message>
    <message>
        <source> 時間</source>
        <translation> h</translation>
    </message>
    <message>
        <source>有効期間(&amp;E):</source>
        <translation>&amp;Expires after:</translation>
    </message>
    <message>
        <source>メールの差出人として書く事務所名</source>
        <translation>office name written as the sender of the e-mail</translation>
    </message>
    <message>
        <source>事務所名(&amp;F):</source>
        <translation>O&amp;ffice name:</translation>
    </message>
    <message>
        <source>宛先メールアドレス(&amp;M):</source>
        <translation>Client&apos;s e-&amp;mail address:</translation>
    </message>
    <message>
        <source>メールに依頼者の氏名を書く</source>
        <translation>Put the client&apos;s name in the e-mail</translation>
    </message>
    <message>
        <source>依頼を作成(&amp;R)</source>
        <translation>Create the &amp;request</translation>
    </message>
    <message>
        <source>作成すると一回限りのリンクが表示されます</source>
        <translation>the one-time link appears here once created</translation>
    </message>
    <message>
        <source>メールで送る(&amp;S)</source>
        <translation>&amp;Send by e-mail</translation>
    </message>
    <message>
        <source>.eml を保存(&amp;V)…</source>
        <translation>Sa&amp;ve .eml…</translation>
    </message>
    <message>
        <source>閉じる(&amp;C)</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>司法書士事務所</source>
        <translation>Judicial scrivener office</translation>
    </message>
    <message>
        <source>受付サーバーに依頼を作成しています…</source>
        <translation>Creating the request on the endpoint…</translation>
    </message>
    <message>
        <source>依頼を作成しました。期限: %1（日本時間）</source>
        <translation>Request created. Expires: %1 (Japan time)</translation>
    </message>
    <message>
        <source>.eml を保存</source>
        <translation>Save .eml</translation>
    </message>
    <message>
        <source>ファイルを保存できませんでした。</source>
        <translation>The file could not be saved.</translation>
    </message>
    <message>
        <source>保存しました: %1</source>
        <translation>Saved: %1</translation>
    </message>
</context>
<context>
    <name>SecretDialog</name>
    <message>
        <source>%1 の入力</source>
        <translation>Enter the %1</translation>
    </message>
    <message>
        <source>例: 昭和55年2月17日 / S55.2.17</source>
        <translation>e.g. 昭和55年2月17日 / S55.2.17</translation>
    </message>
    <message>
        <source>例: 2035</source>
        <translation>e.g. 2035</translation>
    </message>
    <message>
        <source>4桁</source>
        <translation>4 digits</translation>
    </message>
    <message>
        <source>生年月日（券面のとおり）(&amp;B)</source>
        <translation>&amp;Birth date (as printed)</translation>
    </message>
    <message>
        <source>有効期限の年・西暦(&amp;Y)</source>
        <translation>Expiry &amp;year (Western calendar)</translation>
    </message>
    <message>
        <source>セキュリティコード(&amp;S)</source>
        <translation>&amp;Security code</translation>
    </message>
    <message>
        <source>残り1回であることを理解し、入力内容を確かめました(&amp;C)</source>
        <translation>I understand one try is left and I have &amp;checked what I typed</translation>
    </message>
    <message>
        <source>残り1回であることを本人に伝え、入力内容を確認しました(&amp;C)</source>
        <translation>I told the holder only one try is left and &amp;checked the entry</translation>
    </message>
    <message>
        <source>読み取る</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>入力しない(&amp;K)</source>
        <translation>S&amp;kip</translation>
    </message>
    <message>
        <source>中止</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>残り回数: 制限なし</source>
        <translation>Tries left: no limit</translation>
    </message>
    <message>
        <source>（最大%1回）</source>
        <translation> (at most %1)</translation>
    </message>
    <message>
        <source>ロックされています。入力はできません。</source>
        <translation>Locked. No entry is possible.</translation>
    </message>
    <message>
        <source>残り回数: %1回</source>
        <translation>Tries left: %1</translation>
    </message>
    <message>
        <source>あと1回間違えるとロックされます。入力内容をよく確かめてください。</source>
        <translation>One more wrong entry locks it. Check the entry carefully.</translation>
    </message>
    <message>
        <source>和暦 %1 → 照合番号Bの先頭6桁 %2</source>
        <translation>Japanese era date %1 → first 6 digits of collation number B: %2</translation>
    </message>
</context>
<context>
    <name>SecretTexts</name>
    <message>
        <source>照合番号B</source>
        <extracomment>True when the card keeps no retry counter (the residence card number): no tries are shown. True when the holder types it (PINs); False when it is copied from the printed card. The explanation addressed to the holder themselves (the client app), where the desk&apos;s asks the scrivener to let the holder type; empty when the desk&apos;s words fit both.</extracomment>
        <translation>Collation number B (照合番号B)</translation>
    </message>
    <message>
        <source>暗証番号を使わずに、カードの表面に印字されている情報から作る14桁の番号です。券面の生年月日（和暦に直します）、有効期限の年（西暦）、表面に印字された4桁のセキュリティコードを入力してください。</source>
        <translation>A 14-digit number made from what is printed on the card, instead of a PIN. Enter the birth date as printed (it is converted to the Japanese era), the expiry year (Western calendar) and the 4-digit security code printed on the front.</translation>
    </message>
    <message>
        <source>続けて間違えると読み取れなくなることがあります（回数の上限はカードが答えた残り回数のとおり）。</source>
        <translation>Repeated wrong entries can stop the card from being read (the limit is the tries left the card reports).</translation>
    </message>
    <message>
        <source>券面事項入力補助用暗証番号</source>
        <translation>Text input support PIN (券面事項入力補助用暗証番号)</translation>
    </message>
    <message>
        <source>数字4桁。カードの交付時に本人が決めた暗証番号で、カードには印字されていません。本人に入力してもらってください。</source>
        <translation>4 digits, chosen by the holder when the card was issued and not printed on the card. Ask the holder to type it.</translation>
    </message>
    <message>
        <source>3回続けて間違えるとロックされ、市区町村の窓口で解除の手続きが必要です。</source>
        <translation>Three wrong entries in a row lock it; unlocking needs a visit to the municipal office.</translation>
    </message>
    <message>
        <source>数字4桁。カードの交付時にご自身で決めた暗証番号です（カードには印字されていません）。</source>
        <translation>4 digits. The PIN you chose when the card was issued (it is not printed on the card).</translation>
    </message>
    <message>
        <source>利用者証明用電子証明書の暗証番号</source>
        <translation>User authentication certificate PIN</translation>
    </message>
    <message>
        <source>数字4桁。本人が決めた暗証番号で、カードには印字されていません。本人に入力してもらってください。</source>
        <translation>4 digits, chosen by the holder and not printed on the card. Ask the holder to type it.</translation>
    </message>
    <message>
        <source>数字4桁。ご自身で決めた暗証番号です（カードには印字されていません）。</source>
        <translation>4 digits. The PIN you chose (it is not printed on the card).</translation>
    </message>
    <message>
        <source>署名用電子証明書のパスワード</source>
        <translation>Signature certificate password</translation>
    </message>
    <message>
        <source>英大文字と数字を両方含む6〜16文字。本人が決めたパスワードで、カードには印字されていません。本人に入力してもらってください。</source>
        <translation>6 to 16 capital letters and digits, with both. Chosen by the holder and not printed on the card. Ask the holder to type it.</translation>
    </message>
    <message>
        <source>5回続けて間違えるとロックされ、市区町村の窓口で解除の手続きが必要です。</source>
        <translation>Five wrong entries in a row lock it; unlocking needs a visit to the municipal office.</translation>
    </message>
    <message>
        <source>英大文字と数字を両方含む6〜16文字。ご自身で決めたパスワードです（カードには印字されていません）。</source>
        <translation>6 to 16 characters with both capital letters and digits. The password you chose (it is not printed on the card).</translation>
    </message>
    <message>
        <source>運転免許証の暗証番号1</source>
        <translation>Driver&apos;s licence PIN 1</translation>
    </message>
    <message>
        <source>数字4桁。免許証の交付時に本人が決めた暗証番号で、免許証には印字されていません。本人に入力してもらってください。</source>
        <translation>4 digits, chosen by the holder when the licence was issued and not printed on it. Ask the holder to type it.</translation>
    </message>
    <message>
        <source>3回続けて間違えるとICチップがロックされ、運転免許センターか警察署での手続きが必要です。</source>
        <translation>Three wrong entries in a row lock the chip; unlocking needs a visit to a licence centre or police station.</translation>
    </message>
    <message>
        <source>数字4桁。免許証の交付時にご自身で決めた暗証番号です（免許証には印字されていません）。</source>
        <translation>4 digits. The PIN you chose when the licence was issued (it is not printed on the licence).</translation>
    </message>
    <message>
        <source>運転免許証の暗証番号2</source>
        <translation>Driver&apos;s licence PIN 2</translation>
    </message>
    <message>
        <source>数字4桁。本籍と顔写真を読むための暗証番号で、免許証には印字されていません。本人に入力してもらってください。</source>
        <translation>4 digits that open the registered domicile and the photo; not printed on the licence. Ask the holder to type it.</translation>
    </message>
    <message>
        <source>数字4桁。顔写真を読むための暗証番号で、ご自身で決めたものです（免許証には印字されていません）。</source>
        <translation>4 digits. The PIN that opens the photo, which you chose (it is not printed on the licence).</translation>
    </message>
    <message>
        <source>在留カード番号</source>
        <translation>Residence card number</translation>
    </message>
    <message>
        <source>英字2文字・数字8桁・英字2文字の12文字。カード表面の右上に印字されています。</source>
        <translation>12 characters: 2 letters, 8 digits, 2 letters, printed at the top right of the card&apos;s front.</translation>
    </message>
    <message>
        <source>この番号には回数の制限がありません。</source>
        <translation>This number has no limit on tries.</translation>
    </message>
</context>
<context>
    <name>SelfiePage</name>
    <message>
        <source>顔の撮影</source>
        <translation>Selfie</translation>
    </message>
    <message>
        <source>カメラの映像</source>
        <translation>Camera picture</translation>
    </message>
    <message>
        <source>撮影開始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>この動画で進む</source>
        <translation>Use this clip</translation>
    </message>
</context>
<context>
    <name>SendPage</name>
    <message>
        <source>事務所への送信</source>
        <translation>Send to the office</translation>
    </message>
    <message>
        <source>送信する</source>
        <translation>Send</translation>
    </message>
</context>
<context>
    <name>TransactionForm</name>
    <message>
        <source>取引記録を追加</source>
        <translation>Add a transaction record</translation>
    </message>
    <message>
        <source>例: 売買による所有権移転登記の申請代理</source>
        <translation>e.g. filing the transfer of ownership after a sale</translation>
    </message>
    <message>
        <source>取引日・種類:</source>
        <translation>Date, kind:</translation>
    </message>
    <message>
        <source>例: 25,000,000</source>
        <translation>e.g. 25,000,000</translation>
    </message>
    <message>
        <source>移転元</source>
        <translation>From</translation>
    </message>
    <message>
        <source>移転先</source>
        <translation>To</translation>
    </message>
    <message>
        <source>金額・財産:</source>
        <translation>Amount, property:</translation>
    </message>
    <message>
        <source>追加(&amp;A)</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>備考・確認記録:</source>
        <translation>Note, verification:</translation>
    </message>
    <message>
        <source>記録番号 %1</source>
        <translation>Record %1</translation>
    </message>
</context>
<context>
    <name>TrustStoreDialog</name>
    <message>
        <source>CA証明書</source>
        <translation>CA certificate</translation>
    </message>
    <message>
        <source>CVC発行者鍵</source>
        <translation>CVC issuer key</translation>
    </message>
    <message>
        <source>失効リスト</source>
        <translation>CRL</translation>
    </message>
    <message>
        <source>同梱</source>
        <translation>shipped</translation>
    </message>
    <message>
        <source>追加</source>
        <translation>installed</translation>
    </message>
    <message>
        <source>追加候補</source>
        <translation>candidate</translation>
    </message>
    <message>
        <source>信頼済み発行者</source>
        <translation>Trust store</translation>
    </message>
    <message>
        <source>フォルダ: {folder}
SHA-256 指紋を J-LIS など発行者が公表している値と照合してください。同梱の証明書は削除できません。</source>
        <translation>Folder: {folder}
Compare each SHA-256 fingerprint with the value the issuer (J-LIS) publishes. Shipped anchors cannot be removed.</translation>
    </message>
    <message>
        <source>種類</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>発行先・名前</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>有効期間</source>
        <translation>Validity</translation>
    </message>
    <message>
        <source>出所</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>ファイル・状態</source>
        <translation>File / status</translation>
    </message>
    <message>
        <source>追加(&amp;A)…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <source>削除(&amp;R)</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>失効確認（OCSP）</source>
        <translation>Revocation check (OCSP)</translation>
    </message>
    <message>
        <source>プラットフォーム事業者のOCSPレスポンダURL（空欄=使わない）</source>
        <translation>the platform operator&apos;s OCSP responder URL (empty = none)</translation>
    </message>
    <message>
        <source>クライアント証明書と鍵のPEMファイル（任意）</source>
        <translation>PEM file with the client certificate and key (optional)</translation>
    </message>
    <message>
        <source>レスポンダURL(&amp;U):</source>
        <translation>Responder &amp;URL:</translation>
    </message>
    <message>
        <source>クライアント証明書(&amp;C):</source>
        <translation>&amp;Client certificate:</translation>
    </message>
    <message>
        <source>OCSP設定を保存(&amp;S)</source>
        <translation>&amp;Save OCSP settings</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>（期限切れ）</source>
        <translation> (expired)</translation>
    </message>
    <message>
        <source>在留カード等の発行者（公表指紋と一致）</source>
        <translation>residence-card root (published fingerprint)</translation>
    </message>
    <message>
        <source>{lines}

発行者が公表している SHA-256 指紋と一致しますか？ 一致する場合だけ追加してください。</source>
        <translation>{lines}

Does the SHA-256 fingerprint match the one the issuer publishes? Add it only if it does.</translation>
    </message>
    <message>
        <source>信頼済み発行者の追加</source>
        <translation>Add to the trust store</translation>
    </message>
    <message>
        <source>追加しませんでした。</source>
        <translation>Not added.</translation>
    </message>
    <message>
        <source>追加しました: {file}</source>
        <translation>Added: {file}</translation>
    </message>
    <message>
        <source>削除する行を選んでください。</source>
        <translation>Select the row to remove.</translation>
    </message>
    <message>
        <source>同梱の証明書は削除できません。</source>
        <translation>A shipped anchor cannot be removed.</translation>
    </message>
    <message>
        <source>{subject}
SHA-256: {fingerprint}

この項目を信頼済みから削除しますか？</source>
        <translation>{subject}
SHA-256: {fingerprint}

Remove it from the trust store?</translation>
    </message>
    <message>
        <source>信頼済み発行者の削除</source>
        <translation>Remove from the trust store</translation>
    </message>
    <message>
        <source>削除しました。</source>
        <translation>Removed.</translation>
    </message>
    <message>
        <source>URLは http:// か https:// で始めてください。</source>
        <translation>The URL must start with http(s)://.</translation>
    </message>
    <message>
        <source>OCSP設定を保存しました。</source>
        <translation>OCSP settings saved.</translation>
    </message>
    <message>
        <source>証明書・失効リストを選ぶ</source>
        <translation>Choose a certificate or CRL</translation>
    </message>
    <message>
        <source>証明書・失効リスト (*.pem *.cer *.crt *.der *.crl *.zip);;すべて (*)</source>
        <translation>Certificates and CRLs (*.pem *.cer *.crt *.der *.crl *.zip);;All files (*)</translation>
    </message>
</context>
</TS>
