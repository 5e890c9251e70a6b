package com.furnishcare.intake.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster of three masters (no replicas) of Debian's redis-server on 127.0.0.1 and free ports, for
 * the cluster suites: each node in a temp dir, joined with {@code redis-cli --cluster create}, ready once every
 * node says {@code cluster_state:ok}; killed when the JVM exits. Tests keep apart by key prefix.
 */
public final class RedisCluster implements AutoCloseable {

  private final List<Process> processes;
  private final List<Integer> ports;
  private final Path dir;

  private RedisCluster(List<Process> processes, List<Integer> ports, Path dir) {
    this.processes = processes;
    this.ports = ports;
    this.dir = dir;
  }

  private static RedisCluster shared;

  /** One cluster for the whole test run, stopped when the JVM exits. */
  public static synchronized RedisCluster shared() throws IOException, InterruptedException {
    if (shared == null || shared.processes.stream().anyMatch(p -> !p.isAlive())) {
      if (shared != null) {
        shared.close();
      }
      shared = start(3);
      RedisCluster cluster = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
    }
    return shared;
  }

  public static RedisCluster start(int masters) throws IOException, InterruptedException {
    return start(masters, 0);
  }

  /** A cluster of {@code masters} masters with {@code replicasEach} replicas each (for a failover). */
  public static RedisCluster start(int masters, int replicasEach) throws IOException, InterruptedException {
    Path dir = TempDirs.create("redis-cluster-test");
    List<Process> processes = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    RedisCluster cluster = new RedisCluster(processes, ports, dir);
    try {
      for (int i = 0; i < masters * (1 + replicasEach); i++) {
        cluster.startNode();
      }
      List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
      ports.forEach(p -> create.add("127.0.0.1:" + p));
      create.addAll(List.of("--cluster-replicas", Integer.toString(replicasEach), "--cluster-yes"));
      Run created = run(create);
      if (created.exit != 0) {
        throw new IOException("redis-cli --cluster create failed: " + created.output);
      }
      for (int port : ports) {
        cluster.waitFor(port, "CLUSTER INFO", "cluster_state:ok");
      }
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** The nodes as REDIS_CLUSTER_NODES takes them: comma-separated redis:// URLs. */
  public String nodesUrl() {
    return ports.stream().map(p -> "redis://127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  /** One node's URL, as a REDIS_URL naming a cluster would be. */
  public String anyNodeUrl() {
    return "redis://127.0.0.1:" + ports.get(0);
  }

  public List<Integer> ports() {
    return List.copyOf(ports);
  }

  /** Runs a command with {@code redis-cli -c} (following MOVED), answering its raw output. */
  public String cli(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("redis-cli", "-c", "-h", "127.0.0.1", "-p",
        Integer.toString(ports.get(0))));
    command.addAll(List.of(args));
    Run r = run(command);
    if (r.exit != 0 || r.output.startsWith("(error)") || r.output.startsWith("ERR")) {
      throw new IOException(String.join(" ", args) + " failed: " + r.output);
    }
    return r.output.strip();
  }

  /** The slot Redis itself computes for a key ({@code CLUSTER KEYSLOT}). */
  public int keySlot(String key) throws IOException, InterruptedException {
    return Integer.parseInt(cli("CLUSTER", "KEYSLOT", key));
  }

  /** The port of the master that serves a key's slot now. */
  public int masterOf(String key) throws IOException, InterruptedException {
    int slot = keySlot(key);
    for (int i = 0; i < ports.size(); i++) {
      if (!processes.get(i).isAlive()) {
        continue;
      }
      Run r = run(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(ports.get(i)), "CLUSTER", "NODES"));
      for (String line : r.output.split("\n")) {
        String[] f = line.trim().split(" ");
        if (f.length < 8 || !f[2].contains("myself") || !f[2].contains("master")) {
          continue;
        }
        for (int j = 8; j < f.length; j++) {
          String[] range = f[j].split("-");
          if (!range[0].matches("\\d+")) {
            continue;
          }
          int lo = Integer.parseInt(range[0]);
          int hi = range.length > 1 ? Integer.parseInt(range[1]) : lo;
          if (slot >= lo && slot <= hi) {
            return ports.get(i);
          }
        }
      }
    }
    throw new IOException("no live master serves slot " + slot);
  }

  /** Kills one node (SIGKILL), as a crashed master. */
  public void kill(int port) throws InterruptedException {
    Process p = processes.get(ports.indexOf(port));
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  /**
   * Waits until a replica of the master on {@code port} is online and has everything the master had written when
   * this was called; false if that did not happen within {@code limit}. (Right after the cluster is created a
   * replica may still be in its first sync, so a single {@code WAIT} can answer 0.)
   */
  public boolean awaitReplicated(int port, java.time.Duration limit) throws IOException, InterruptedException {
    long target = replicationField(cliAt(port, "INFO", "replication"), "master_repl_offset");
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : cliAt(port, "INFO", "replication").split("\r?\n")) {
        // slave0:ip=127.0.0.1,port=7001,state=online,offset=1234,lag=0
        if (line.startsWith("slave") && line.contains("state=online")
            && replicationField(line.replace(',', '\n').replace(':', '\n'), "offset") >= target) {
          return true;
        }
      }
      Thread.sleep(100);
    }
    return false;
  }

  private static long replicationField(String info, String name) {
    for (String line : info.split("\r?\n")) {
      String l = line.strip();
      if (l.startsWith(name + ":") || l.startsWith(name + "=")) {
        return Long.parseLong(l.substring(name.length() + 1).strip());
      }
    }
    return -1;
  }

  /** Runs a command on one node (no redirects), answering its output. */
  public String cliAt(int port, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
    command.addAll(List.of(args));
    return run(command).output.strip();
  }

  /** How many keys the cluster holds, over all masters (proof that a gateway stored its data here). */
  public long dbSize() throws IOException, InterruptedException {
    long total = 0;
    for (int port : ports) {
      Run r = run(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port), "DBSIZE"));
      total += Long.parseLong(r.output.strip());
    }
    return total;
  }

  private void waitFor(int port, String command, String expected) throws IOException, InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String last = "";
    while (System.nanoTime() < end) {
      List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
      cmd.addAll(List.of(command.split(" ")));
      Run r = run(cmd);
      last = r.output;
      if (r.exit == 0 && r.output.contains(expected)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IOException("redis node " + port + " never answered " + expected + " to " + command + ": " + last
        + " (logs in " + dir + ")");
  }

  private record Run(int exit, String output) {}

  private static Run run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish");
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /**
   * Starts one node on a free port pair (port and bus port + 10000) and waits for its PONG; a node that exits
   * first (its port was taken after all) is started again on another pair, up to three times.
   */
  private void startNode() throws IOException, InterruptedException {
    String lastLog = "";
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = FreePorts.take(10_000);
      Path nodeDir = Files.createDirectories(dir.resolve("node-" + port));
      Path log = nodeDir.resolve("redis.log");
      Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
          "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
          "--cluster-node-timeout", "5000", "--save", "", "--appendonly", "no", "--dir", nodeDir.toString())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      processes.add(process);
      ports.add(port);
      if (waitFor(port, "PING", "PONG", process)) {
        return;
      }
      processes.remove(process);
      ports.remove(Integer.valueOf(port));
      process.destroyForcibly();
      lastLog = Files.exists(log) ? Files.readString(log) : "";
    }
    throw new IOException("no cluster node would start; the last one's log:\n" + lastLog);
  }

  /** Waits for a starting node's answer; false if its process exited first. */
  private boolean waitFor(int port, String command, String expected, Process process)
      throws IOException, InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String last = "";
    while (System.nanoTime() < end) {
      Run r = run(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port), command));
      last = r.output;
      if (r.exit == 0 && r.output.contains(expected)) {
        return true;
      }
      if (!process.isAlive()) {
        return false;
      }
      Thread.sleep(50);
    }
    throw new IOException("redis node " + port + " never answered " + expected + " to " + command + ": " + last
        + " (logs in " + dir + ")");
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroyForcibly();
    }
    for (Process p : processes) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
