; villagedesk - Windows installer (NSIS 3, Modern UI 2, Simplified Chinese first).
;
; Packs PyInstaller's one-folder build (villagedesk.exe = the window, villagedesk-cli.exe =
; the same program with a console, _internal\ = Python, Qt and the data) into
; "C:\Program Files\villagedesk", adds Start-menu and desktop shortcuts, an entry in
; "Apps & features", and a Task Scheduler task that runs `villagedesk-cli.exe sync` every
; night as the clerk. The uninstaller keeps the station data (%LOCALAPPDATA%\villagedesk)
; unless the clerk ticks the box on its components page.
;
; makensis -DVERSION=0.2.0 -DPAYLOAD=<folder> -DOUTFILE=<setup.exe> villagedesk.nsi
; (see installers/windows/README.md; CI compiles it on Linux around a placeholder payload).
; Silent: setup.exe /S installs; uninstall.exe /S removes the program and keeps the data.

Unicode true
; A 64-bit installer for a 64-bit program: it writes the 64-bit registry and Program Files
; without redirection, and it runs under 64-bit Wine for the CI install test.
Target amd64-unicode
SetCompressor /SOLID lzma

!ifndef VERSION
  !define VERSION "0.2.0"
!endif
!ifndef PAYLOAD
  !define PAYLOAD "..\..\dist\villagedesk"
!endif
!ifndef OUTFILE
  !define OUTFILE "villagedesk-${VERSION}-setup.exe"
!endif

!define APP "villagedesk"
!define APP_ZH "村级就业社保服务"
!define PUBLISHER "villagedesk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define TASK_NAME "villagedesk\nightly-sync"
!define ICON "..\..\resources\icons\villagedesk.ico"

Name "${APP_ZH}"
Caption "${APP_ZH} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel admin
ShowInstDetails show
ShowUninstDetails show
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_ZH}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_ZH} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "Apache-2.0"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\villagedesk.exe"
!define MUI_UNCOMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default; English is used on an English Windows.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString SecProgram ${LANG_SIMPCHINESE} "程序"
LangString SecProgram ${LANG_ENGLISH} "Program"
LangString SecData ${LANG_SIMPCHINESE} "同时删除本机的站点数据（不可恢复）"
LangString SecData ${LANG_ENGLISH} "Also delete this computer's station data (cannot be undone)"
LangString ShortcutUninstall ${LANG_SIMPCHINESE} "卸载 ${APP_ZH}"
LangString ShortcutUninstall ${LANG_ENGLISH} "Uninstall ${APP_ZH}"
LangString TaskDescription ${LANG_SIMPCHINESE} "每晚与县级服务器同步本站数据（villagedesk sync）"
LangString TaskDescription ${LANG_ENGLISH} "Nightly sync of the station with the county server (villagedesk sync)"
LangString TaskFailed ${LANG_SIMPCHINESE} "未能创建夜间同步计划任务，请联系县信息员。"
LangString TaskFailed ${LANG_ENGLISH} "The nightly sync task could not be created; please call the county IT officer."
LangString Need64 ${LANG_SIMPCHINESE} "本程序需要 64 位 Windows。"
LangString Need64 ${LANG_ENGLISH} "This program needs 64-bit Windows."
LangString DataKept ${LANG_SIMPCHINESE} "站点数据已保留：$LOCALAPPDATA\${APP}"
LangString DataKept ${LANG_ENGLISH} "The station data was kept: $LOCALAPPDATA\${APP}"
LangString DataConfirm ${LANG_SIMPCHINESE} "确定删除本机的站点数据吗？$\r$\n$\r$\n$LOCALAPPDATA\${APP}$\r$\n$\r$\n未同步到县级服务器的记录将永久丢失。"
LangString DataConfirm ${LANG_ENGLISH} "Delete this computer's station data?$\r$\n$\r$\n$LOCALAPPDATA\${APP}$\r$\n$\r$\nRecords not yet synced to the county server are lost for good."

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "$(Need64)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

