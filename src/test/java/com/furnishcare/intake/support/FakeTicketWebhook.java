package com.furnishcare.intake.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ticket receiver for {@code TICKET_SINK=webhook} (JDK HTTP server on its own threads): answers 200 to
 * every POST and counts them by {@code Idempotency-Key} ({@code <ticket id>@<status>-<level>}), so a test
 * can tell a retry of one delivery (same key, which a receiver drops) from a ticket filed twice.
 */
public final class FakeTicketWebhook implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(32);
  private final Map<String, AtomicInteger> byKey = new ConcurrentHashMap<>();
  private final AtomicInteger posts = new AtomicInteger();
  private final Map<String, java.util.Set<String>> ticketsByOrder = new ConcurrentHashMap<>();

  private final AtomicInteger inFlight = new AtomicInteger();

  public FakeTicketWebhook() throws IOException {
    this(java.time.Duration.ZERO);
  }

  /** @param hold how long each POST waits before its answer (deliveries are in flight that long) */
  public FakeTicketWebhook(java.time.Duration hold) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(threads);
    server.createContext("/tickets", exchange -> {
      String json;
      try (InputStream body = exchange.getRequestBody()) {
        json = new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      try {
        io.vertx.core.json.JsonObject ticket = new io.vertx.core.json.JsonObject(json);
        ticketsByOrder.computeIfAbsent(String.valueOf(ticket.getString("orderNo")),
            o -> ConcurrentHashMap.newKeySet()).add(String.valueOf(ticket.getString("id")));
      } catch (RuntimeException notJson) {
        ticketsByOrder.computeIfAbsent("(not JSON)", o -> ConcurrentHashMap.newKeySet()).add(json);
      }
      posts.incrementAndGet();
      byKey.computeIfAbsent(String.valueOf(key), k -> new AtomicInteger()).incrementAndGet();
      inFlight.incrementAndGet();
      try {
        Thread.sleep(hold.toMillis());
        exchange.sendResponseHeaders(200, -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException gone) {
        // the gateway went away before the answer: the ticket still arrived
      } finally {
        inFlight.decrementAndGet();
        exchange.close();
      }
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/tickets";
  }

  /** POSTs received and not yet answered. */
  public int inFlight() {
    return inFlight.get();
  }

  /** POSTs received, repeats included. */
  public int posts() {
    return posts.get();
  }

  /** How many POSTs carried each ticket id (any status), by ticket id. */
  public Map<String, Integer> postsByTicket() {
    Map<String, Integer> out = new ConcurrentHashMap<>();
    byKey.forEach((key, n) -> out.merge(key.contains("@") ? key.substring(0, key.indexOf('@')) : key, n.get(),
        Integer::sum));
    return out;
  }

  /** How many distinct Idempotency-Keys each ticket id arrived under (1: one ticket, however often retried). */
  public Map<String, Integer> keysByTicket() {
    Map<String, Integer> out = new ConcurrentHashMap<>();
    byKey.keySet().forEach(key -> out.merge(key.contains("@") ? key.substring(0, key.indexOf('@')) : key, 1,
        Integer::sum));
    return out;
  }

  /** The ticket ids received for each order number (more than one: a complaint filed twice). */
  public Map<String, java.util.Set<String>> ticketsByOrder() {
    return ticketsByOrder;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
