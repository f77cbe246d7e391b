# Sourced by ./artcash and ./check: selects a JDK 25 for Maven and the CLI.
# Uses $JAVA_HOME when it is a JDK 25, otherwise the first JDK 25 under /usr/lib/jvm or /opt.
artcash_is_jdk25() { [ -x "$1/bin/javac" ] && "$1/bin/java" -version 2>&1 | head -1 | grep -Eq '"25([."]|$)'; }
if [ -z "${JAVA_HOME:-}" ] || ! artcash_is_jdk25 "$JAVA_HOME"; then
  for candidate in /usr/lib/jvm/*25* /opt/*jdk*25* /usr/lib/jvm/*; do
    if artcash_is_jdk25 "$candidate"; then export JAVA_HOME="$candidate"; break; fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || ! artcash_is_jdk25 "$JAVA_HOME"; then
  echo "artcash needs a JDK 25 (for example Eclipse Temurin 25). Install one and set JAVA_HOME to it." >&2
  exit 1
fi
export PATH="$JAVA_HOME/bin:$PATH"
