package com.furnishcare.intake.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server on 127.0.0.1 and a free port, for the tests' Redis suites; started per test class
 * and killed after. Needs the redis-server binary (the test command installs it).
 */
public final class RedisServer implements AutoCloseable {

  private volatile Process process;
  private final int port;
  private final Path dir;
  /** Extra redis-server arguments a restart repeats (empty: the tests' throwaway server). */
  private final java.util.List<String> extra;

  private RedisServer(Process process, int port, Path dir) {
    this(process, port, dir, java.util.List.of());
  }

  private RedisServer(Process process, int port, Path dir, java.util.List<String> extra) {
    this.process = process;
    this.port = port;
    this.dir = dir;
    this.extra = extra;
  }

  private static RedisServer shared;

  /**
   * One server for the whole test run, stopped when the JVM exits; tests keep apart by key prefix or
   * by their own data. A test that stops its server must use {@link #start()} instead.
   */
  public static synchronized RedisServer shared() throws IOException, InterruptedException {
    if (shared == null || !shared.process.isAlive()) {
      shared = start();
      RedisServer server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return shared;
  }

  public static RedisServer start() throws IOException, InterruptedException {
    int port = freePort();
    Path dir = TempDirs.create("redis-test");
    RedisServer server = new RedisServer(launch(port, dir, java.util.List.of("--save", "", "--appendonly", "no")),
        port, dir);
    server.awaitPong();
    return server;
  }

  /**
   * A server as the README tells operators to run one: an append-only file fsynced every second
   * ({@code --appendonly yes --appendfsync everysec}) in {@code dir}, so {@link #stop}/{@link #kill} and
   * {@link #startAgain} on the same port and directory keep what it acknowledged.
   */
  public static RedisServer startDurable(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int port = freePort();
    java.util.List<String> aof = java.util.List.of("--save", "", "--appendonly", "yes", "--appendfsync", "everysec");
    RedisServer server = new RedisServer(launch(port, dir, aof), port, dir, aof);
    server.awaitPong();
    return server;
  }

  private static Process launch(int port, Path dir, java.util.List<String> extra) throws IOException {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("redis-server", "--port",
        Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString()));
    command.addAll(extra);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
        .start();
  }

  private void awaitPong() throws IOException, InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end) {
      if (answersPing()) {
        return;
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    close();
    throw new IOException("redis-server did not start on port " + port + ": " + Files.readString(dir.resolve("redis.log")));
  }

  /** SIGTERM: Redis's own orderly shutdown (the append-only file is flushed and fsynced). */
  public void stop() throws InterruptedException {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGKILL: a crash of the server process (not of the machine: what it wrote(2) is in the page cache). */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Starts redis-server again on the same port and directory (it reloads its append-only file). */
  public void startAgain() throws IOException, InterruptedException {
    if (process.isAlive()) {
      throw new IllegalStateException("redis-server is still running");
    }
    process = launch(port, dir, extra);
    awaitPong();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Empties the server, so a test class on the shared server starts from nothing. */
  public void flushAll() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write("FLUSHALL\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] buf = new byte[5];
      int n = socket.getInputStream().read(buf);
      if (n <= 0 || buf[0] != '+') {
        throw new IOException("FLUSHALL was refused");
      }
    }
  }

  /** How many keys the server holds (DBSIZE): proof that a gateway really stored its data here. */
  public long dbSize() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write("DBSIZE\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] buf = new byte[32];
      int n = socket.getInputStream().read(buf);
      String reply = n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.US_ASCII).strip();
      if (!reply.startsWith(":")) {
        throw new IOException("DBSIZE answered " + reply);
      }
      return Long.parseLong(reply.substring(1));
    }
  }

  /**
   * Writes a value as it is (SET key value PX ttl), bypassing the gateway's code: how a test puts data
   * shaped by an earlier version of the gateway in place. Sent as a RESP array, so any UTF-8 is safe.
   */
  public void set(String key, String value, long ttlMillis) throws IOException {
    String[] args = {"SET", key, value, "PX", Long.toString(ttlMillis)};
    StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
    for (String arg : args) {
      command.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
    }
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(command.toString().getBytes(StandardCharsets.UTF_8));
      byte[] buf = new byte[64];
      int n = socket.getInputStream().read(buf);
      if (n <= 0 || buf[0] != '+') {
        throw new IOException("SET was refused: " + (n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.UTF_8)));
      }
    }
  }

  /** GET key: the value, or null when there is none. */
  public String get(String key) throws IOException {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    String command = "*2\r\n$3\r\nGET\r\n$" + k.length + "\r\n" + key + "\r\n";
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(command.getBytes(StandardCharsets.UTF_8));
      java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
      StringBuilder head = new StringBuilder();
      int c;
      while ((c = in.read()) != '\n' && c >= 0) {
        head.append((char) c);
      }
      String h = head.toString().strip();
      if (!h.startsWith("$")) {
        throw new IOException("GET answered " + h);
      }
      int length = Integer.parseInt(h.substring(1));
      if (length < 0) {
        return null;
      }
      byte[] value = new byte[length];
      in.readFully(value);
      return new String(value, StandardCharsets.UTF_8);
    }
  }

  private boolean answersPing() {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[7];
      int n = in.read(buf);
      return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  /** A free port for a server a test starts; see {@link FreePorts} for why not an ephemeral one. */
  public static int freePort() throws IOException {
    return FreePorts.take();
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
