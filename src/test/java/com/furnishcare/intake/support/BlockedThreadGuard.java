package com.furnishcare.intake.support;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test during which Vert.x warned that an event-loop or worker thread was blocked.
 * Registered for every test through JUnit's extension auto-detection.
 */
public final class BlockedThreadGuard implements BeforeEachCallback, AfterEachCallback {

  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(BlockedThreadGuard.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NS).put("start", CapturingAppender.size());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Integer start = context.getStore(NS).get("start", Integer.class);
    List<CapturingAppender.Line> blocked = CapturingAppender.since(start == null ? 0 : start).stream()
        .filter(l -> l.logger().contains("BlockedThreadChecker") || l.text().contains("has been blocked for"))
        .toList();
    if (!blocked.isEmpty()) {
      throw new AssertionError("Vert.x reported a blocked thread: " + blocked.get(0).text());
    }
  }
}
