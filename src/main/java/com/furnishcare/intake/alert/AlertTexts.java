package com.furnishcare.intake.alert;

import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.OutboxEntry;
import com.furnishcare.intake.core.PersonalData;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.furnishcare.intake.dialog.nlu.Vocabulary;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills an alert's wording (from the alerts file) with a ticket's facts. What a group sees is what the
 * console shows staff anyway — number, level, category, dealer, deadline, a link — minus the homeowner's
 * phone and address (personal data does not go into chat groups) and with their name masked (王*).
 */
public final class AlertTexts {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

  private final Supplier<DialogBook> dialogs;
  private final Optional<String> publicUrl;
  private final ZoneId zone;

  public AlertTexts(Supplier<DialogBook> dialogs, Optional<String> publicUrl, ZoneId zone) {
    this.dialogs = dialogs;
    this.publicUrl = publicUrl;
    this.zone = zone;
  }

  public String ticket(AlertKind kind, String template, Ticket t) {
    Map<String, String> v = ticketValues(kind, t);
    v.put("deadline", when(kind == AlertKind.SLA_RESOLUTION ? t.resolutionDueAt() : t.firstResponseDueAt()));
    return fill(template, v);
  }

  public String deadLetter(String template, OutboxEntry entry, Optional<Ticket> ticket) {
    Map<String, String> v = ticket.map(t -> ticketValues(AlertKind.DEAD_LETTER, t)).orElseGet(HashMap::new);
    v.put("kind", AlertKind.DEAD_LETTER.wireName());
    v.put("ticketId", entry.ticketId());
    v.put("attempts", Integer.toString(entry.attempts()));
    v.put("error", MarkdownText.plain(RobotKeys.maskIn(entry.lastError())));
    v.putIfAbsent("dealer", "");
    v.putIfAbsent("link", "");
    return fill(template, v);
  }

  /** {@code byLevel} and {@code worstDealers} are lines the template places; the level names are grading's. */
  public String digest(String template, Digest d) {
    Map<String, String> v = new HashMap<>();
    v.put("kind", AlertKind.DIGEST.wireName());
    v.put("day", DAY.format(d.day()));
    v.put("total", Integer.toString(d.total()));
    StringBuilder levels = new StringBuilder();
    d.byLevel().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> levels
        .append(levels.isEmpty() ? "" : " · ").append(levelLabel(e.getKey())).append(' ').append(e.getValue()));
    v.put("byLevel", levels.toString());
    v.put("attainment", d.attainment().isPresent() ? percent(d.attainment().getAsDouble()) + " ("
        + d.firstResponseMet() + "/" + d.firstResponseCounted() + ")" : "–");
    StringBuilder worst = new StringBuilder();
    int rank = 1;
    for (Digest.DealerSla s : d.worstDealers()) {
      worst.append(rank++).append(". ").append(MarkdownText.plain(s.dealerName())).append(" (").append(s.dealer())
          .append(") ").append(percent(s.attainment())).append(" (").append(s.met()).append('/').append(s.counted())
          .append(")\n");
    }
    v.put("worstDealers", worst.isEmpty() ? "–" : worst.toString().stripTrailing());
    return fill(template, v);
  }

  private Map<String, String> ticketValues(AlertKind kind, Ticket t) {
    Map<String, String> v = new HashMap<>();
    v.put("kind", kind.wireName());
    v.put("ticketId", t.id());
    v.put("level", levelLabel(t.level()));
    v.put("category", MarkdownText.plain(categoryLabel(t.category())));
    v.put("dealer", MarkdownText.plain(t.route().dealerName()) + " (" + t.route().dealer() + ")");
    v.put("region", MarkdownText.plain(t.route().region()));
    v.put("customer", maskName(MarkdownText.plain(t.customerName())));
    v.put("status", t.status().label());
    v.put("link", link(t));
    return v;
  }

  /**
   * The console opens a conversation from its address ({@code /agent/#c=<conversation key>}). An SMS
   * conversation's key is the homeowner's phone number, which must not reach a group: its link opens the
   * console's queue, where the ticket number finds it.
   */
  String link(Ticket t) {
    if (t.channel() == com.furnishcare.intake.core.ChannelName.SMS) {
      return publicUrl.orElse("") + "/agent/";
    }
    String key = new ConversationKey(t.channel(), t.userId()).asString();
    return publicUrl.orElse("") + "/agent/#c=" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** First character kept, the rest starred: enough for staff to tell 王女士 from 李先生, no more. */
  static String maskName(String name) {
    if (name == null || name.isBlank()) {
      return "";
    }
    String n = name.strip();
    int first = n.offsetByCodePoints(0, 1);
    return n.substring(0, first) + "*".repeat(Math.max(1, n.codePointCount(first, n.length())));
  }

  private String levelLabel(int level) {
    try {
      return dialogs.get().grading().level(level).label();
    } catch (RuntimeException e) {
      return Integer.toString(level);
    }
  }

  private String categoryLabel(String code) {
    return dialogs.get().vocabulary().categories().stream().filter(c -> c.code().equals(code))
        .map(Vocabulary.Term::label).findFirst().orElse(code == null ? "" : code);
  }

  private String when(Instant at) {
    return at == null ? "" : WHEN.format(at.atZone(zone));
  }

  private static String percent(double fraction) {
    return String.format("%.1f%%", fraction * 100);
  }

  private static String fill(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
    }
    m.appendTail(out);
    // A net under the rules above: no mobile or ID number leaves in a group message, whatever a value held.
    return MarkdownText.fit(PersonalData.mask(out.toString()), WeComRobot.MARKDOWN_BYTES);
  }
}
