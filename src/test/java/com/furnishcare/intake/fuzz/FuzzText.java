package com.furnishcare.intake.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * Homeowner-like text from fuzzer input: pieces of what the gateway reads (menu words, categories, order
 * numbers, phone numbers, dates, scores, survey words, opt-outs) mixed with what breaks naive code (CJK
 * in both scripts, full-width digits, emoji and lone surrogates, control and bidi characters, zero-width
 * marks, XML/JSON metacharacters, very long runs) and with the fuzzer's own raw strings. The pieces act
 * as a dictionary: the fuzzer reaches the intake's deeper states without guessing Chinese words byte by byte.
 */
final class FuzzText {

  static final String[] PIECES = {
      // menu, intents and flows
      "投诉", "我要投诉", "人工", "转人工", "人工客服", "进度", "查进度", "查询进度", "取消", "算了", "重新开始", "帮助", "菜单",
      "修改", "改一下", "不对", "是", "否", "对", "好的", "确认", "没问题", "1", "2", "3", "4", "5", "6", "9", "0", "10",
      "问题解决了吗", "解决了", "没解决", "还没修好", "继续", "返回",
      // complaint facts
      "柜门掉了", "衣柜门关不上", "橱柜漏水", "暖气片漏水", "色差", "尺寸不对", "少了两个拉手", "安装师傅态度很差", "设计有问题",
      "甲醛超标", "漏电", "没人回复", "维修不及时", "货不对板", "装不进去",
      "订单号", "订单号是DD20261124001", "DD20261124001", "dd2026112400", "SO123456789012", "我叫王芳", "王先生", "李师傅",
      "13800138000", "+8613800138000", "138 0013 8000", "1380013800", "杭州市西湖区文三路100号", "地址是",
      "昨天", "前天", "上周五", "11月20日", "2026-11-20", "3天前", "明天", "去年", "13月45日", "0月0日", "99999天前",
      "换新", "退款", "赔偿", "维修", "上门", "拍照", "照片",
      // questions for the knowledge base
      "保修多久", "怎么清洁", "铰链松了怎么办", "发票", "什么时候安装", "？", "?", "吗",
      // survey words
      "非常满意", "满意", "还行", "一般", "不满意", "很差", "五星", "5分", "５分", "十分", "肯定会", "不会推荐", "退订", "TD", "ＴＤ",
      "拒收", "滿意", "非常滿意", "第二个", "两个", "零", "负一", "-1", "1e9", "2147483648", "99999999999999999999",
      // awkward characters
      "😀", "👍🏻", "🏠", "\uD83D", "\uDE00", "\uDBFF\uDFFF", "\u0000", "\u0007", "\u001B[31m", "\r\n", "\t", "\u2028",
      "\u202E", "\u200B", "\uFEFF", "\uFFFD", "\uFFFF", "　", "ｔｄ", "１２３", "Ⅳ", "½", "ß", "İ", "ﬁ",
      // markup and injection
      "<", ">", "&", "&amp;", "&#0;", "&#x1F600;", "]]>", "<![CDATA[", "\"", "'", "\\", "\\u0000", "{", "}", "[", "]",
      "{{name}}", "${jndi:ldap://x}", "%s", "%n", "' OR 1=1 --", "../../etc/passwd", "null", "NaN", "\u0085",
  };

  private FuzzText() {}

  /** A message of up to {@code maxPieces} pieces, now and then repeated into a very long one. */
  static String text(FuzzedDataProvider data, int maxPieces) {
    StringBuilder text = new StringBuilder();
    int pieces = data.consumeInt(0, maxPieces);
    for (int i = 0; i < pieces && data.remainingBytes() > 0; i++) {
      switch (data.consumeInt(0, 3)) {
        case 0 -> text.append(data.consumeString(24));
        case 1 -> text.append(data.consumeAsciiString(12));
        default -> text.append(data.pickValue(PIECES));
      }
    }
    if (data.consumeInt(0, 15) == 0) {
      String unit = text.length() == 0 ? "好" : text.toString();
      text.append(unit.repeat(Math.min(data.consumeInt(1, 3000), 20_000 / unit.length() + 1)));
    }
    return text.toString();
  }
}
