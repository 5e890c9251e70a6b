package com.furnishcare.intake.store;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.DeliveryEvent;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Session;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON both stores write, so an embedded data set and a Redis data set hold the same shapes. */
public final class StoredForms {

  private StoredForms() {}

  public static String session(Session session) {
    return new JsonObject()
        .put("values", new JsonObject(new HashMap<>(session.values())))
        .put("updatedAt", session.updatedAt().toEpochMilli())
        .encode();
  }

  public static Session session(String json) {
    JsonObject object = new JsonObject(json);
    Map<String, String> values = new HashMap<>();
    object.getJsonObject("values", new JsonObject()).forEach(e -> values.put(e.getKey(), String.valueOf(e.getValue())));
    return new Session(values, Instant.ofEpochMilli(object.getLong("updatedAt", 0L)));
  }

  public static String reply(RecordedReply reply) {
    JsonObject object = new JsonObject().put("pushed", new JsonArray(List.copyOf(reply.pushed())));
    reply.passive().ifPresent(text -> object.put("passive", text));
    return object.encode();
  }

  public static RecordedReply reply(String json) {
    JsonObject object = new JsonObject(json);
    List<String> pushed = object.getJsonArray("pushed", new JsonArray()).stream().map(String::valueOf).toList();
    return new RecordedReply(Optional.ofNullable(object.getString("passive")), pushed);
  }

  public static String delivery(DeliveryEvent event) {
    return new JsonObject()
        .put("kind", event.kind())
        .put("channel", event.channel().name())
        .put("userId", event.userId())
        .put("reference", event.reference())
        .put("detail", event.detail())
        .put("at", event.at().toEpochMilli())
        .encode();
  }

  public static DeliveryEvent delivery(String json) {
    JsonObject o = new JsonObject(json);
    return new DeliveryEvent(o.getString("kind"), ChannelName.valueOf(o.getString("channel")),
        o.getString("userId"), o.getString("reference"), o.getString("detail"),
        Instant.ofEpochMilli(o.getLong("at")));
  }
}
