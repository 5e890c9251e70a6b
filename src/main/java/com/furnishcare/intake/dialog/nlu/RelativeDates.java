package com.furnishcare.intake.dialog.nlu;

import java.time.DayOfWeek;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** "昨天", "上周三", "3天前", "11月2日", "2026-11-02": the day something happened, relative to today. */
final class RelativeDates {

  private static final Pattern DAYS_AGO = Pattern.compile("([0-9]+|[一二两三四五六七八九十]+)天(?:前|之前|以前)");
  private static final Pattern WEEKDAY = Pattern.compile("(上上|上|这|本)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天])");
  private static final Pattern FULL = Pattern.compile("(20\\d{2})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?");
  private static final Pattern MONTH_DAY = Pattern.compile("(\\d{1,2})月(\\d{1,2})[日号]");
  private static final Pattern DAY_ONLY = Pattern.compile("(?<![\\d月])(\\d{1,2})号(?![楼栋院线门])");

  /** A hundred years: "N天前" further back than this is not read as a date. */
  static final long MAX_DAYS_AGO = 36_500;

  private RelativeDates() {}

  static Optional<LocalDate> find(String text, LocalDate today) {
    try {
      // Each pattern runs only where its fixed character is (these run on every message).
      Matcher full = FULL.matcher(text);
      if (text.indexOf("20") >= 0 && full.find()) {
        return Optional.of(LocalDate.of(Integer.parseInt(full.group(1)), Integer.parseInt(full.group(2)),
            Integer.parseInt(full.group(3))));
      }
      Matcher md = MONTH_DAY.matcher(text);
      if (text.indexOf('月') >= 0 && md.find()) {
        LocalDate date = LocalDate.of(today.getYear(), Integer.parseInt(md.group(1)), Integer.parseInt(md.group(2)));
        return Optional.of(date.isAfter(today) ? date.minusYears(1) : date);
      }
    } catch (DateTimeException e) {
      return Optional.empty();
    }
    if (text.contains("大前天")) {
      return Optional.of(today.minusDays(3));
    }
    if (text.contains("前天")) {
      return Optional.of(today.minusDays(2));
    }
    if (text.contains("昨天") || text.contains("昨日") || text.contains("昨晚")) {
      return Optional.of(today.minusDays(1));
    }
    if (text.contains("今天") || text.contains("今早") || text.contains("今晚") || text.contains("刚才")) {
      return Optional.of(today);
    }
    Matcher ago = DAYS_AGO.matcher(text);
    if (text.indexOf('天') >= 0 && ago.find()) {
      long days = number(ago.group(1));
      // "86138001356276天前" names no day a complaint could be about (and no LocalDate): not a date, like "13月45日".
      return days <= MAX_DAYS_AGO ? Optional.of(today.minusDays(days)) : Optional.empty();
    }
    Matcher wd = WEEKDAY.matcher(text);
    if ((text.indexOf('周') >= 0 || text.indexOf("星期") >= 0 || text.indexOf("礼拜") >= 0) && wd.find()) {
      String c = wd.group(2);
      DayOfWeek day = DayOfWeek.of("天".equals(c) ? 7 : "一二三四五六日".indexOf(c) + 1);
      LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      String which = wd.group(1) == null ? "" : wd.group(1);
      int weeksBack = switch (which) {
        case "上" -> 1;
        case "上上" -> 2;
        default -> 0;
      };
      LocalDate date = monday.minusWeeks(weeksBack).plusDays(day.getValue() - 1L);
      return Optional.of(date.isAfter(today) ? date.minusWeeks(1) : date);
    }
    if (text.contains("上个月") || text.contains("上月")) {
      return Optional.of(today.minusMonths(1));
    }
    Matcher dayOnly = DAY_ONLY.matcher(text);
    if (text.indexOf('号') >= 0 && dayOnly.find()) {
      int day = Integer.parseInt(dayOnly.group(1));
      if (day >= 1 && day <= 31) {
        LocalDate date = today.withDayOfMonth(Math.min(day, today.lengthOfMonth()));
        return Optional.of(date.isAfter(today) ? date.minusMonths(1) : date);
      }
    }
    return Optional.empty();
  }

  private static long number(String digitsOrChinese) {
    if (digitsOrChinese.chars().allMatch(Character::isDigit)) {
      // More digits than a long holds is more days than MAX_DAYS_AGO anyway.
      return digitsOrChinese.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digitsOrChinese);
    }
    String units = "零一二三四五六七八九";
    String s = digitsOrChinese.replace('两', '二');
    if (s.equals("十")) {
      return 10;
    }
    if (s.startsWith("十")) {
      return 10 + units.indexOf(s.charAt(1));
    }
    if (s.length() == 2 && s.charAt(1) == '十') {
      return units.indexOf(s.charAt(0)) * 10L;
    }
    if (s.length() == 3 && s.charAt(1) == '十') {
      return units.indexOf(s.charAt(0)) * 10L + units.indexOf(s.charAt(2));
    }
    return Math.max(0, units.indexOf(s.charAt(0)));
  }
}
