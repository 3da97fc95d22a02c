#!/usr/bin/env bash
# Issue 6's gateway benchmark, in one command (from the repository root):
#
#   services/ingest/bench/run.sh                       # starts its own gateway on embedded Kafka/MariaDB/Redis
#   services/ingest/bench/run.sh --gateway http://127.0.0.1:8080 --api-key codac_...   # a running gateway
#
# Other options (defaults): --rate 1000 --warm-up-seconds 60 --seconds 20 --step-seconds 10
# --step-rate 500 --max-rate 6000 --connections 64 (the load generator's keep-alive connections). Loopback only;
# at most about 3.5 minutes of load. The warm-up is long because on 2 cores the JIT compilers need about a minute
# of load to settle, and until then they take a large share of the CPU the gateway is measured on. The gateway it
# starts does not sweep unresolved publishes during the run (codac.ingest.unresolved.after=1h): requests given up
# on in an overloaded phase must not load the next phases.
# BENCH_JAVA_OPTS="-Dbench.gateway-properties=name=value,..." sets properties of the gateway it starts.
# Prints the 202 p99 at --rate requests/s and the highest rate sustained with p99 < 100 ms.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
MODULE=services/ingest
CP_FILE="$MODULE/target/bench.classpath"
if [ ! -d "$MODULE/target/test-classes/io/codac/ingest/bench" ] || [ ! -f "$CP_FILE" ]; then
  ./mvnw -B -q -pl "$MODULE" test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$ROOT/$CP_FILE"
fi
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} -Xms1g -Xmx2g -XX:+UseParallelGC -Xlog:gc:file=$ROOT/$MODULE/target/bench-gc.log \
  -cp "$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$CP_FILE")" \
  io.codac.ingest.bench.GatewayBenchmark "$@"
