# Shared by the bench scripts that start servers: free loopback ports, the processes a run started (PIDS) and
# their cleanup on exit, and a process's CPU time. Sourced, not run.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # a process's utime + stime, in clock ticks

# JVM options for every Java server a run starts, the hand-written baselines and the gateway alike (the same
# flags on both sides, so a ratio compares the code, not the flags). Transparent huge pages are the default
# because they are what the README recommends for production: on this VM, whose kernel memory monitor
# (DAMON) samples page access bits, they cut the gateway's p99 at half rate from 23-40 ms to 15-18 ms.
# Set BENCH_JAVA_OPTS= (empty) for the JVM's defaults.
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS--XX:+UseTransparentHugePages}"

PIDS=()
# Stops what this run started and waits until it is gone (10 s, then SIGKILL): a gateway still shutting down
# when the next run replaces target/intake-gateway.jar loads its shutdown classes from the new file and can
# hang there (five such gateways were once found still running, each taking a tenth of a core).
cleanup() {
  local p i
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    i=0
    while kill -0 "$p" 2>/dev/null && (( i++ < 50 )); do sleep 0.2; done
    kill -9 "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT
