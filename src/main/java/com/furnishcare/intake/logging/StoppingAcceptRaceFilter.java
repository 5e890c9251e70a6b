package com.furnishcare.intake.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops one known, harmless warning of a graceful stop under load: a connection the kernel accepted just
 * as the HTTP server stopped listening reaches Netty's acceptor after Vert.x has taken the server's event
 * loops away, so Netty cannot register it, logs a WARN with a stack trace and closes it. The client sees a
 * closed connection without an answer, as if refused, and retries (WeChat does); nothing was read from it.
 * Every stop under load logged it (GracefulShutdownUnderLoadIT), which would page an operator's
 * WARN alert on each deploy. Only that exact event is dropped: Netty's other registration failures stay.
 */
public final class StoppingAcceptRaceFilter extends Filter<ILoggingEvent> {

  @Override
  public FilterReply decide(ILoggingEvent event) {
    if (!"io.netty.bootstrap.ServerBootstrap".equals(event.getLoggerName())
        || !String.valueOf(event.getMessage()).startsWith("Failed to register an accepted channel")) {
      return FilterReply.NEUTRAL;
    }
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown == null || !IllegalStateException.class.getName().equals(thrown.getClassName())) {
      return FilterReply.NEUTRAL;
    }
    StackTraceElementProxy[] frames = thrown.getStackTraceElementProxyArray();
    // Thrown by VertxEventLoopGroup.next() when the server has no event loop left: it is stopping.
    return frames.length > 0 && frames[0].getStackTraceElement().getClassName()
        .equals("io.vertx.core.net.impl.VertxEventLoopGroup") ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
