#!/usr/bin/env bash
# Builds a base image for the gitmesh image from Debian's packages alone, for machines that reach Debian's
# mirror but no container registry: Debian (minbase) with openjdk-21-jre-headless, written as a `docker save`
# archive that Jib takes as its base:
#
#   sudo deploy/image/debian-jre-base.sh /tmp/debian-jre21.tar
#   ./scripts/mvn -Pimage -pl app -am package -DskipTests -Dgitmesh.image.base=tar:///tmp/debian-jre21.tar
#
# Needs root and debootstrap (apt-get install debootstrap). SUITE (default trixie, the first Debian release
# with OpenJDK 21) and MIRROR choose where the packages come from.
set -euo pipefail
if [[ $# -ne 1 ]]; then
  echo "usage: $0 OUTPUT.tar" >&2
  exit 2
fi
out="$(realpath -m "$1")"
suite="${SUITE:-trixie}"
mirror="${MIRROR:-http://deb.debian.org/debian}"
arch="$(dpkg --print-architecture)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

debootstrap --variant=minbase --include=openjdk-21-jre-headless "$suite" "$work/rootfs" "$mirror"
# what a runtime image does not need: package caches and lists, documentation
rm -rf "$work"/rootfs/var/cache/apt/* "$work"/rootfs/var/lib/apt/lists/* \
  "$work"/rootfs/usr/share/doc/* "$work"/rootfs/usr/share/man/* "$work"/rootfs/usr/share/info/*
java_home="$(dirname "$(dirname "$(chroot "$work/rootfs" readlink -f /usr/bin/java)")")"

# one layer, with numeric owners, sorted names and fixed times, so that the same packages give the same digest
tar --numeric-owner --sort=name --mtime=@0 -C "$work/rootfs" -cf "$work/layer.tar" .
diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
cat > "$work/config.json" <<JSON
{"architecture":"$arch","os":"linux",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]}}
JSON
cat > "$work/manifest.json" <<JSON
[{"Config":"config.json","RepoTags":["gitmesh/debian-jre:21"],"Layers":["layer.tar"]}]
JSON
tar -C "$work" -cf "$out" manifest.json config.json layer.tar
echo "base image: $out ($(du -h "$out" | cut -f1), JAVA_HOME=$java_home)"
