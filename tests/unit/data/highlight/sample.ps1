# Restart the stream service if it stopped.
param([string]$Name = "obs")

$service = Get-Service -Name $Name -ErrorAction SilentlyContinue
if ($null -eq $service) {
    Write-Host "No service $Name" -ForegroundColor Yellow
    exit 1
}
foreach ($i in 1..3) { Start-Sleep -Seconds $i }
