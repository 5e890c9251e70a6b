package com.furnishcare.intake.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.core.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplyShaperTest {

  @Test
  void shortRepliesPassUnchanged() {
    assertEquals(List.of("您好", "再见"), new ReplyShaper(2048, false).shape(List.of("您好", "再见")));
  }

  @Test
  void longChineseReplyIsCutUnderTheByteLimitWithoutLosingText() {
    String sentence = "柜体缝隙应不大于3毫米，超过请拍照反馈。";
    String text = sentence.repeat(120); // ~ 7 KB in UTF-8
    List<String> parts = new ReplyShaper(2048, false).shape(List.of(text));
    assertTrue(parts.size() >= 4, "parts: " + parts.size());
    for (String part : parts) {
      assertTrue(ReplyShaper.utf8Length(part) <= 2048, "part too long: " + ReplyShaper.utf8Length(part));
      assertTrue(part.endsWith("。"), "cut should fall at a sentence end: " + part.substring(part.length() - 5));
    }
    assertEquals(text, String.join("", parts));
  }

  @Test
  void repliesThatFitTogetherBecomeOneMessageWhenMerging() {
    ReplyShaper wechat = new ReplyShaper(2048, true);
    assertEquals(List.of("好的，电话已改为：13912345678。\n\n请问怎么称呼您？"),
        wechat.shape(List.of("好的，电话已改为：13912345678。", "请问怎么称呼您？")));
    String big = "很".repeat(680); // 2040 bytes: nothing more fits beside it
    assertEquals(List.of(big, "请问怎么称呼您？"), wechat.shape(List.of(big, "请问怎么称呼您？")));
  }

  @Test
  void neverSplitsAnEmojiOrSupplementaryCharacter() {
    String text = "😀".repeat(1000); // 4 bytes each
    List<String> parts = new ReplyShaper(2048, false).shape(List.of(text));
    assertEquals(text, String.join("", parts));
    for (String part : parts) {
      assertEquals(0, part.length() % 2);
      assertTrue(ReplyShaper.utf8Length(part) <= 2048);
    }
  }

  @Test
  void aLongReplyAsDataIsCutByItsTextAndOnlyTheLastPieceOffersTheOptions() {
    String sentence = "柜体缝隙应不大于3毫米，超过请拍照反馈。";
    List<Reply.Option> yesNo = List.of(new Reply.Option("yes", "是"), new Reply.Option("no", "否"));
    Reply offer = new Reply(Reply.Kind.CONFIRM, sentence.repeat(120), yesNo, Map.of("category", "gap"));
    Reply menu = Reply.choices("请选择：", List.of(new Reply.Option("complaint", "投诉")));

    List<Reply> pieces = new ReplyShaper(2048, false).pieces(List.of(offer, menu));

    assertTrue(pieces.size() >= 5, "pieces: " + pieces.size());
    Reply lastOfOffer = pieces.get(pieces.size() - 2);
    assertEquals(new Reply(Reply.Kind.CONFIRM, lastOfOffer.text(), yesNo, Map.of("category", "gap")), lastOfOffer);
    for (Reply piece : pieces.subList(0, pieces.size() - 2)) {
      assertEquals(Reply.text(piece.text()), piece);
      assertTrue(ReplyShaper.utf8Length(piece.text()) <= 2048);
    }
    assertEquals(offer.text(), String.join("", pieces.subList(0, pieces.size() - 1).stream().map(Reply::text).toList()));
    assertEquals(menu, pieces.get(pieces.size() - 1), "a short reply is kept as it is, never merged");
  }
}
