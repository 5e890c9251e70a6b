package com.furnishcare.intake.core;

import io.vertx.core.Future;
import java.util.List;

/**
 * Sends a templated SMS (the only kind a provider in mainland China sends: the body is a template
 * approved in advance, the variables are short). A failure the provider says will not go away
 * (unapproved template, daily limit for the number, bad number) is {@link Rejected}; others may be
 * retried.
 */
public interface SmsSender {

  /** @param mobile an 11-digit mainland mobile number */
  Future<Void> send(String mobile, String templateId, List<String> params);

  final class Rejected extends RuntimeException {
    private final String code;

    public Rejected(String code, String message) {
      super(message);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }
}
