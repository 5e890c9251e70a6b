package com.furnishcare.intake.alert;

import io.vertx.core.Future;
import java.time.LocalDate;

/**
 * Where the daily digest's numbers come from. Narrow on purpose: the report aggregates being built
 * elsewhere ({@code com.furnishcare.intake.report}) will answer it with real first-response times; until
 * then {@link TicketDigestFigures} reads what the ticket store offers.
 */
public interface DigestFigures {

  /** The figures of one China calendar day. */
  Future<Digest> forDay(LocalDate day);
}
