package com.furnishcare.intake.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A complete complaint intake in two messages, and reading the ticket number from the last reply. */
public final class Intake {

  public static final String[] MESSAGES = {
      "衣柜门板色差很明显，订单号DD2026110301，电话13800138000，我叫王芳，地址杭州市西湖区文三路100号5幢2单元301室，要求更换",
      "确认"};

  /** Part of the address the intake gives, to look for where it must not appear. */
  public static final String ADDRESS_FRAGMENT = "文三路100号";

  private static final Pattern TICKET_ID = Pattern.compile("TK\\d{6}-[0-9A-Z]{5}");

  private Intake() {}

  /** The ticket number the confirmation names; fails the test when there is none. */
  public static String ticketId(String confirmation) {
    Matcher id = TICKET_ID.matcher(confirmation);
    if (!id.find()) {
      throw new AssertionError("no ticket number in: " + confirmation);
    }
    return id.group();
  }
}
