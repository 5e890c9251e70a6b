package com.furnishcare.intake.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class StoppingAcceptRaceFilterTest {

  private final LoggerContext context = new LoggerContext();
  private final StoppingAcceptRaceFilter filter = new StoppingAcceptRaceFilter();

  @Test
  void dropsOnlyNettysWarningAboutAConnectionAcceptedWhileVertxStops() {
    assertEquals(FilterReply.DENY, filter.decide(event("io.netty.bootstrap.ServerBootstrap",
        "Failed to register an accepted channel: [id: 0x490fa378]", fromVertxEventLoopGroup())));
    // Any other cause, message or logger is still written.
    assertEquals(FilterReply.NEUTRAL, filter.decide(event("io.netty.bootstrap.ServerBootstrap",
        "Failed to register an accepted channel: [id: 0x1]", new IllegalStateException("elsewhere"))));
    assertEquals(FilterReply.NEUTRAL, filter.decide(event("io.netty.bootstrap.ServerBootstrap",
        "Failed to register an accepted channel: [id: 0x1]", null)));
    assertEquals(FilterReply.NEUTRAL, filter.decide(event("io.netty.bootstrap.ServerBootstrap",
        "something else", fromVertxEventLoopGroup())));
    assertEquals(FilterReply.NEUTRAL, filter.decide(event("com.furnishcare.intake.Gateway",
        "Failed to register an accepted channel", fromVertxEventLoopGroup())));
  }

  private static IllegalStateException fromVertxEventLoopGroup() {
    IllegalStateException e = new IllegalStateException();
    e.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("io.vertx.core.net.impl.VertxEventLoopGroup", "next", "VertxEventLoopGroup.java", 37),
        new StackTraceElement("io.netty.bootstrap.ServerBootstrap$ServerBootstrapAcceptor", "channelRead",
            "ServerBootstrap.java", 249)});
    return e;
  }

  private LoggingEvent event(String logger, String message, Throwable thrown) {
    return new LoggingEvent(getClass().getName(), context.getLogger(logger), Level.WARN, message, thrown, null);
  }
}
