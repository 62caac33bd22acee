#!/usr/bin/env bash
# Runs the benchmark on a fresh machine with JDK 17, Maven and Node (npm): Maven fetches the clients,
# npm installs the peer (ws@8) under target/bench-peer, results land in target/bench-results/.
# Committed figures live under docs/benchmarks/ and change only when someone publishes a run (copy
# target/bench-results/ there). Extra options go to the harness, e.g.:
#   src/bench/run.sh --sockets 5000,10000 --rounds 5
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v node >/dev/null || { echo "node is required for the peer (ws@8)" >&2; exit 1; }
command -v npm >/dev/null || { echo "npm is required to install the peer (ws@8)" >&2; exit 1; }
args=(-B -ntp -Pbench verify)
if [ "$#" -gt 0 ]; then
  args+=("-Dbench.args=--rounds 3 --seconds 2 --sockets 5000,10000 --scale-rounds 1 $*")
fi
exec mvn "${args[@]}"
