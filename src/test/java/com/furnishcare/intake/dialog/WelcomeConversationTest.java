package com.furnishcare.intake.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.core.Session;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WelcomeConversationTest {

  private final WelcomeConversation conversation = new WelcomeConversation();
  private final Instant now = Instant.parse("2026-11-24T08:00:00Z");

  private InboundMessage message(MessageKind kind, String text) {
    return new InboundMessage(new ConversationKey(ChannelName.WECHAT, "o-user"), kind, text, Map.of(), now);
  }

  @Test
  void subscribeGetsTheWelcomeWithTheFourMenuEntries() {
    Turn turn = conversation.respond(Session.fresh(now), message(MessageKind.SUBSCRIBE, ""), now);
    String reply = turn.replies().get(0);
    for (String entry : new String[] {"投诉", "查询进度", "常见问题", "人工"}) {
      assertTrue(reply.contains(entry), reply);
    }
  }

  @Test
  void textIsAcknowledgedAndCountedAcrossTurns() {
    Session session = Session.fresh(now);
    Turn first = conversation.respond(session, message(MessageKind.TEXT, "衣柜门板色差很明显"), now);
    Turn second = conversation.respond(first.session(), message(MessageKind.TEXT, "还有划痕"), now);
    assertTrue(first.replies().get(0).contains("第1条"), first.replies().get(0));
    assertTrue(second.replies().get(0).contains("第2条"), second.replies().get(0));
    assertTrue(second.replies().get(0).contains("还有划痕"));
    assertEquals(2, second.session().getLong("messageCount"));
  }

  @Test
  void menuChoicesWorkInSimplifiedTraditionalAndAsMenuKeys() {
    String simplified = conversation.respond(Session.fresh(now), message(MessageKind.TEXT, "投诉"), now).replies().get(0);
    String traditional = conversation.respond(Session.fresh(now), message(MessageKind.TEXT, "投訴"), now).replies().get(0);
    String click = conversation.respond(Session.fresh(now), message(MessageKind.MENU_CLICK, "COMPLAINT"), now).replies().get(0);
    assertEquals(simplified, traditional);
    assertEquals(simplified, click);
    assertTrue(simplified.contains("订单号"));
  }

  @Test
  void unknownMenuKeyAndUnknownTypeGetPoliteAnswers() {
    String unknownKey = conversation.respond(Session.fresh(now), message(MessageKind.MENU_CLICK, "V1001_OLD"), now).replies().get(0);
    assertTrue(unknownKey.contains("暂未开放"), unknownKey);
    String other = conversation.respond(Session.fresh(now), message(MessageKind.OTHER, ""), now).replies().get(0);
    assertTrue(other.contains("抱歉"), other);
  }

  @Test
  void unsubscribeSaysNothing() {
    assertTrue(conversation.respond(Session.fresh(now), message(MessageKind.UNSUBSCRIBE, ""), now).replies().isEmpty());
  }
}
