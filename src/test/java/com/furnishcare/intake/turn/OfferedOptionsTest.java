package com.furnishcare.intake.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.core.Session;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfferedOptionsTest {

  private static final Instant NOW = Instant.ofEpochMilli(1_700_000_000_000L);
  private static final Reply MENU = Reply.choices("请选择：",
      List.of(new Reply.Option("complaint", "投诉"), new Reply.Option("progress", "查询进度")));

  private static InboundMessage pressed(String option, String text) {
    return new InboundMessage(new ConversationKey(ChannelName.WEBCHAT, "c1"), MessageKind.TEXT, text,
        Map.of(InboundMessage.OPTION, option), NOW);
  }

  @Test
  void onlyTheLastTurnsOffersAreRemembered() {
    Session offered = OfferedOptions.remember(Session.fresh(NOW).with("messageCount", "1", NOW), List.of(MENU));
    assertEquals("1", offered.get("messageCount", ""), "the engine's values are kept");
    assertEquals("投诉", OfferedOptions.labelled(pressed("complaint", ""), offered).text());

    Session after = OfferedOptions.remember(offered, List.of(Reply.text("好的。")));
    assertFalse(after.values().containsKey(OfferedOptions.KEY));
    assertEquals("", OfferedOptions.labelled(pressed("complaint", ""), after).text());
  }

  @Test
  void typedTextIsNeverReplaced() {
    Session offered = OfferedOptions.remember(Session.fresh(NOW), List.of(MENU));
    assertEquals("查进度", OfferedOptions.labelled(pressed("progress", "查进度"), offered).text());
  }
}
