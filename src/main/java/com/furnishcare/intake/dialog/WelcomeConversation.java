package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.Session;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The conversation until the flow engine exists: a welcome with the main menu, and an honest
 * acknowledgement of everything received, counted in the session so the count survives restarts.
 */
public final class WelcomeConversation implements Conversation {

  static final String MESSAGE_COUNT = "messageCount";
  static final String SUBSCRIBED = "subscribed";
  public static final String ATTACHMENTS = "attachments";

  static final String MENU = "请回复数字或文字选择：\n1. 投诉\n2. 查询进度\n3. 常见问题\n4. 人工客服";
  static final String WELCOME = "您好，欢迎关注售后服务！安装、质量、配送等问题都可以在这里反映，我们会全程跟进。\n" + MENU;

  @Override
  public Turn respond(Session session, InboundMessage message, Instant now) {
    long count = session.getLong(MESSAGE_COUNT) + 1;
    Session counted = session.with(MESSAGE_COUNT, Long.toString(count), now);
    return switch (message.kind()) {
      case SUBSCRIBE -> new Turn(counted.with(SUBSCRIBED, "true", now), List.of(WELCOME));
      case UNSUBSCRIBE -> new Turn(counted.with(SUBSCRIBED, "false", now), List.of());
      case SCAN -> new Turn(counted, List.of(WELCOME));
      case MENU_CLICK -> new Turn(counted, List.of(clickReply(message.text())));
      case TEXT, VOICE -> new Turn(counted, List.of(answerText(message, count)));
      case IMAGE -> new Turn(withAttachment(counted, message, now), List.of("已收到您的图片（第" + count + "条消息），我们会附在您的记录中。\n" + MENU));
      case LOCATION -> new Turn(counted, List.of("已收到您的位置：" + orDefault(message.text(), "（未附地址说明）")
          + "（第" + count + "条消息）。\n" + MENU));
      case LINK -> new Turn(counted, List.of("已收到您分享的链接：" + orDefault(message.text(), "（无标题）")
          + "（第" + count + "条消息）。\n" + MENU));
      case OTHER -> new Turn(counted, List.of("抱歉，暂时无法识别这类消息。请用文字描述您的问题，或回复“人工”联系客服。"));
      case OTHER_EVENT -> new Turn(counted, List.of());
    };
  }

  /** Photos are evidence for a later complaint: keep WeChat's MediaId and PicUrl, one per line. */
  private static Session withAttachment(Session session, InboundMessage message, Instant now) {
    String entry = message.attribute("mediaId") + " " + message.attribute("picUrl");
    String existing = session.get(ATTACHMENTS, "");
    return session.with(ATTACHMENTS, existing.isEmpty() ? entry : existing + "\n" + entry, now);
  }

  private String answerText(InboundMessage message, long count) {
    String text = message.text().strip();
    if (text.isEmpty()) {
      return "没有听清您的语音，请再说一次，或直接发送文字。";
    }
    String choice = menuChoice(text);
    if (!choice.equals(UNKNOWN_CHOICE)) {
      return choice;
    }
    return "已收到您的第" + count + "条消息：“" + shorten(text) + "”。\n" + MENU;
  }

  private static final String UNKNOWN_CHOICE = "";

  private String clickReply(String menuKey) {
    String choice = menuChoice(menuKey);
    return choice.equals(UNKNOWN_CHOICE) ? "该菜单功能暂未开放。\n" + MENU : choice;
  }

  /** Menu keys (from the official account's menu) and the words a user types for the same choice. */
  private String menuChoice(String input) {
    String key = input.strip().toUpperCase(Locale.ROOT);
    return switch (key) {
      case "1", "投诉", "投訴", "COMPLAINT" ->
          "好的，请描述您遇到的问题，最好附上订单号和联系电话，我们会尽快登记处理。";
      case "2", "查询进度", "查詢進度", "进度", "進度", "PROGRESS" ->
          "请提供订单号或登记时的手机号，我们为您查询处理进度。";
      case "3", "常见问题", "常見問題", "FAQ" ->
          "请直接输入您的问题，例如“柜子缝隙多大算正常”。";
      case "4", "人工", "人工客服", "转人工", "轉人工", "HUMAN" ->
          "正在为您转接人工客服（服务时间 9:00-21:00），请稍候。";
      default -> UNKNOWN_CHOICE;
    };
  }

  private static String shorten(String text) {
    return text.codePointCount(0, text.length()) <= 60
        ? text
        : text.substring(0, text.offsetByCodePoints(0, 60)) + "…";
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
