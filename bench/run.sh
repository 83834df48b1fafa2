#!/bin/sh
# Issue 7's load benchmark: the real jar drains generated bounces from a POP3 server on loopback into H2 and into
# PostgreSQL (127.0.0.1:5432, database test, user postgres, trust auth), with the events to the JMS topic.
# Each run prints its figures and PASS/FAIL checks and exits 1 on a failed check.
#   bench/run.sh            10,000 on H2 and on PostgreSQL, 100,000 on both with -Xmx512m
# Dovecot must be installed (Debian package dovecot-pop3d), or add --pop3-server greenmail to each run.
#   bench/run.sh quick      1,000 on H2
set -e
cd "$(dirname "$0")/.."
[ -f target/rebound.jar ] || mvn -q -B clean package -DskipTests
bench() { echo "== bench $*"; java -jar target/rebound.jar bench "$@"; }
if [ "$1" = quick ]; then
  bench --messages 1000 --db h2
  exit
fi
bench --messages 10000 --db h2
bench --messages 10000 --db postgres
bench --messages 100000 --db postgres --jvm-opts "-Xmx512m" --live-heap
bench --messages 100000 --db h2 --jvm-opts "-Xmx512m" --live-heap
