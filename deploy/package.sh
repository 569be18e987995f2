#!/usr/bin/env bash
# Builds an offline installation package of the provider for one platform:
#   bash deploy/package.sh linux-x64     -> dist/imgcloud-provider-<version>-linux-x64/ and .tar.gz
#   bash deploy/package.sh win-x64       -> dist/imgcloud-provider-<version>-win-x64/ and .zip
# Self-contained: the .NET runtime is inside, the server needs nothing installed (no internet either).
# The package holds: the provider, sql/ (what a DBA reads and runs), deploy/ (service scripts, unit,
# IIS note), settings/ (examples per database, no secrets), an empty drivers/oracle/ with a README.
# Version: VERSION=1.2.0 bash deploy/package.sh ...; default: the git describe of HEAD, else 0.0.0-dev.
set -euo pipefail
cd "$(dirname "$0")/.."

rid="${1:-}"
case "$rid" in
  linux-x64|win-x64) ;;
  *) echo "usage: bash deploy/package.sh linux-x64|win-x64" >&2; exit 2 ;;
esac
version="${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo 0.0.0-dev)}"
name="imgcloud-provider-$version-$rid"
out="dist/$name"
rm -rf "$out"
mkdir -p "$out"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet publish src/ProviderApi/ProviderApi.csproj -c Release -r "$rid" --self-contained true \
  -p:PublishSingleFile=false -p:DebugType=none -p:GenerateDocumentationFile=true \
  -o "$out/app"

# The app's content root is app/: its relative settings (data/, logs/, drivers/oracle) resolve there.
mkdir -p "$out/app/drivers/oracle"
cp deploy/drivers-oracle-README.md "$out/app/drivers/oracle/README.md"
cp -r sql "$out/sql"
mkdir -p "$out/deploy"
cp -r deploy/settings "$out/settings"
if [ "$rid" = win-x64 ]; then
  cp -r deploy/windows deploy/iis "$out/deploy/"
else
  cp -r deploy/systemd "$out/deploy/"
fi
cp deploy/README.md "$out/deploy/README.md"
cat > "$out/VERSION" <<INFO
imgcloud provider $version ($rid, self-contained)
built $(date -u +%Y-%m-%dT%H:%M:%SZ) from $(git rev-parse --short HEAD 2>/dev/null || echo unknown)
INFO

( cd dist
  if [ "$rid" = win-x64 ]; then
    rm -f "$name.zip"
    if command -v zip >/dev/null; then zip -qr "$name.zip" "$name"; else python3 -m zipfile -c "$name.zip" "$name"; fi
    echo "package: dist/$name.zip"
  else
    tar -czf "$name.tar.gz" "$name"
    echo "package: dist/$name.tar.gz"
  fi )
