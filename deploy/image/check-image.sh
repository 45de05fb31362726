#!/usr/bin/env bash
# Runs a `docker save` image archive (such as app/target/gitmesh-image.tar) without a container engine, to
# check that it starts: unpacks its layers in order into a folder, then runs the image's entrypoint with
# the given arguments in a chroot with /proc mounted. Needs root.
#
#   sudo deploy/image/check-image.sh app/target/gitmesh-image.tar --version
set -euo pipefail
if [[ $# -lt 1 ]]; then
  echo "usage: $0 IMAGE.tar [ARG...]" >&2
  exit 2
fi
image="$(realpath "$1")"
shift
work="$(mktemp -d)"
cleanup() {
  umount "$work/rootfs/proc" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/archive" "$work/rootfs"
tar -C "$work/archive" -xf "$image"
python3 - "$work/archive" > "$work/plan" <<'PY'
import json, sys, os
archive = sys.argv[1]
manifest = json.load(open(os.path.join(archive, "manifest.json")))[0]
config = json.load(open(os.path.join(archive, manifest["Config"])))["config"]
for layer in manifest["Layers"]:
    print("layer", layer)
for env in config.get("Env", []):
    print("env", env)
print("user", config.get("User", "0"))
print("entrypoint", json.dumps(config.get("Entrypoint", [])))
PY
while read -r kind value; do
  [[ $kind == layer ]] && tar --warning=no-unknown-keyword -C "$work/rootfs" -xf "$work/archive/$value"
done < "$work/plan"
mapfile -t env < <(sed -n 's/^env //p' "$work/plan")
user="$(sed -n 's/^user //p' "$work/plan")"
mapfile -t entrypoint < <(python3 -c 'import json,sys; print("\n".join(json.loads(sys.argv[1])))' \
  "$(sed -n 's/^entrypoint //p' "$work/plan")")
mkdir -p "$work/rootfs/proc"
mount -t proc proc "$work/rootfs/proc"
echo "running as ${user}: ${entrypoint[*]} $*" >&2
chroot --userspec="$user" "$work/rootfs" /usr/bin/env -i "${env[@]}" "${entrypoint[@]}" "$@"
