package com.furnishcare.intake.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, byte for byte as written: HTTP clients normalise paths ({@code ..},
 * {@code %2e}) before sending, and an attacker's client does not. Also writes requests in pieces, to
 * play slow or vanishing clients.
 */
public final class RawHttp {

  public record Response(int status, String head, String body) {
    public String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  private RawHttp() {}

  /** Sends {@code method target} with optional headers ("Name: value\r\n" lines) and body; reads the answer. */
  public static Response send(int port, String method, String target, String headers, String body)
      throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    String request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
        + (headers == null ? "" : headers) + (body == null ? "" : "Content-Length: " + bytes.length + "\r\n") + "\r\n";
    try (Socket socket = open(port, "127.0.0.1")) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
      out.flush();
      return read(socket.getInputStream());
    }
  }

  public static Socket open(int port, String localAddress) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    socket.setSoTimeout(20_000);
    return socket;
  }

  /** Reads one response until the server closes the connection (requests say Connection: close). */
  public static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) > 0; ) {
        all.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      // whatever arrived is the answer
    }
    String text = all.toString(StandardCharsets.UTF_8);
    int split = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.1 ") || split < 0) {
      return new Response(-1, text, "");
    }
    int status = Integer.parseInt(text.substring(9, 12));
    String head = text.substring(0, split);
    String body = text.substring(split + 4);
    if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
      body = dechunk(body);
    }
    return new Response(status, head, body);
  }

  private static String dechunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int lineEnd = chunked.indexOf("\r\n", at);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      // sizes count bytes; the bodies here are ASCII or whole UTF-8 characters per chunk
      byte[] rest = chunked.substring(lineEnd + 2).getBytes(StandardCharsets.UTF_8);
      String piece = new String(rest, 0, Math.min(size, rest.length), StandardCharsets.UTF_8);
      out.append(piece);
      at = lineEnd + 2 + piece.length() + 2;
    }
    return out.toString();
  }
}
