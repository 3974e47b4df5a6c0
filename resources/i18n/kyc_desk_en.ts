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
        <source>デモモードです。仮想カードリーダーのソフトウェアカードと見本の依頼者を使います。実在の人物の記録ではありません。</source>
        <translation>Demo mode: software cards on the virtual card reader and a sample client. These are not records of real people.</translation>
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
        <source>対面確認</source>
        <translation>Face to face</translation>
    </message>
    <message>
        <source>依頼者のICカードを読み取り、本人と照合します。</source>
        <translation>Read the client&apos;s IC card and compare it with the person.</translation>
    </message>
    <message>
        <source>リモート申請</source>
        <translation>Remote submissions</translation>
    </message>
    <message>
        <source>リモート申請の取り込みは、このバージョンではまだ使えません。対面確認を使ってください。</source>
        <translation>Importing remote submissions is not available in this version yet. Use the face-to-face check.</translation>
    </message>
    <message>
        <source>記録</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>保存した本人確認記録を検索して開きます。</source>
        <translation>Search and open saved verification records.</translation>
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
        <source>残り1回であることを本人に伝え、入力内容を確認しました(&amp;C)</source>
        <translation>I told the holder only one try is left and &amp;checked the entry</translation>
    </message>
    <message>
        <source>読み取る</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>入力しない</source>
        <translation>Skip</translation>
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
        <extracomment>True when the card keeps no retry counter (the residence card number): no tries are shown. True when the holder types it (PINs); False when it is copied from the printed card.</extracomment>
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
        <source>利用者証明用電子証明書の暗証番号</source>
        <translation>User authentication certificate PIN</translation>
    </message>
    <message>
        <source>数字4桁。本人が決めた暗証番号で、カードには印字されていません。本人に入力してもらってください。</source>
        <translation>4 digits, chosen by the holder and not printed on the card. Ask the holder to type it.</translation>
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
        <source>運転免許証の暗証番号2</source>
        <translation>Driver&apos;s licence PIN 2</translation>
    </message>
    <message>
        <source>数字4桁。本籍と顔写真を読むための暗証番号で、免許証には印字されていません。本人に入力してもらってください。</source>
        <translation>4 digits that open the registered domicile and the photo; not printed on the licence. Ask the holder to type it.</translation>
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
</TS>
