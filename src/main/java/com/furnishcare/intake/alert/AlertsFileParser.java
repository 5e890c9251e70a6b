package com.furnishcare.intake.alert;

import com.furnishcare.intake.dialog.load.DialogDataException;
import com.furnishcare.intake.dialog.load.YamlNode;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the alerts file ({@code config/alerts.yaml}). Every mistake is reported as {@code file:line: what is
 * wrong}, like the accounts and dialog files, so a bad edit is refused at start (exit 2) or kept out by the
 * reload (the previous version stays).
 *
 * <pre>
 * robots:
 *   headquarters: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…
 *   regions:  {华东: https://…}
 *   dealers:  {D0571: https://…}        # dealer ids of config/dealers.csv
 * slaWarning: 30m                       # warn this long before a deadline
 * digestAt: "08:30"                     # China time
 * kinds: [level3, sla-first, sla-resolution, survey-low, dead, digest]
 * messages: {level3: "…{ticketId}…", …}  # the wording, with {placeholders}
 * </pre>
 */
public final class AlertsFileParser {

  private static final Set<String> TOP = Set.of("robots", "slaWarning", "digestAt", "kinds", "messages");
  private static final Set<String> ROBOTS = Set.of("headquarters", "regions", "dealers");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
  private static final Set<String> TICKET_FIELDS = Set.of("kind", "ticketId", "level", "category", "dealer", "region",
      "customer", "deadline", "status", "link");
  private static final Map<AlertKind, Set<String>> FIELDS = Map.of(
      AlertKind.LEVEL3, TICKET_FIELDS,
      AlertKind.SLA_FIRST, TICKET_FIELDS,
      AlertKind.SLA_RESOLUTION, TICKET_FIELDS,
      AlertKind.SURVEY_LOW, TICKET_FIELDS,
      AlertKind.DEAD_LETTER, Set.of("kind", "ticketId", "attempts", "error", "dealer", "link"),
      AlertKind.DIGEST, Set.of("kind", "day", "total", "byLevel", "attainment", "worstDealers"));

  private AlertsFileParser() {}

  /**
   * @param dealerIds the dealer ids of the dealers file; a dealer robot must name one of them
   * @param regions the regions the dealers file routes to; a region robot must name one of them
   */
  public static AlertBook parse(String file, String text, Set<String> dealerIds, Set<String> regions)
      throws DialogDataException {
    if (text.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#"))) {
      return AlertBook.none(); // only comments: no alerts yet
    }
    YamlNode root = YamlNode.parse(file, text);
    Map<String, YamlNode> top = root.mapping();
    for (Map.Entry<String, YamlNode> e : top.entrySet()) {
      if (!TOP.contains(e.getKey())) {
        throw e.getValue().error("unknown key '" + e.getKey() + "' (the file has " + String.join(", ",
            new TreeSet<>(TOP)) + ")");
      }
    }
    Map<String, String> robots = top.containsKey("robots") ? robots(top.get("robots"), dealerIds, regions) : Map.of();
    Duration lead = top.containsKey("slaWarning") ? lead(top.get("slaWarning")) : Duration.ofMinutes(30);
    LocalTime digestAt = top.containsKey("digestAt") ? time(top.get("digestAt")) : LocalTime.of(8, 30);
    Set<AlertKind> kinds = top.containsKey("kinds") ? kinds(top.get("kinds")) : EnumSet.allOf(AlertKind.class);
    Map<AlertKind, String> messages = top.containsKey("messages") ? messages(top.get("messages")) : Map.of();
    if (!robots.isEmpty()) {
      for (AlertKind kind : kinds) {
        if (!messages.containsKey(kind)) {
          YamlNode where = top.getOrDefault("messages", root);
          throw where.error("kind '" + kind.wireName() + "' is on but messages has no '" + kind.wireName()
              + "' (the wording of its robot message)");
        }
      }
    }
    return new AlertBook(robots, lead, digestAt, kinds, messages);
  }

  private static Map<String, String> robots(YamlNode node, Set<String> dealerIds, Set<String> regions)
      throws DialogDataException {
    Map<String, YamlNode> map = node.mapping();
    Map<String, String> keys = new HashMap<>();
    for (Map.Entry<String, YamlNode> e : map.entrySet()) {
      if (!ROBOTS.contains(e.getKey())) {
        throw e.getValue().error("unknown key '" + e.getKey() + "' under robots (headquarters, regions, dealers)");
      }
    }
    if (map.containsKey("headquarters")) {
      keys.put(AlertBook.HEADQUARTERS, key(map.get("headquarters")));
    }
    if (map.containsKey("regions")) {
      for (Map.Entry<String, YamlNode> e : map.get("regions").mapping().entrySet()) {
        if (!regions.contains(e.getKey())) {
          throw e.getValue().error("region '" + e.getKey() + "' is not in the dealers file (known: "
              + known(regions) + ")");
        }
        keys.put(AlertBook.region(e.getKey()), key(e.getValue()));
      }
    }
    if (map.containsKey("dealers")) {
      for (Map.Entry<String, YamlNode> e : map.get("dealers").mapping().entrySet()) {
        if (!dealerIds.contains(e.getKey())) {
          throw e.getValue().error("dealer '" + e.getKey() + "' is not in the dealers file (known: "
              + known(dealerIds) + ")");
        }
        keys.put(AlertBook.dealer(e.getKey()), key(e.getValue()));
      }
    }
    return keys;
  }

  private static String known(Set<String> values) {
    return values.isEmpty() ? "none" : String.join(", ", new TreeSet<>(values));
  }

  /** The message never repeats the URL: it holds the key, and the file's line is enough to find it. */
  private static String key(YamlNode node) throws DialogDataException {
    return RobotKeys.fromWebhookUrl(node.text()).orElseThrow(() -> node.error(
        "not a WeCom robot webhook URL (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…, as the group's"
            + " robot settings show it)"));
  }

  private static Duration lead(YamlNode node) throws DialogDataException {
    Matcher m = Pattern.compile("(\\d{1,5})\\s*(m|h)").matcher(node.text().strip());
    if (!m.matches()) {
      throw node.error("slaWarning must be minutes or hours such as 30m or 2h, got '" + node.text() + "'");
    }
    Duration d = m.group(2).equals("m") ? Duration.ofMinutes(Long.parseLong(m.group(1)))
        : Duration.ofHours(Long.parseLong(m.group(1)));
    if (d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(Duration.ofHours(24)) > 0) {
      throw node.error("slaWarning must be between 1m and 24h, got '" + node.text() + "'");
    }
    return d;
  }

  private static LocalTime time(YamlNode node) throws DialogDataException {
    String raw = node.text().strip();
    try {
      if (raw.matches("\\d{2}:\\d{2}")) {
        return LocalTime.parse(raw);
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw node.error("digestAt must be a China time HH:mm such as \"08:30\" (quoted), got '" + raw + "'");
  }

  private static Set<AlertKind> kinds(YamlNode node) throws DialogDataException {
    Set<AlertKind> kinds = EnumSet.noneOf(AlertKind.class);
    for (YamlNode item : node.list()) {
      Optional<AlertKind> kind = AlertKind.fromWire(item.text().strip());
      kinds.add(kind.orElseThrow(() -> item.error("unknown alert kind '" + safeText(item) + "' (known: "
          + String.join(", ", List.of("level3", "sla-first", "sla-resolution", "survey-low", "dead", "digest")) + ")")));
    }
    return kinds;
  }

  private static String safeText(YamlNode node) {
    try {
      return node.text();
    } catch (DialogDataException e) {
      return "?";
    }
  }

  private static Map<AlertKind, String> messages(YamlNode node) throws DialogDataException {
    Map<AlertKind, String> messages = new EnumMap<>(AlertKind.class);
    for (Map.Entry<String, YamlNode> e : node.mapping().entrySet()) {
      AlertKind kind = AlertKind.fromWire(e.getKey()).orElseThrow(() -> e.getValue().error(
          "messages has an unknown kind '" + e.getKey() + "'"));
      String template = e.getValue().text();
      if (template.isBlank()) {
        throw e.getValue().error("the message of '" + e.getKey() + "' is empty");
      }
      Matcher m = PLACEHOLDER.matcher(template);
      while (m.find()) {
        if (!FIELDS.get(kind).contains(m.group(1))) {
          throw e.getValue().error("the message of '" + e.getKey() + "' uses {" + m.group(1) + "}, which it does not"
              + " have (it has " + String.join(", ", new TreeSet<>(FIELDS.get(kind))) + ")");
        }
      }
      messages.put(kind, template);
    }
    return messages;
  }
}
