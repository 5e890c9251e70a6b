package com.furnishcare.intake.support;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every formatted log line of the test JVM so tests can check what was logged. */
public final class CapturingAppender extends AppenderBase<ILoggingEvent> {

  public record Line(String logger, String level, String text) {}

  private static final List<Line> LINES = new CopyOnWriteArrayList<>();
  private Encoder<ILoggingEvent> encoder;

  public void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  @Override
  protected void append(ILoggingEvent event) {
    String text = encoder == null ? event.getFormattedMessage()
        : new String(encoder.encode(event), StandardCharsets.UTF_8);
    LINES.add(new Line(event.getLoggerName(), event.getLevel().toString(), text));
  }

  public static List<Line> lines() {
    return new ArrayList<>(LINES);
  }

  public static int size() {
    return LINES.size();
  }

  public static List<Line> since(int index) {
    List<Line> all = lines();
    return all.subList(Math.min(index, all.size()), all.size());
  }
}
