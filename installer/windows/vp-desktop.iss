; VP Desktop: per-user installer for Windows (Inno Setup 6), no administrator rights needed.
;
; Build (the CI workflow does this after PyInstaller; all paths relative to this file):
;   iscc /DAppVersion=0.1.0 /DBundleDir=..\..\dist\vp-desktop /DIconFile=..\..\build\vp-desktop.ico
;        /DOutputDir=..\..\dist installer\windows\vp-desktop.iss
; → dist\vp-desktop-<version>-setup.exe
;
; Installs the PyInstaller one-folder bundle into {autopf}\VP Desktop, which for a per-user
; install is %LOCALAPPDATA%\Programs\VP Desktop, a Start-menu entry to vp-desktop-gui.exe (the
; windowed executable: no console window) and the .vpj association for this user only
; (HKCU\Software\Classes; values from vpj-association.json).
;
; Silent:    vp-desktop-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; Uninstall: "%LOCALAPPDATA%\Programs\VP Desktop\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES
;
; WHAT AN UNINSTALL NEVER REMOVES: journals (*.vpj, by default in %LOCALAPPDATA%\VP Desktop),
; their "reservekopieën" folders, backups in a second place, and the settings
; (HKCU\Software\VP Desktop). The uninstaller removes only the files it installed itself;
; [UninstallDelete] below touches nothing else, on purpose. Removing a journal is the
; vertrouwenspersoon's decision, made in the app (bewaartermijnen / vernietigen), never a
; side effect of removing the program.

#ifndef AppVersion
  #error Geef de versie mee: iscc /DAppVersion=x.y.z
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\vp-desktop"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\vp-desktop.ico"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
; AppId is fixed for the life of the product: it ties upgrades and the uninstaller together.
AppId={{0AE0E7E3-9D61-48C4-92D6-18B8A733BED6}
AppName=VP Desktop
AppVersion={#AppVersion}
AppVerName=VP Desktop {#AppVersion}
AppPublisher=VP Desktop
AppComments=Versleuteld journaal voor vertrouwenspersonen
VersionInfoVersion={#AppVersion}
; per user, no UAC prompt; {autopf} then means %LOCALAPPDATA%\Programs
PrivilegesRequired=lowest
DefaultDirName={autopf}\VP Desktop
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
CloseApplications=yes
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\vp-desktop-gui.exe
UninstallDisplayName=VP Desktop
OutputDir={#OutputDir}
OutputBaseFilename=vp-desktop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade first removes the previous bundle's program files, so no stale module, DLL or
; plug-in of the older version stays in {app}\_internal next to the new ones. Program files
; only: {app}\_internal holds nothing but the PyInstaller bundle. NEVER add the data folder,
; a journal's folder, a backup folder or the settings here (see the top of this file).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
; {autoprograms}: the user's own Start menu for a per-user install
Name: "{autoprograms}\VP Desktop"; Filename: "{app}\vp-desktop-gui.exe"; WorkingDir: "{app}"; Comment: "Versleuteld journaal voor vertrouwenspersonen"

[Registry]
; The .vpj association for this user only (values: vpj-association.json)
Root: HKCU; Subkey: "Software\Classes\.vpj"; ValueType: string; ValueName: ""; ValueData: "VPDesktop.Journaal"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.vpj"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-vp-desktop-journal"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\VPDesktop.Journaal"; ValueType: string; ValueName: ""; ValueData: "Journaal van VP Desktop"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\VPDesktop.Journaal\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\vp-desktop-gui.exe,0"
Root: HKCU; Subkey: "Software\Classes\VPDesktop.Journaal\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\vp-desktop-gui.exe"" --journal ""%1"""

[Run]
Filename: "{app}\vp-desktop-gui.exe"; Description: "{cm:LaunchProgram,VP Desktop}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the (by then empty) program folder. NEVER add the data folder ({localappdata}\VP Desktop),
; a journal's folder, a backup folder or the settings here: see the top of this file.
Type: dirifempty; Name: "{app}"