; The nightly sync, as the user who runs the installer (the clerk, through the UAC prompt).
; S4U logon: it runs whether or not the clerk is logged on, with no stored password and no
; window; a night missed while the computer was off runs at the next start (StartWhenAvailable).
Function CreateSyncTask
  InitPluginsDir
  ReadEnvStr $R1 USERDOMAIN
  ReadEnvStr $R2 USERNAME
  StrCpy $R0 "$PLUGINSDIR\villagedesk-sync.xml"
  FileOpen $0 $R0 w
  FileWriteWord $0 0xFEFF ; UTF-16LE byte-order mark: schtasks reads the XML as UTF-16
  FileWriteUTF16LE $0 '<?xml version="1.0" encoding="UTF-16"?>$\r$\n'
  FileWriteUTF16LE $0 '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">$\r$\n'
  FileWriteUTF16LE $0 '  <RegistrationInfo><Description>$(TaskDescription)</Description></RegistrationInfo>$\r$\n'
  FileWriteUTF16LE $0 '  <Triggers><CalendarTrigger>$\r$\n'
  FileWriteUTF16LE $0 '    <StartBoundary>2024-01-01T01:30:00</StartBoundary>$\r$\n'
  FileWriteUTF16LE $0 '    <RandomDelay>PT3H</RandomDelay>$\r$\n'
  FileWriteUTF16LE $0 '    <ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay>$\r$\n'
  FileWriteUTF16LE $0 '  </CalendarTrigger></Triggers>$\r$\n'
  FileWriteUTF16LE $0 '  <Principals><Principal id="Clerk">$\r$\n'
  FileWriteUTF16LE $0 '    <UserId>$R1\$R2</UserId><LogonType>S4U</LogonType><RunLevel>LeastPrivilege</RunLevel>$\r$\n'
  FileWriteUTF16LE $0 '  </Principal></Principals>$\r$\n'
  FileWriteUTF16LE $0 '  <Settings>$\r$\n'
  FileWriteUTF16LE $0 '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>$\r$\n'
  FileWriteUTF16LE $0 '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>$\r$\n'
  FileWriteUTF16LE $0 '    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>$\r$\n'
  FileWriteUTF16LE $0 '    <StartWhenAvailable>true</StartWhenAvailable>$\r$\n'
  FileWriteUTF16LE $0 '    <ExecutionTimeLimit>PT3H</ExecutionTimeLimit>$\r$\n'
  FileWriteUTF16LE $0 '    <Priority>7</Priority>$\r$\n'
  FileWriteUTF16LE $0 '  </Settings>$\r$\n'
  FileWriteUTF16LE $0 '  <Actions Context="Clerk"><Exec>$\r$\n'
  FileWriteUTF16LE $0 '    <Command>$INSTDIR\villagedesk-cli.exe</Command><Arguments>sync</Arguments>$\r$\n'
  FileWriteUTF16LE $0 '  </Exec></Actions>$\r$\n'
  FileWriteUTF16LE $0 '</Task>$\r$\n'
  FileClose $0
  nsExec::ExecToLog 'schtasks /Create /F /TN "${TASK_NAME}" /XML "$R0"'
  Pop $1
  ${If} $1 != 0
    ; Fallback: a plain daily task that runs while the clerk is logged on.
    nsExec::ExecToLog 'schtasks /Create /F /TN "${TASK_NAME}" /SC DAILY /ST 01:30 /IT /TR "\"$INSTDIR\villagedesk-cli.exe\" sync"'
    Pop $1
    ${If} $1 != 0
      MessageBox MB_ICONEXCLAMATION "$(TaskFailed)" /SD IDOK
    ${EndIf}
  ${EndIf}
FunctionEnd

Section "!$(SecProgram)" SecMain
  SectionIn RO
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the whole program folder: no file of the old version is left behind.
  RMDir /r "$INSTDIR\_internal"
  File /r "${PAYLOAD}\*.*"
  File "/oname=villagedesk.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP_ZH}"
  CreateShortcut "$SMPROGRAMS\${APP_ZH}\${APP_ZH}.lnk" "$INSTDIR\villagedesk.exe" "" "$INSTDIR\villagedesk.ico"
  CreateShortcut "$SMPROGRAMS\${APP_ZH}\$(ShortcutUninstall).lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${APP_ZH}.lnk" "$INSTDIR\villagedesk.exe" "" "$INSTDIR\villagedesk.ico"

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_ZH} (${APP})"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\villagedesk.ico"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1

  Call CreateSyncTask
SectionEnd

Section "un.$(SecProgram)" UnSecMain
  SectionIn RO
  SetShellVarContext all
  nsExec::ExecToLog 'schtasks /Delete /F /TN "${TASK_NAME}"'
  Pop $0
  Delete "$DESKTOP\${APP_ZH}.lnk"
  RMDir /r "$SMPROGRAMS\${APP_ZH}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\villagedesk.exe"
  Delete "$INSTDIR\villagedesk-cli.exe"
  Delete "$INSTDIR\villagedesk.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd

; Not ticked by default, and asked again: the station data (the database, its backups made
; before each migration) is kept unless the clerk really wants it gone.
Section /o "un.$(SecData)" UnSecData
  SetShellVarContext current
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "$(DataConfirm)" /SD IDNO IDYES delete
  DetailPrint "$(DataKept)"
  Goto done
  delete:
  RMDir /r "$LOCALAPPDATA\${APP}"
  done:
SectionEnd

Function un.onUninstSuccess
  SetShellVarContext current
  ${If} ${FileExists} "$LOCALAPPDATA\${APP}\*.*"
    DetailPrint "$(DataKept)"
  ${EndIf}
FunctionEnd
