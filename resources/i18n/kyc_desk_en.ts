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
</TS>
