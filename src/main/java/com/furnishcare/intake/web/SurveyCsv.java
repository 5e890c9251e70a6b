package com.furnishcare.intake.web;

import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Survey responses as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads the Chinese as
 * mojibake), CRLF line ends, RFC 4180 quoting, times in China time. One row per response, one column per
 * question (the score, or the chosen option / text). A cell that a spreadsheet would run as a formula
 * ({@code =}, {@code +}, {@code -}, {@code @}) is prefixed with {@code '}.
 */
final class SurveyCsv {

  static final String BOM = "\uFEFF";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneId.of("Asia/Shanghai"));
  private static final List<String> FIXED = List.of("eventId", "survey", "orderNo", "dealer", "installer", "serviceAt",
      "channel", "startedAt", "completedAt");

  private SurveyCsv() {}

  static String write(List<SurveyResponse> responses) {
    Set<String> questions = new LinkedHashSet<>();
    responses.forEach(r -> r.answers().forEach(a -> questions.add(a.questionId())));
    StringBuilder out = new StringBuilder(BOM);
    row(out, FIXED.stream().toList(), questions);
    for (SurveyResponse r : responses) {
      List<String> cells = new java.util.ArrayList<>(List.of(r.job().eventId(), r.job().survey(), r.job().orderNo(),
          r.job().dealer().orElse(""), r.job().installer().orElse(""), time(r.job().serviceAt()), r.channel(),
          time(r.startedAt()), r.completedAt().map(SurveyCsv::time).orElse("")));
      for (String q : questions) {
        cells.add(r.answers().stream().filter(a -> a.questionId().equals(q)).findFirst().map(SurveyCsv::cell).orElse(""));
      }
      row(out, cells, Set.of());
    }
    return out.toString();
  }

  private static void row(StringBuilder out, List<String> cells, Set<String> more) {
    boolean first = true;
    for (String cell : cells) {
      out.append(first ? "" : ",").append(quote(cell));
      first = false;
    }
    for (String cell : more) {
      out.append(',').append(quote(cell));
    }
    out.append("\r\n");
  }

  private static String cell(SurveyAnswer a) {
    return a.score().map(String::valueOf).orElse(a.value());
  }

  static String quote(String raw) {
    String value = !raw.isEmpty() && "=+-@\t\r".indexOf(raw.charAt(0)) >= 0 ? "'" + raw : raw;
    if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  private static String time(Instant at) {
    return TIME.format(at);
  }

}
