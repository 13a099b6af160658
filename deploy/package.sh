#!/usr/bin/env bash
# Builds the .deb and .rpm into dist/: the static binary with its version,
# revision and revision time stamped by -ldflags (`thiduabot version` shows
# them), the configuration with its paths under /var/lib/thiduabot, the
# systemd unit. nfpm comes from the Go module proxy at a pinned version.
#
#   deploy/package.sh            both packages
#   deploy/package.sh deb        only the .deb
#
# PKG_VERSION overrides the version (default: the newest v* tag, or 0.0.0,
# with "~git<commit time>.<short revision>" when HEAD is not that tag).
set -euo pipefail
cd "$(dirname "$0")/.."
NFPM=github.com/goreleaser/nfpm/v2/cmd/nfpm@v2.48.0
formats=("${@:-deb rpm}")
read -r -a formats <<<"${formats[*]}"

rev=$(git rev-parse HEAD)
revtime=$(git log -1 --format=%cI HEAD)
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  rev="$rev-dirty"
fi
tag=$(git describe --tags --abbrev=0 --match 'v[0-9]*' 2>/dev/null || true)
export PKG_VERSION=${PKG_VERSION:-${tag:-v0.0.0}}
export PKG_VERSION=${PKG_VERSION#v}
export PKG_PRERELEASE=${PKG_PRERELEASE-}
if [ -z "$tag" ] || [ "$(git rev-list -n1 "$tag")" != "$(git rev-parse HEAD)" ]; then
  PKG_PRERELEASE=${PKG_PRERELEASE:-git$(TZ=UTC git log -1 --date=format-local:%Y%m%d%H%M%S --format=%cd HEAD).$(git rev-parse --short=12 HEAD)}
fi
export PKG_ARCH=${PKG_ARCH:-$(go env GOARCH)}
version="v$PKG_VERSION${PKG_PRERELEASE:+-$PKG_PRERELEASE}"

mkdir -p dist/build
echo "building thiduabot $version ($rev of $revtime) for linux/$PKG_ARCH"
CGO_ENABLED=0 GOOS=linux GOARCH=$PKG_ARCH go build -trimpath \
  -ldflags "-s -w -X main.Version=$version -X main.Revision=$rev -X main.RevisionTime=$revtime" \
  -o dist/build/thiduabot ./cmd/thiduabot

# The installed configuration keeps the database and backups in the
# service's StateDirectory and turns on /healthz and /metrics on the
# loopback; config.example.toml keeps its relative paths for the console.
sed -e 's|^path = "thiduabot.db"$|path = "/var/lib/thiduabot/thiduabot.db"|' \
    -e 's|^backup_dir = "backups"$|backup_dir = "/var/lib/thiduabot/backups"|' \
    -e '/^\[http\]$/,/^\[/ s|^listen = ""$|listen = "127.0.0.1:9090"|' \
    config.example.toml >dist/build/config.toml
for want in 'path = "/var/lib/thiduabot/thiduabot.db"' 'backup_dir = "/var/lib/thiduabot/backups"' 'listen = "127.0.0.1:9090"'; do
  grep -qxF "$want" dist/build/config.toml || { echo "package.sh: config.example.toml changed; no line $want in the installed copy" >&2; exit 1; }
done
dist/build/thiduabot check-config -config dist/build/config.toml

for f in "${formats[@]}"; do
  go run "$NFPM" package --config deploy/nfpm.yaml --packager "$f" --target dist/
done
ls -l dist/*.deb dist/*.rpm 2>/dev/null || true
