package com.furnishcare.intake.ticket;

import com.furnishcare.intake.config.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Dealer → RT queue and owner, from {@code config/rt-routing.yaml}; read once at start. */
public record RtRouting(Target fallback, Map<String, Target> dealers) {

  /** Where a ticket goes in RT. */
  public record Target(String queue, Optional<String> owner) {}

  public Target forDealer(String dealer) {
    return dealers.getOrDefault(dealer, fallback);
  }

  public static RtRouting only(String queue) {
    return new RtRouting(new Target(queue, Optional.empty()), Map.of());
  }

  /** Reads the file; {@code defaultQueue} (RT_QUEUE) applies when the file has no default or does not exist. */
  public static RtRouting load(Path file, String defaultQueue) {
    if (!Files.exists(file)) {
      return only(defaultQueue);
    }
    Object parsed;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (IOException | RuntimeException e) {
      throw new ConfigException("RT_ROUTING_FILE " + file + " cannot be read: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> root)) {
      throw new ConfigException("RT_ROUTING_FILE " + file + " must be a mapping with 'default' and 'dealers'");
    }
    Target fallback = root.get("default") == null ? new Target(defaultQueue, Optional.empty())
        : target(file, "default", root.get("default"));
    Map<String, Target> dealers = new HashMap<>();
    if (root.get("dealers") instanceof Map<?, ?> map) {
      map.forEach((dealer, value) -> dealers.put(String.valueOf(dealer), target(file, String.valueOf(dealer), value)));
    }
    return new RtRouting(fallback, dealers);
  }

  private static Target target(Path file, String name, Object value) {
    if (!(value instanceof Map<?, ?> m) || !(m.get("queue") instanceof String queue) || queue.isBlank()) {
      throw new ConfigException("RT_ROUTING_FILE " + file + ": '" + name + "' needs a queue");
    }
    Object owner = m.get("owner");
    return new Target(queue, owner == null ? Optional.empty() : Optional.of(String.valueOf(owner)));
  }
}
