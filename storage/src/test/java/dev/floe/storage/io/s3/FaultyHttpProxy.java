package dev.floe.storage.io.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A small HTTP/1.1 proxy on 127.0.0.1 in front of a real S3 server, which misbehaves on purpose:
 * for each request a rule picks an {@link Action}. One request per connection (it sets {@code
 * Connection: close}), so the server's reply ends at end of stream. The server behind it must not
 * check signatures, since the proxy rewrites headers.
 */
final class FaultyHttpProxy implements AutoCloseable {
  /** What to do with one request. */
  enum Action {
    /** Pass it on unchanged. */
    FORWARD,
    /** Remove {@code If-None-Match}, as a server that ignores it would. */
    STRIP_IF_NONE_MATCH,
    /** Let the server apply it, then close the client's connection without any reply. */
    DROP_REPLY,
    /** Answer 409 ConditionalRequestConflict without forwarding. */
    CONFLICT_409,
    /** Answer 503 SlowDown without forwarding. */
    UNAVAILABLE_503,
    /** Let the server apply it, then keep the client waiting for a reply that never comes. */
    HANG
  }

  /** The request line and headers of one request, as the rule sees them. */
  record Request(String method, String path, List<String> headers) {
    boolean conditionalPut() {
      return method.equals("PUT") && headers.stream()
          .anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("if-none-match:"));
    }
  }

  private final ServerSocket server;
  private final int upstreamPort;
  private final Function<Request, Action> rule;
  private final AtomicInteger requests = new AtomicInteger();
  private final Thread acceptor;

  FaultyHttpProxy(int upstreamPort, Function<Request, Action> rule) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.upstreamPort = upstreamPort;
    this.rule = rule;
    this.acceptor = new Thread(this::acceptLoop, "faulty-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** Requests seen so far. */
  int requests() {
    return requests.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread t = new Thread(() -> serve(client), "faulty-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client; Socket up = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
      InputStream in = client.getInputStream();
      String head = readHead(in);
      if (head == null) {
        return;
      }
      requests.incrementAndGet();
      String[] lines = head.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      List<String> headers = new ArrayList<>();
      long length = 0;
      for (int i = 1; i < lines.length; i++) {
        String lower = lines[i].toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(lines[i].substring(lines[i].indexOf(':') + 1).trim());
        }
        if (!lower.startsWith("connection:")) {
          headers.add(lines[i]);
        }
      }
      Request request = new Request(requestLine[0], requestLine[1], headers);
      Action action = rule.apply(request);
      byte[] body = in.readNBytes((int) length);
      if (action == Action.CONFLICT_409 || action == Action.UNAVAILABLE_503) {
        boolean conflict = action == Action.CONFLICT_409;
        reply(client.getOutputStream(), conflict ? "409 Conflict" : "503 Service Unavailable",
            conflict ? "ConditionalRequestConflict" : "SlowDown");
        return;
      }
      StringBuilder out = new StringBuilder(lines[0]).append("\r\n");
      for (String h : headers) {
        if (action == Action.STRIP_IF_NONE_MATCH && h.toLowerCase(Locale.ROOT).startsWith("if-none-match:")) {
          continue;
        }
        out.append(h).append("\r\n");
      }
      out.append("Connection: close\r\n\r\n");
      OutputStream upOut = up.getOutputStream();
      upOut.write(out.toString().getBytes(StandardCharsets.ISO_8859_1));
      upOut.write(body);
      upOut.flush();
      byte[] response = up.getInputStream().readAllBytes();
      if (action == Action.HANG) {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      if (action == Action.DROP_REPLY) {
        client.setSoLinger(true, 0); // a reset, as a dying load balancer would send
        return;
      }
      client.getOutputStream().write(response);
      client.getOutputStream().flush();
    } catch (IOException e) {
      // the client or server went away; nothing to do in a test proxy
    }
  }

  private static void reply(OutputStream out, String status, String code) throws IOException {
    byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code>"
        + "<Message>injected by the test proxy</Message></Error>").getBytes(StandardCharsets.UTF_8);
    out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/xml\r\nContent-Length: "
        + xml.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(xml);
    out.flush();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int c = in.read();
      if (c < 0) {
        return null;
      }
      b.write(c);
      state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
          ? state + 1 : (c == '\r' ? 1 : 0);
    }
    String s = b.toString(StandardCharsets.ISO_8859_1);
    return s.substring(0, s.length() - 4);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
