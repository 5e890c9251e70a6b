package com.furnishcare.intake.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.config.ConfigException;
import com.furnishcare.intake.config.ConfigLoader;
import com.furnishcare.intake.core.Route;
import com.furnishcare.intake.dialog.load.DialogDataException;
import com.furnishcare.intake.support.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alerts file: what it accepts, and every mistake named with file:line. */
class AlertsFileTest {

  static final Path DEALERS = Path.of("config/dealers.csv");
  static final Path SHIPPED = Path.of("config/alerts.yaml");
  static final String HQ_KEY = "hq000000-aaaa-bbbb-cccc-000000000001";
  static final String DEALER_KEY = "d0571000-aaaa-bbbb-cccc-000000000002";

  @TempDir
  Path dir;

  /** The shipped file with robots added in front, as an operator would. */
  static String shippedWith(String robots) throws Exception {
    return robots + Files.readString(SHIPPED);
  }

  static String robots(String hqKey, String dealerKey) {
    return "robots:\n  headquarters: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + hqKey + "\n"
        + "  dealers:\n    D0571: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + dealerKey + "\n";
  }

  private AlertBook load(String text) throws Exception {
    Path file = Files.writeString(dir.resolve("alerts.yaml"), text);
    return AlertsFile.load(file, true, DEALERS);
  }

  private String error(String text) {
    return assertThrows(DialogDataException.class, () -> load(text)).getMessage();
  }

  @Test
  void theShippedFileNamesNoRobotSoNothingIsOn() throws Exception {
    AlertBook book = AlertsFile.load(SHIPPED, false, DEALERS);
    assertTrue(book.robotKeys().isEmpty());
    for (AlertKind kind : AlertKind.values()) {
      assertFalse(book.on(kind), kind + " must be off without robots");
    }
    assertEquals(AlertBook.none(), AlertsFile.load(dir.resolve("absent.yaml"), false, DEALERS),
        "the default path may be absent: no alerts");
  }

  @Test
  void robotsRouteATicketToItsDealerItsRegionAndHeadquarters() throws Exception {
    AlertBook book = load(shippedWith(robots(HQ_KEY, DEALER_KEY)
        .replace("  dealers:", "  regions:\n    华北: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=north000-0000\n  dealers:")));
    assertEquals(Duration.ofMinutes(30), book.slaWarning());
    assertEquals(LocalTime.of(8, 30), book.digestAt());
    assertEquals(Set.of(AlertKind.values()), book.kinds());
    assertEquals(Optional.of(HQ_KEY), book.key("hq"));
    assertEquals(List.of("dealer:D0571", "hq"), book.robotsFor(AlertKind.LEVEL3,
        Optional.of(new Route("D0571", "杭州西湖体验店", "华东"))), "华东 has no robot of its own");
    assertEquals(List.of("region:华北", "hq"), book.robotsFor(AlertKind.SLA_FIRST,
        Optional.of(new Route("D0010", "北京朝阳店", "华北"))));
    assertEquals(List.of("hq"), book.robotsFor(AlertKind.LEVEL3, Optional.of(Route.headquarters())));
    assertEquals(List.of("hq"), book.robotsFor(AlertKind.DIGEST, Optional.empty()));
  }

  @Test
  void aDealerOrRegionNotInTheDealersFileIsNamedWithItsLine() {
    String dealer = error("robots:\n  dealers:\n    D9999: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh-1\n"
        + "kinds: []\n");
    assertTrue(dealer.startsWith("alerts.yaml:3: dealer 'D9999' is not in the dealers file"), dealer);
    assertTrue(dealer.contains("D0571"), "names the known ids: " + dealer);
    String region = error("robots:\n  regions:\n    西南: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh-1\n"
        + "kinds: []\n");
    assertTrue(region.startsWith("alerts.yaml:3: region '西南'"), region);
  }

  @Test
  void aWebhookThatIsNoRobotUrlIsRefusedWithoutRepeatingIt() {
    String message = error("robots:\n  headquarters: https://example.com/hook?key=secret-value-123\nkinds: []\n");
    assertTrue(message.startsWith("alerts.yaml:2: not a WeCom robot webhook URL"), message);
    assertFalse(message.contains("secret-value-123"), "the key is a secret: " + message);
  }

