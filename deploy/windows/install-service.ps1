<#
.SYNOPSIS
    Installs the imgcloud provider as a Windows service (Windows Server).

.DESCRIPTION
    The provider calls UseWindowsService(): started by the Service Control Manager
    it reports its state and takes the install folder as its content root (as the
    provider does wherever it is started from). This script still sets the listening
    address (ASPNETCORE_URLS) and Database__DemoPath explicitly so the service's
    settings are visible in one place. A "Urls" in appsettings.Production.json would
    win over ASPNETCORE_URLS (ASP.NET Core's order): leave it out of that file.

    This script publishes nothing. Use the offline package built on a machine with the .NET 10 SDK:

        bash deploy/package.sh win-x64      ->  dist\imgcloud-provider-<version>-win-x64.zip

    and copy the package's app\ folder to <InstallPath>. The package is self-contained: the
    server needs no .NET runtime. Copy settings\appsettings.<Database>.json to
    <InstallPath>\appsettings.Production.json and edit it (the access lists at least); for Oracle,
    put the driver in <InstallPath>\drivers\oracle (see the README there).

    NOT RUN HERE: the build machines have no Windows; checked by reading only.

    What the script does:
      1. creates the service with New-Service, pointing at <InstallPath>\ProviderApi.exe;
      2. runs it under its virtual account "NT SERVICE\<ServiceName>" (not LocalSystem),
         with read access to <InstallPath> and write access to <InstallPath>\data
         (the demo database) and <InstallPath>\logs (daily log files, kept 180 days);
      3. sets recovery actions (restart after 5 s, 5 s, 60 s) with sc.exe failure;
      4. writes the service's environment variables to the registry value
         HKLM\SYSTEM\CurrentControlSet\Services\<ServiceName>\Environment (REG_MULTI_SZ);
      5. starts the service.

    The registry value is readable by local users. If the connection string holds
    a password, prefer a read-only database account and restrict who can log on.

.EXAMPLE
    .\install-service.ps1 -InstallPath D:\imgcloud-provider
.EXAMPLE
    .\install-service.ps1 -InstallPath D:\imgcloud-provider -Urls http://0.0.0.0:5080 -DatabaseProvider Sqlite -ConnectionString "Data Source=D:\views\hospital.db"
#>
#Requires -RunAsAdministrator
[CmdletBinding()]
param(
    # Folder holding the published ProviderApi.exe.
    [string] $InstallPath = 'C:\imgcloud-provider',

    [string] $ServiceName = 'imgcloud-provider',

    [string] $DisplayName = 'imgcloud provider',

    # Address(es) Kestrel listens on. Use http://0.0.0.0:5080 so the imaging cloud can reach it.
    [string] $Urls = 'http://0.0.0.0:5080',

    # Demo, Sqlite, PostgreSql, SqlServer or Oracle. Empty: as appsettings.Production.json says.
    [string] $DatabaseProvider = '',

    # Required for every provider but Demo. Left out of the environment when empty.
    [string] $ConnectionString = ''
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$exe = Join-Path $InstallPath 'ProviderApi.exe'
if (-not (Test-Path -LiteralPath $exe -PathType Leaf)) {
    throw "$exe not found. Copy the app folder of the package (bash deploy/package.sh win-x64) to `"$InstallPath`" first."
}
$InstallPath = (Resolve-Path -LiteralPath $InstallPath).Path
$exe = Join-Path $InstallPath 'ProviderApi.exe'
if (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue) {
    throw "Service '$ServiceName' already exists. Run uninstall-service.ps1 -ServiceName $ServiceName first."
}

# Data folder for the demo database, writable by the service's virtual account.
$dataPath = Join-Path $InstallPath 'data'
New-Item -ItemType Directory -Path $dataPath -Force | Out-Null
$logsPath = Join-Path $InstallPath 'logs'
New-Item -ItemType Directory -Path $logsPath -Force | Out-Null
$account = "NT SERVICE\$ServiceName"

# 1. Create the service (quoted path: the install folder may contain spaces).
New-Service -Name $ServiceName `
    -BinaryPathName "`"$exe`"" `
    -DisplayName $DisplayName `
    -Description 'Hospital-side API polled by the medical-insurance imaging cloud.' `
    -StartupType Automatic | Out-Null

# 2. Run under the virtual account instead of LocalSystem (no password: Windows manages it).
#    Grant it Read & execute on the install folder and Modify on data\.
& sc.exe config $ServiceName obj= $account | Out-Null
if ($LASTEXITCODE -ne 0) { throw "sc.exe config failed with exit code $LASTEXITCODE." }
& icacls.exe $InstallPath /grant "${account}:(OI)(CI)RX" | Out-Null
if ($LASTEXITCODE -ne 0) { throw "icacls failed with exit code $LASTEXITCODE." }
& icacls.exe $dataPath /grant "${account}:(OI)(CI)M" | Out-Null
if ($LASTEXITCODE -ne 0) { throw "icacls failed with exit code $LASTEXITCODE." }
& icacls.exe $logsPath /grant "${account}:(OI)(CI)M" | Out-Null
if ($LASTEXITCODE -ne 0) { throw "icacls failed with exit code $LASTEXITCODE." }

# 3. Recovery: restart after 5 s, 5 s, then 60 s; reset the failure count after one day.
#    failureflag 1 also applies the actions when the process exits with an error code.
& sc.exe failure $ServiceName reset= 86400 actions= restart/5000/restart/5000/restart/60000 | Out-Null
if ($LASTEXITCODE -ne 0) { throw "sc.exe failure failed with exit code $LASTEXITCODE." }
& sc.exe failureflag $ServiceName 1 | Out-Null
if ($LASTEXITCODE -ne 0) { throw "sc.exe failureflag failed with exit code $LASTEXITCODE." }

# 4. Environment variables for the service only (double underscore = section separator).
#    Windows ignores TZ. The views' "now" is UTC plus imgcloud settings
#    utc_offset_minutes whatever the zone; the server's zone only dates the logs.
$environment = @(
    "DOTNET_ENVIRONMENT=Production",
    "ASPNETCORE_URLS=$Urls",
    "Database__DemoPath=$(Join-Path $dataPath 'demo-hospital.db')",
    "Logging__File__Path=$logsPath"
)
if ($DatabaseProvider) {
    $environment += "Database__Provider=$DatabaseProvider"
}
if ($ConnectionString) {
    $environment += "Database__ConnectionString=$ConnectionString"
}
New-ItemProperty -Path "HKLM:\SYSTEM\CurrentControlSet\Services\$ServiceName" `
    -Name 'Environment' -PropertyType MultiString -Value $environment -Force | Out-Null

if ((Get-TimeZone).Id -ne 'China Standard Time') {
    Write-Host "Server time zone is '$((Get-TimeZone).Id)': the log files are dated in it. The views do not depend on it (UTC plus imgcloud settings utc_offset_minutes). For logs in China Standard Time: Set-TimeZone -Id 'China Standard Time'"
}

# 5. Start.
try {
    Start-Service -Name $ServiceName
}
catch {
    throw "Service '$ServiceName' was installed but did not start: $($_.Exception.Message) " +
        "Run '$InstallPath\ProviderApi.exe selftest' in a console for the one-line reason (a bad setting names its key); the log files are in $logsPath."
}
Get-Service -Name $ServiceName | Format-Table -AutoSize Name, Status, StartType
Write-Host "Installed. API: $Urls  (Swagger UI: /swagger, operators only)  Logs: $logsPath"
Write-Host "Check it: & `"$exe`" selftest"
