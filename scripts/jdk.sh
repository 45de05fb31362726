# Sourced by ./gitmesh, scripts/mvn and .ci/run: selects a JDK >= 21 when the default one is older.
# Order: $JAVA_HOME, the java on PATH, then the JDKs installed under /usr/lib/jvm and /opt (newest first).

gitmesh_java_major() { # prints the major version of the java binary $1
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1 | cut -d. -f1
}

gitmesh_select_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$(gitmesh_java_major "$candidate")
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$(cd "$(dirname "$(readlink -f "$candidate")")/.." && pwd)"
      return 0
    fi
  done
  for candidate in $(ls -d /usr/lib/jvm/*/bin/java /opt/*/bin/java /opt/java/*/bin/java 2>/dev/null | sort -rV); do
    major=$(gitmesh_java_major "$candidate")
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$(cd "$(dirname "$(readlink -f "$candidate")")/.." && pwd)"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "gitmesh needs a JDK 21 or newer; none found (set JAVA_HOME to one)." >&2
  return 1
}
