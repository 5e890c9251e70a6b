package com.furnishcare.intake.channel.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.config.ConfigException;
import com.furnishcare.intake.config.ConfigLoader;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How many replies one Tencent reply callback may carry: a default, a setting, and a typo stops start-up by name. */
class SmsReplySettingsTest {

  private static Map<String, String> tencent() {
    return new HashMap<>(Map.of("SMS_PROVIDER", "tencent", "TENCENTCLOUD_SECRET_ID", "AKID1",
        "TENCENTCLOUD_SECRET_KEY", "key", "SMS_SDK_APP_ID", "1400000001", "SMS_SIGN_NAME", "家居售后",
        "SMS_STATUS_TEMPLATE_ID", "2000001", "SMS_REPLY_TOKEN", "reply-token-0123456789"));
  }

  @Test
  void aCallbackCarriesAtMostAHundredRepliesUnlessConfigured() {
    assertEquals(100, ConfigLoader.load(tencent()).sms().orElseThrow().replyMaxItems());
    Map<String, String> env = tencent();
    env.put("SMS_REPLY_MAX_ITEMS", "20");
    assertEquals(20, ConfigLoader.load(env).sms().orElseThrow().replyMaxItems());
  }

  @Test
  void aLimitThatIsNotAPositiveNumberStopsStartUpNamingTheVariable() {
    for (String bad : new String[] {"0", "-5", "many", "100000"}) {
      Map<String, String> env = tencent();
      env.put("SMS_REPLY_MAX_ITEMS", bad);
      ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(env), bad);
      assertTrue(e.getMessage().contains("SMS_REPLY_MAX_ITEMS"), e.getMessage());
    }
  }
}
