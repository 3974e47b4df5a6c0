; Inno Setup 6 script: the Windows installer of the desk (本人確認デスク), made from the one-folder build
; (installers/build on Windows → dist\kyc-desk\ with kyc-desk.exe for commands and kyc-deskw.exe for the
; window; installers/kyc-desk.spec says why there are two).
;
;   iscc /DDistDir=C:\path\to\dist\kyc-desk [/DSetupIcon=C:\path\to\kyc-desk.ico] installers\windows\kyc-desk.iss
;   → dist\kyc-desk-<version>-windows-x64-setup.exe
;
; .github/workflows/installers.yml runs this on a Windows runner (Inno Setup 6 is preinstalled there). It has
; not been compiled or run on this project's machines (Linux only): docs/installers.md lists what the first
; real run must check. Saved as UTF-8 with a byte-order mark, so that Inno Setup reads the Japanese text.

#ifndef DistDir
  #define DistDir AddBackslash(SourcePath) + "..\..\dist\kyc-desk"
#endif
#ifndef OutputDir
  #define OutputDir AddBackslash(SourcePath) + "..\..\dist"
#endif
; The version comes from the build: the version resource the spec writes into kyc-desk.exe
; (ProductVersion = kyc_desk.__version__). /DAppVersion=… overrides it.
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(DistDir + "\kyc-desk.exe", "ProductVersion")
#endif
#if AppVersion == ""
  #error No version: build dist\kyc-desk first (installers/build), or pass /DAppVersion=...
#endif

[Setup]
; Fixed for the life of the product: Windows finds the installed desk (upgrade, uninstall) by this id.
; Never change it, never reuse it. ({{ is how Inno Setup writes a literal brace.)
AppId={{EB8F1733-D2B0-41ED-A48C-CEB66C759378}
AppName={cm:KycAppName}
AppVersion={#AppVersion}
AppVerName={cm:KycAppName} {#AppVersion}
AppPublisher=KYC Desk
VersionInfoVersion={#AppVersion}
; Per machine, in Program Files: one install serves every user of the office PC; each user's records stay
; in their own profile (%LOCALAPPDATA%\kyc-desk, src/kyc_desk/paths.py).
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
DefaultDirName={autopf}\KYC Desk
DefaultGroupName={cm:KycAppName}
DisableProgramGroupPage=yes
UninstallDisplayName={cm:KycAppName}
UninstallDisplayIcon={app}\kyc-deskw.exe
; A running desk holds its files open: ask to close it before files are replaced or removed.
CloseApplications=yes
WizardStyle=modern
ShowLanguageDialog=auto
OutputDir={#OutputDir}
OutputBaseFilename=kyc-desk-{#AppVersion}-windows-x64-setup
Compression=lzma2
SolidCompression=yes
; the set-up's own icon: the desk's, as .ico (the workflow makes it from installers/icons/kyc-desk.png)
#ifdef SetupIcon
SetupIconFile={#SetupIcon}
#endif

[Languages]
; Japanese first: the desk's users are Japanese offices. The setup picks the language of Windows' display.
Name: "ja"; MessagesFile: "compiler:Languages\Japanese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
ja.KycAppName=本人確認デスク
en.KycAppName=KYC Desk (本人確認デスク)
ja.RemoveDataQuestion=本人確認の記録が入っているデータフォルダー%n%n%1%n%nも削除しますか？%n%n本人確認記録は、犯罪収益移転防止法により取引終了から7年、司法書士会の会則により事件終了から10年の保存が必要です。保存期間中の記録や、バックアップのない記録がある場合は「いいえ」を選んでください。「いいえ」を選ぶと、フォルダーはそのまま残ります。
en.RemoveDataQuestion=Also delete the data folder%n%n%1%n%nwhich holds your identity verification records?%n%nVerification records must be kept: 7 years after the business ends under the Act on Prevention of Transfer of Criminal Proceeds, and 10 years after the matter ends under the judicial scriveners' association rules. Choose No if any record is still within that period or has no backup; the folder then stays as it is.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; Shortcuts start the windowed executable (no console window); kyc-desk.exe is for commands in a terminal.
Name: "{autoprograms}\{cm:KycAppName}"; Filename: "{app}\kyc-deskw.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\{cm:KycAppName}"; Filename: "{app}\kyc-deskw.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\kyc-deskw.exe"; Description: "{cm:LaunchProgram,{cm:KycAppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ The uninstaller removes the program, never the user's records unless the user says so. The records have
  a legal retention period (7 years under the Act, 10 under the association's rules): an office that
  reinstalls, moves to a new PC or uninstalls by mistake must not lose them. The question defaults to No and
  a silent uninstall never deletes. Only the folder of the user running the uninstaller is known here
  (platformdirs: %LOCALAPPDATA%\kyc-desk holds data, settings, logs and cache); other users' folders and a
  KYC_DESK_HOME elsewhere always stay. The records key in Windows' Credential Manager (keyring) stays too. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  DataDir := ExpandConstant('{localappdata}\kyc-desk');
  if UninstallSilent or not DirExists(DataDir) then
    Exit;
  if MsgBox(FmtMessage(CustomMessage('RemoveDataQuestion'), [DataDir]), mbConfirmation,
            MB_YESNO or MB_DEFBUTTON2) = IDYES then
    DelTree(DataDir, True, True, True);
end;
