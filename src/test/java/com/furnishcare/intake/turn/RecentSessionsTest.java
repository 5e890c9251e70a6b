package com.furnishcare.intake.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecentSessionsTest {

  private static final Session SESSION = new Session(Map.of("messageCount", "1"), Instant.EPOCH);

  private static ConversationKey key(String user) {
    return new ConversationKey(ChannelName.WECHAT, user);
  }

  @Test
  void theConversationAnsweredLeastRecentlyMakesRoomAndAFreshOneIsAlwaysKept() {
    RecentSessions recent = RecentSessions.bounded(2, Duration.ofMinutes(10));
    recent.committed(key("a"), SESSION, "v-a");
    recent.committed(key("b"), SESSION, "v-b");
    assertEquals("v-a", recent.get(key("a")).orElseThrow().version(), "a read again: b is now the oldest");
    recent.committed(key("c"), SESSION, "v-c");
    assertEquals(Optional.empty(), recent.get(key("b")));
    assertEquals("v-a", recent.get(key("a")).orElseThrow().version());
    assertEquals("v-c", recent.get(key("c")).orElseThrow().version(), "a conversation's first turn is kept");
    recent.committed(key("c"), SESSION, "v-c2");
    assertEquals("v-c2", recent.get(key("c")).orElseThrow().version(), "the latest commit wins");
    assertEquals(2, recent.size());
  }

  @Test
  void anEntryLapsesAfterItsTimeAndCanBeForgotten() throws Exception {
    RecentSessions recent = RecentSessions.bounded(10, Duration.ofMillis(50));
    recent.committed(key("a"), SESSION, "v-a");
    recent.committed(key("b"), SESSION, "v-b");
    recent.forget(key("b"));
    assertEquals(Optional.empty(), recent.get(key("b")));
    assertTrue(recent.get(key("a")).isPresent());
    Thread.sleep(80);
    assertEquals(Optional.empty(), recent.get(key("a")));
  }

  @Test
  void aStoreThatCannotCommitWithTheClaimGetsNothingKept() {
    RecentSessions none = RecentSessions.none();
    none.committed(key("a"), SESSION, "v-a");
    assertEquals(Optional.empty(), none.get(key("a")));
    assertEquals(0, none.size());
  }
}
