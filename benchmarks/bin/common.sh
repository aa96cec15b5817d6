# Sourced by the benchmark scripts: paths, the module build and the class paths.
# Ember's own modules come from the local Maven repository: install them first (mvn -o install -DskipTests).
# EMBER_MVN_FLAGS (default -o, offline) is passed to Maven; EMBER_BENCH_SKIP_BUILD=1 skips the build.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TARGET="$ROOT/benchmarks/target"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

die() { echo "benchmarks: $*" >&2; exit 2; }

# build_benchmarks [peers]: package the module; with 'peers' also the class path with Spark.
build_benchmarks() {
  [ "${EMBER_BENCH_SKIP_BUILD:-0}" = 1 ] && return 0
  command -v mvn >/dev/null || die "Maven (mvn) is needed to build the benchmarks module"
  (cd "$ROOT" && mvn ${EMBER_MVN_FLAGS--o} -q -B -pl benchmarks package -DskipTests) >&2
  if [ "${1:-}" = peers ]; then
    (cd "$ROOT" && mvn ${EMBER_MVN_FLAGS--o} -q -B -pl benchmarks -Ppeers package -DskipTests) >&2
  fi
}

# prop KEY: a value of target/bench.properties (written at package time from the pom).
prop() { grep "^$1=" "$TARGET/bench.properties" | cut -d= -f2-; }

ember_cp() { echo "$TARGET/classes:$(cat "$TARGET/classpath.txt")"; }
# The peers profile builds into target/peers (its classes include the peer jobs).
peers_cp() { echo "$TARGET/peers/classes:$(cat "$TARGET/peers/classpath-peers.txt")"; }
