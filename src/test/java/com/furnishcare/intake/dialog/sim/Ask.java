package com.furnishcare.intake.dialog.sim;

import java.util.List;

/**
 * What the bot is asking, read from its last reply by loose cues (not the exact prompt texts, so a
 * reworded prompt is still understood). {@link #UNKNOWN} when no cue fits: the persona then answers with
 * its description once, or "嗯", and the simulator counts it.
 */
public enum Ask {
  CATEGORY("category", "哪类", "哪一类", "类别", "问题类型", "什么类型", "分类"),
  DESCRIPTION("description", "描述", "具体情况", "什么问题", "详细说", "说明一下", "哪个产品", "具体说"),
  ORDER("order", "订单号", "订单编号", "单号", "订单"),
  PHONE("phone", "手机", "电话", "联系方式"),
  NAME("name", "称呼", "姓名", "名字", "贵姓"),
  ADDRESS("address", "地址", "住址", "小区"),
  NAME_ADDRESS("nameAddress"),
  PHOTOS("photos", "照片", "图片", "拍照", "拍张"),
  WANTS("wants", "诉求", "希望", "怎么处理", "如何处理", "处理方式", "想要我们"),
  CONFIRM("confirm", "核对", "确认提交", "确认无误", "是否正确", "信息无误", "请确认"),
  ANYTHING_ELSE("anythingElse", "还有其他", "还有别的", "还有什么", "其他需要"),
  /** "确定要取消吗？" when the persona never asked to cancel. */
  CANCEL_CHECK("continue"),
  /** the top-level menu or a list of knowledge-base choices */
  MENU("menu", "回复数字", "回复序号", "请选择", "选择："),
  YES_NO("yesNo", "吗？", "吗?", "是否", "对吗", "好吗", "可以吗"),
  UNKNOWN("unknown");

  /** The kinds a persona has wordings for. */
  static final List<Ask> ANSWERABLE = List.of(CATEGORY, DESCRIPTION, ORDER, PHONE, NAME, ADDRESS, NAME_ADDRESS,
      PHOTOS, WANTS, CONFIRM, ANYTHING_ELSE, CANCEL_CHECK, MENU, YES_NO);

  final String key;
  private final List<String> cues;

  Ask(String key, String... cues) {
    this.key = key;
    this.cues = List.of(cues);
  }

  /** The kind of question in a bot reply; the question is taken to be the cue that comes last. */
  static Ask of(String reply) {
    String text = reply == null ? "" : reply;
    // "已记下：问题类型 色差、订单号 …。" echoes what was heard; it asks nothing, so it is not read for cues.
    if (text.startsWith("已记下") && text.indexOf('\n') > 0) {
      text = text.substring(text.indexOf('\n') + 1);
    }
    if (CONFIRM.lastCue(text) >= 0) {
      return CONFIRM;
    }
    if (text.contains("取消") && (text.contains("吗") || text.contains("？") || text.contains("是否"))
        && !text.contains("已取消")) {
      return CANCEL_CHECK;
    }
    if (ANYTHING_ELSE.lastCue(text) >= 0) {
      return ANYTHING_ELSE;
    }
    if (CATEGORY.lastCue(text) >= 0) {
      return CATEGORY;
    }
    Ask best = UNKNOWN;
    int bestAt = -1;
    for (Ask a : List.of(DESCRIPTION, ORDER, PHONE, NAME, ADDRESS, PHOTOS, WANTS)) {
      int at = a.lastCue(text);
      if (at > bestAt) {
        best = a;
        bestAt = at;
      }
    }
    if (best == NAME || best == ADDRESS) {
      Ask other = best == NAME ? ADDRESS : NAME;
      int sentenceStart = Math.max(Math.max(text.lastIndexOf('。', bestAt), text.lastIndexOf('\n', bestAt)),
          text.lastIndexOf('；', bestAt));
      if (other.lastCue(text) > sentenceStart) {
        return NAME_ADDRESS;
      }
    }
    if (best != UNKNOWN) {
      return best;
    }
    if (text.contains("回复“投诉”") || text.contains("回复\"投诉\"") || text.contains("回复投诉")) {
      return MENU; // "如需登记问题请回复“投诉”": the homeowner who came to complain says so
    }
    if (MENU.lastCue(text) >= 0 || text.matches("(?s).*\\n\\s*1[.、．].*")) {
      return MENU;
    }
    if (YES_NO.lastCue(text) >= 0) {
      return YES_NO;
    }
    return UNKNOWN;
  }

  private int lastCue(String text) {
    int at = -1;
    for (String cue : cues) {
      at = Math.max(at, text.lastIndexOf(cue));
    }
    return at;
  }
}
