package com.furnishcare.intake.dialog.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Only a clear yes is a yes: a question asked back ("嗯？", "确认什么?") is neither yes nor no. */
class YesNoTest {


  private static Understanding read(String text) {
    return ShippedNlu.read(text, Optional.empty());
  }


  /** Each message whose answer is not {@code want}, with what was read. */
  private static List<String> wrong(List<String> messages, Optional<Boolean> want) {
    List<String> wrong = new ArrayList<>();
    for (String m : messages) {
      if (!read(m).yesNo().equals(want)) {
        wrong.add(m + " -> " + read(m).yesNo());
      }
    }
    return wrong;
  }

  static final List<String> QUESTIONS = List.of("嗯？", "嗯?", "嗯？这是什么", "这是什么", "啊？", "什么意思", "是什么？",
      "确认什么?", "确认什么？", "是吗", "是吗？", "好吗", "可以吗", "对吗?", "是不是要我确认", "对不对", "确认啥",
      "为什么要确认", "怎么确认", "这是哪个订单", "确认了会怎样", "嗯，这是干嘛的", "好的？", "ok?", "确认？",
      "嗯？這是什麼", "確認什麼？", "是嗎", "嗯❓", "好的﹖");

  @Test
  void aQuestionIsNeitherYesNorNo() {
    assertEquals(List.of(), wrong(QUESTIONS, Optional.empty()));
    for (String q : QUESTIONS) {
      assertTrue(read(q).asks(), q);
    }
  }

  @Test
  void clearYesesStayYes() {
    assertEquals(List.of(), wrong(List.of("是", "是的", "对", "确认", "没问题", "好的", "可以", "嗯", "嗯嗯", "对的",
        "確認", "是的，提交吧", "确认。", "好的呢", "对对对", "确认无误", "没错", "行", "继续", "已解决", "解决了", "OK",
        "是的！", "确认提交", "對的"), Optional.of(true)));
  }

  @Test
  void noesAndNegatedYesesAreNo() {
    assertEquals(List.of(), wrong(List.of("不是", "不对", "否", "不", "不是的", "不确认", "别提交", "没解决",
        "没解决，门板还是有色差", "不行", "不對", "不继续", "不确认提交", "不可以"), Optional.of(false)));
  }

  @Test
  void aYesThatAlsoSaysNoIsNotAYes() {
    assertEquals(List.of(), wrong(List.of("好的，不过地址不对", "是的，但是电话不是这个"), Optional.empty()));
  }

  @Test
  void traditionalQuestionsReadLikeSimplified() {
    for (String[] pair : new String[][] {{"嗯？這是什麼", "嗯？这是什么"}, {"確認什麼？", "确认什么？"}, {"確認", "确认"}}) {
      assertEquals(read(pair[1]).yesNo(), read(pair[0]).yesNo(), pair[0]);
      assertEquals(read(pair[1]).asks(), read(pair[0]).asks(), pair[0]);
    }
  }
}
