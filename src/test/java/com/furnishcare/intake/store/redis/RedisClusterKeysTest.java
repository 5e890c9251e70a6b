package com.furnishcare.intake.store.redis;

import static com.furnishcare.intake.support.Await.await;
import static com.furnishcare.intake.support.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.support.RedisCluster;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster layout's claim, checked with the slots Redis itself computes ({@code CLUSTER KEYSLOT}): the keys each
 * script or multi-key command touches, including those the scripts build from ARGV prefixes, share one slot. And
 * the single-server names are the ones earlier versions wrote, so existing data is not orphaned.
 */
@ExtendWith(VertxExtension.class)
class RedisClusterKeysTest {

  private static RedisCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = RedisCluster.shared();
  }

  private static final RedisKeys K = RedisKeys.cluster("intake:");

  /** Script (or command) → the keys it touches for one conversation, ticket, job, delivery. */
  private static Map<String, List<String>> groups() {
    Map<String, List<String>> g = new LinkedHashMap<>();
    g.put("turn commit (session, turn, tickets, indexes, outbox, figures) + claim + backfill + report rebuild"
        + " + survey finish/answer/import (figures)", List.of(
        K.session("wechat:o-1"), K.turn("wechat:o-1:9001"), K.ticket("TK-1"), K.ticket("TK-2"), K.ticketsAll(),
        K.ticketsOfUser("wechat", "o-1"), K.ticketsOfOrder("DD1"), K.ticketsOfStatus("pending"),
        K.ticketsOfStatusPrefix() + "closed", K.ticketsOfPhone("13800138000"), K.ticketsOfPhonePrefix() + "139",
        K.ticketIndexesBuilt(), K.outboxPending(), K.outboxAge(), K.outboxDead(), K.outboxEntryPrefix() + "TK-1",
        K.reportDay("2026-01-05"), K.reportVersions(), K.reportRecomplaints(),
        K.reportRebuildDay("a-token", "2026-01-05"), K.surveyJob("J1"), K.surveyJobPrefix() + "J2", K.surveyDue(),
        K.surveyCode("ABC123"), K.surveyOptOuts(), K.surveySmsSent("13800138000"), K.surveyLastSent(),
        K.surveyResponse("J1"), K.surveyAnswers("J1"), K.surveyAnswerOrder("J1"), K.surveyResponses()));
    g.put("chat conversation verify/add secret", List.of(K.chatConversation("c-1"), K.chatSecrets("c-1")));
    g.put("chat log append", List.of(K.chatLog("c-1"), K.chatLogKeys("c-1")));
    g.put("sms link open", List.of(K.smsLinkByPhone("13800138000"), K.smsLinkByCode("X1"), K.smsLinkNotice("X1")));
    g.put("agent queue open/close", List.of(K.agentCase("c-1"), K.agentCasesOpen()));
    g.put("alerts raise/claim/retry/finish", List.of(K.alertDeliveryPrefix() + "d-1", K.alertsDue(),
        K.alertsByTime(), K.alertIds()));
    return g;
  }

  @Test
  void everyScriptsKeysShareOneSlotInClusterMode() throws Exception {
    Set<Integer> groupSlots = new HashSet<>();
    for (Map.Entry<String, List<String>> group : groups().entrySet()) {
      int first = cluster.keySlot(group.getValue().get(0));
      for (String key : group.getValue()) {
        assertEquals(first, cluster.keySlot(key), group.getKey() + ": " + key + " is in another slot");
      }
      groupSlots.add(first);
    }
    assertTrue(groupSlots.size() > 1, "the groups that never meet in a script are spread, not all on one slot");
    assertTrue(cluster.keySlot(K.chatConversation("c-2")) != cluster.keySlot(K.chatConversation("c-1"))
        || cluster.keySlot(K.chatConversation("c-3")) != cluster.keySlot(K.chatConversation("c-1")),
        "conversations spread over the slots");
  }

  @Test
  void theClusterRefusesAScriptAcrossSlotsSoTheContractSuitesWouldNotice(Vertx vertx) {
    RedisAPI api = RedisAPI.api(Redis.createClient(vertx, RedisStores.options(cluster.nodesUrl(), true)));
    try {
      RedisKeys plain = RedisKeys.standalone("intake:");
      // Declared keys of two slots: refused (by the client, or by Redis with CROSSSLOT) before it runs.
      Throwable declared = failure(api.eval(List.of(
          "return redis.call('SET', KEYS[2], '1')", "2", plain.session("wechat:o-1"), plain.ticketsAll())));
      assertTrue(declared != null && (String.valueOf(declared).toUpperCase().contains("CROSSSLOT")
          || String.valueOf(declared).contains("same slot")), String.valueOf(declared));
      // A key built inside the script from an ARGV prefix, in another slot than the declared one: Redis refuses.
      String wrongSlot = plain.outboxEntryPrefix();
      Throwable built = failure(api.eval(List.of(
          "return redis.call('HSET', ARGV[1] .. 'TK-1', 'attempts', 0)", "1", K.outboxPending(), wrongSlot)));
      // ("non local key" when the other slot is on another master, "same slot" when on this one)
      assertTrue(built != null && (String.valueOf(built).contains("non local key")
          || String.valueOf(built).contains("same slot")), String.valueOf(built));
      // The same built from the cluster layout's prefix runs.
      assertEquals(1, await(api.eval(List.of("return redis.call('HSET', ARGV[1] .. 'TK-slotcheck', 'attempts', 0)",
          "1", K.outboxPending(), K.outboxEntryPrefix()))).toInteger());
      await(api.del(List.of(K.outboxEntryPrefix() + "TK-slotcheck")));
    } finally {
      api.close();
    }
  }

  @Test
  void theSingleServerNamesAreTheOnesEarlierVersionsWrote() {
    RedisKeys s = RedisKeys.standalone("intake:");
    assertEquals(List.of("intake:session:wechat:o-1", "intake:turn:m1", "intake:ticket:TK-1", "intake:tickets:all",
            "intake:tickets:user:wechat:o-1", "intake:tickets:order:DD1", "intake:tickets:status:pending",
            "intake:tickets:phone:139", "intake:outbox:pending", "intake:outbox:entry:", "intake:report:cells:2026-01-05",
            "intake:report:versions", "intake:report:recomplaints", "intake:chat:c-1", "intake:chat-secrets:c-1",
            "intake:chatlog:c-1", "intake:chatlog-keys:c-1", "intake:smslink-phone:139", "intake:smslink-code:X1",
            "intake:smslink-notice:X1", "intake:{agentq}:case:c-1", "intake:{alerts}:due", "intake:{survey}:job:J1",
            "intake:{survey}:resp:J1", "intake:chat-online:c-1", "intake:token:wechat"),
        List.of(s.session("wechat:o-1"), s.turn("m1"), s.ticket("TK-1"), s.ticketsAll(), s.ticketsOfUser("wechat", "o-1"),
            s.ticketsOfOrder("DD1"), s.ticketsOfStatus("pending"), s.ticketsOfPhone("139"), s.outboxPending(),
            s.outboxEntryPrefix(), s.reportDay("2026-01-05"), s.reportVersions(), s.reportRecomplaints(),
            s.chatConversation("c-1"), s.chatSecrets("c-1"), s.chatLog("c-1"), s.chatLogKeys("c-1"),
            s.smsLinkByPhone("139"), s.smsLinkByCode("X1"), s.smsLinkNotice("X1"), s.agentCase("c-1"), s.alertsDue(),
            s.surveyJob("J1"), s.surveyResponse("J1"), s.chatOnline("c-1"), s.token("wechat")));
  }

  @Test
  void aClusterPrefixWithABraceIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RedisKeys.cluster("intake{x}:"));
  }
}
