package com.furnishcare.intake.core;

import io.vertx.core.Future;
import java.util.List;

/** An append-only record of delivery outcomes, newest first when read. */
public interface DeliveryLog {

  Future<Void> record(DeliveryEvent event);

  Future<List<DeliveryEvent>> recent(int limit);
}
