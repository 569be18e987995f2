<#
.SYNOPSIS
    Removes the imgcloud provider Windows service created by install-service.ps1.

.DESCRIPTION
    Stops the service and deletes it (with its registry Environment value).
    The install folder, including data\demo-hospital.db, is left in place;
    delete it by hand if it is no longer needed.
#>
#Requires -RunAsAdministrator
[CmdletBinding()]
param(
    [string] $ServiceName = 'imgcloud-provider'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$service = Get-Service -Name $ServiceName -ErrorAction SilentlyContinue
if (-not $service) {
    Write-Host "Service '$ServiceName' is not installed."
    return
}

if ($service.Status -ne 'Stopped') {
    Stop-Service -Name $ServiceName -Force
    $service.WaitForStatus('Stopped', [TimeSpan]::FromSeconds(30))
}

# Remove-Service exists only in PowerShell 6+; sc.exe works in Windows PowerShell 5.1 too.
& sc.exe delete $ServiceName | Out-Null
if ($LASTEXITCODE -ne 0) { throw "sc.exe delete failed with exit code $LASTEXITCODE." }
Write-Host "Service '$ServiceName' removed. Files under its install folder were not touched."