  @Test
  void wordingMistakesAreNamed() throws Exception {
    String missing = error(robots(HQ_KEY, DEALER_KEY) + "kinds: [level3]\n");
    assertTrue(missing.contains("kind 'level3' is on but messages has no 'level3'"), missing);
    String placeholder = error(robots(HQ_KEY, DEALER_KEY) + "kinds: [level3]\nmessages:\n  level3: \"{ticketId} {phone}\"\n");
    assertTrue(placeholder.startsWith("alerts.yaml:7:") && placeholder.contains("{phone}"), placeholder);
    String kind = error("kinds: [level3, everything]\n");
    assertTrue(kind.startsWith("alerts.yaml:1: unknown alert kind 'everything'"), kind);
    String time = error("digestAt: \"8.30\"\n");
    assertTrue(time.startsWith("alerts.yaml:1: digestAt must be a China time HH:mm"), time);
    String lead = error("slaWarning: 3d\n");
    assertTrue(lead.startsWith("alerts.yaml:1: slaWarning"), lead);
    String key = error("robot:\n  headquarters: x\n");
    assertTrue(key.startsWith("alerts.yaml:2: unknown key 'robot'") || key.startsWith("alerts.yaml:1: unknown key 'robot'"),
        key);
  }

  @Test
  void theVariableNamesTheFileAndTheRobotHost() throws Exception {
    String missing = assertThrows(ConfigException.class, () -> ConfigLoader.load(TestConfig.embedded(dir)
        .with("ALERTS_FILE", dir.resolve("nope.yaml").toString()).env())).getMessage();
    assertTrue(missing.startsWith("ALERTS_FILE points to"), missing);
    String base = assertThrows(ConfigException.class, () -> ConfigLoader.load(TestConfig.embedded(dir)
        .with("WECOM_ROBOT_BASE_URL", "http://127.0.0.1:9/cgi-bin").env())).getMessage();
    assertTrue(base.startsWith("WECOM_ROBOT_BASE_URL must be scheme://host[:port] without a path"), base);
    Path file = Files.writeString(dir.resolve("a.yaml"), "kinds: []\n");
    var config = ConfigLoader.load(TestConfig.embedded(dir).with("ALERTS_FILE", file.toString()).env());
    assertEquals(file, config.alerts().file());
    assertTrue(config.alerts().required());
    assertEquals("https://qyapi.weixin.qq.com", config.alerts().robotBaseUrl());
  }

  @Test
  void anEditIsPickedUpAndABrokenOneKeepsThePreviousRobots() throws Exception {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      Path file = Files.writeString(dir.resolve("alerts.yaml"), "kinds: []\n");
      var source = com.furnishcare.intake.support.Await.await(AlertsFile.watch(vertx,
          new com.furnishcare.intake.config.AlertsConfig(file, true, "http://127.0.0.1:1"), DEALERS, 50));
      assertTrue(source.get().robotKeys().isEmpty());
      Files.writeString(file, shippedWith(robots(HQ_KEY, DEALER_KEY)));
      com.furnishcare.intake.support.Await.until("the robots are read", () -> source.get().robotKeys().size() == 2);
      Files.writeString(file, shippedWith(robots(HQ_KEY, DEALER_KEY)).replace("D0571", "D9999") + "\n# broken\n");
      Thread.sleep(400);
      assertEquals(Optional.of(DEALER_KEY), source.get().key("dealer:D0571"), "the broken edit is refused");
      com.furnishcare.intake.support.Await.await(source.stop());
    } finally {
      com.furnishcare.intake.support.Await.await(vertx.close());
    }
  }

  @Test
  void keysAreMaskedInText() {
    assertEquals(Optional.of("693a91f6-7xxx"), RobotKeys.fromWebhookUrl(
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx"));
    assertEquals("POST /cgi-bin/webhook/send?key=693a**** refused",
        RobotKeys.maskIn("POST /cgi-bin/webhook/send?key=693a91f6-7xxx refused"));
    assertEquals("693a****", RobotKeys.masked("693a91f6-7xxx"));
  }
}
