#!/usr/bin/env bash
# Makes the tests' stand-in for mcr.microsoft.com/dotnet/aspnet:10.0, which this machine cannot reach: a minimal Debian
# bookworm with what .NET needs, this machine's own .NET and ASP.NET Core runtimes in /usr/share/dotnet, and the same
# non-root "app" user (1654). Writes an OCI image layout, tag "base", to a folder named for the ASP.NET Core runtime (made
# once per machine and runtime), and prints that layout's path as its last line; needs root, debootstrap and umoci, and
# reaches only Debian's package mirror.
#   make-base-image.sh
set -euo pipefail
netcore="$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v }')"
aspnet="$(dotnet --list-runtimes | awk '$1 == "Microsoft.AspNetCore.App" { v = $2 } END { print v }')"
temp="${TMPDIR:-/tmp}"
folder="${temp%/}/storiboard-base-image-$aspnet"
mirror="${STORIBOARD_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
rootfs="$folder/rootfs"

# One maker at a time: tests/run.sh starts one early, in the background, and the tests' own call waits for it here.
mkdir -p "$(dirname "$folder")"
exec 9>"$folder.lock"
flock 9
if [ -f "$folder/oci.done" ]; then
  echo "$folder/oci"
  exit 0
fi

rm -rf "$rootfs" "$folder/oci" "$folder/bundle"
mkdir -p "$folder"

debootstrap --variant=minbase --include=libicu72,libssl3,ca-certificates,tzdata bookworm "$rootfs" "$mirror" >"$folder/debootstrap.log"
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*

# The runtimes the machine's SDK runs on, as the aspnet image lays them out.
dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
mkdir -p "$rootfs/usr/share/dotnet/shared/Microsoft.NETCore.App" "$rootfs/usr/share/dotnet/shared/Microsoft.AspNetCore.App"
cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$rootfs/usr/share/dotnet/"
cp -a "$dotnet_root/shared/Microsoft.NETCore.App/$netcore" "$rootfs/usr/share/dotnet/shared/Microsoft.NETCore.App/"
cp -a "$dotnet_root/shared/Microsoft.AspNetCore.App/$aspnet" "$rootfs/usr/share/dotnet/shared/Microsoft.AspNetCore.App/"
ln -sf /usr/share/dotnet/dotnet "$rootfs/usr/bin/dotnet"
chroot "$rootfs" groupadd --gid 1654 app
chroot "$rootfs" useradd --uid 1654 --gid 1654 --no-create-home --home-dir /app --shell /usr/sbin/nologin app

umoci init --layout "$folder/oci" >/dev/null
umoci new --image "$folder/oci:base"
umoci unpack --image "$folder/oci:base" "$folder/bundle" >/dev/null
rmdir "$folder/bundle/rootfs"
mv "$rootfs" "$folder/bundle/rootfs"
umoci repack --image "$folder/oci:base" "$folder/bundle"
umoci config --image "$folder/oci:base" --os linux --architecture amd64 \
  --config.env "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --config.env "APP_UID=1654" --config.env "ASPNETCORE_HTTP_PORTS=8080" \
  --config.env "DOTNET_RUNNING_IN_CONTAINER=true" --config.env "DOTNET_VERSION=$netcore" --config.env "ASPNET_VERSION=$aspnet"
rm -rf "$folder/bundle"
echo "$netcore $aspnet" >"$folder/oci.done"
echo "$folder/oci"
