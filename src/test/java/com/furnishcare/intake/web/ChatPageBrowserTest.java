package com.furnishcare.intake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.Browser;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Issue 13 point 7: the chat page in a real browser (Debian's chromium) against a running gateway — buttons,
 * a filed complaint, the whole history after a reload, nothing missed over a dropped connection, a status
 * change arriving live, and a homeowner's HTML shown as text.
 */
@ExtendWith(VertxExtension.class)
class ChatPageBrowserTest {

  @TempDir
  Path dataDir;

  private static String base(Gateway gateway) {
    return "http://127.0.0.1:" + gateway.port();
  }

  private static void type(Browser browser, String text) {
    WebElement input = browser.driver().findElement(By.id("text"));
    input.sendKeys(text);
    input.sendKeys(Keys.ENTER);
  }

  private static int botEntries(Browser browser) {
    return browser.all("li.entry.bot").size();
  }

  private static String lastBotText(Browser browser) {
    List<WebElement> bot = browser.all("li.entry.bot .bubble");
    return bot.isEmpty() ? "" : bot.get(bot.size() - 1).getText();
  }

  /** Clicks the enabled option button with this label. */
  private static void press(Browser browser, String label) {
    browser.until("a button " + label, () -> browser.all(".options button").stream()
        .anyMatch(b -> b.isEnabled() && b.getText().equals(label)));
    browser.all(".options button").stream().filter(b -> b.isEnabled() && b.getText().equals(label)).findFirst()
        .orElseThrow().click();
  }

  private static String conversationId(Browser browser) {
    return new JsonObject((String) browser.js("return localStorage.getItem('furnishcare.chat')")).getString("conversationId");
  }

  @Test
  void aHomeownerFilesAComplaintWithButtonsReloadsAndSeesEverythingAndGetsAStatusChangeLive(Vertx vertx)
      throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx); Browser browser = new Browser(Browser.PHONE)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir));
      browser.open(base(gateway) + "/chat");
      browser.until("connected", () -> "online".equals(browser.driver().findElement(By.id("status")).getAttribute("data-state")));
      type(browser, "你好");
      press(browser, "投诉");
      press(browser, "色差");
      browser.until("asked for the description", () -> lastBotText(browser).contains("描述"));
      type(browser, "衣柜左侧门板和样板颜色不一样");
      browser.until("asked for the order", () -> lastBotText(browser).contains("订单号"));
      type(browser, "DD2026110301");
      browser.until("asked for the phone", () -> lastBotText(browser).contains("手机号"));
      type(browser, "13800138000");
      browser.until("asked for name and address", () -> lastBotText(browser).contains("称呼"));
      type(browser, "王女士，杭州市西湖区文三路100号5幢301");
      browser.until("asked what they want", () -> lastBotText(browser).contains("处理"));
      type(browser, "希望换一块门板");
      press(browser, "确认");
      browser.until("the ticket card", () -> !browser.all(".ticket .id").isEmpty());
      String card = browser.all(".ticket .id").get(0).getText();
      assertTrue(card.matches("工单 \\S+"), card);
      // A photo from the phone's camera or album, after the ticket: stored, shown, and acknowledged.
      Path jpeg = dataDir.resolve("door.jpg");
      java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(64, 48,
          java.awt.image.BufferedImage.TYPE_INT_RGB);
      javax.imageio.ImageIO.write(image, "jpg", jpeg.toFile());
      int botBeforePhoto = botEntries(browser);
      browser.driver().findElement(By.id("photo")).sendKeys(jpeg.toAbsolutePath().toString());
      browser.until("the photo shown in the chat", () -> browser.all("li.entry.photo-entry img").stream()
          .anyMatch(img -> String.valueOf(img.getAttribute("src")).startsWith("blob:")));
      browser.until("the bot acknowledged it", () -> botEntries(browser) > botBeforePhoto);
      browser.screenshot("chat-phone-filed");
      int shown = browser.all("li.entry").size();

      browser.driver().navigate().refresh();
      browser.until("the whole history again", () -> browser.all("li.entry").size() == shown);
      assertEquals(card, browser.all(".ticket .id").get(0).getText());

      // A status change while the page is open appears without a reload.
      String ticketId = card.substring("工单 ".length());
      int before = botEntries(browser);
      changeStatus(gateway, ticketId, "in_progress", "师傅明天上午上门");
      browser.until("the status change, live", () -> botEntries(browser) > before
          && lastBotText(browser).contains("师傅明天上午上门"));

      // The connection drops; meanwhile another change; after the reconnect it is there, once.
      browser.js("window.__chat.socket.close()");
      int beforeDrop = botEntries(browser);
      changeStatus(gateway, ticketId, "pending", "等待配件");
      browser.until("reconnected with what it missed", () -> botEntries(browser) == beforeDrop + 1
          && lastBotText(browser).contains("等待配件"));
      Thread.sleep(500);
      assertEquals(beforeDrop + 1, botEntries(browser), "nothing shown twice");
      List<Long> seqs = browser.all("li.entry").stream().map(e -> Long.parseLong(e.getAttribute("data-seq"))).toList();
      for (int i = 0; i < seqs.size(); i++) {
        assertEquals(i + 1, seqs.get(i), "entries in order without gaps: " + seqs);
      }
      assertTrue(conversationId(browser) != null);
    }
  }

  @Test
  void htmlAHomeownerTypesIsShownAsTextAndRunsNothing(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx); Browser browser = new Browser(Browser.DESKTOP)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir));
      browser.open(base(gateway) + "/chat");
      browser.until("connected", () -> "online".equals(browser.driver().findElement(By.id("status")).getAttribute("data-state")));
      String attack = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";
      type(browser, attack);
      browser.until("the message shown back", () -> browser.all("li.entry.user:not(.pending)").size() == 1);
      assertEquals(attack, browser.all("li.entry.user .bubble").get(0).getText());
      assertTrue(browser.all("li.entry img").isEmpty(), "no image element was made from the text");
      browser.until("the bot answered", () -> botEntries(browser) >= 1);
      assertNull(browser.js("return window.__xss === undefined ? null : window.__xss"));
      browser.screenshot("chat-desktop");
    }
  }

  @Test
  void theWidgetOnABrandSiteAddsAButtonThatOpensTheChat(Vertx vertx) throws Exception {
    // The brand's site: another origin (another port), serving a page with the one-line embed.
    io.vertx.core.http.HttpServer brand = vertx.createHttpServer();
    String[] gatewayBase = new String[1];
    brand.requestHandler(request -> request.response().putHeader("Content-Type", "text/html; charset=utf-8")
        .end("<!DOCTYPE html><html><body><h1>品牌官网</h1><script src=\"" + gatewayBase[0]
            + "/widget.js\" async></script></body></html>"));
    int brandPort = com.furnishcare.intake.support.Await.await(brand.listen(0, "127.0.0.1")).actualPort();
    String brandOrigin = "http://127.0.0.1:" + brandPort;
    try (GatewayHarness harness = new GatewayHarness(vertx); Browser browser = new Browser(Browser.DESKTOP)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).with("CHAT_ALLOWED_ORIGINS", brandOrigin));
      gatewayBase[0] = base(gateway);
      browser.open(brandOrigin + "/");
      browser.until("the chat button", () -> !browser.all("#furnishcare-chat-button").isEmpty());
      browser.all("#furnishcare-chat-button").get(0).click();
      browser.until("the chat panel", () -> !browser.all("#furnishcare-chat-panel").isEmpty());
      browser.driver().switchTo().frame(browser.all("#furnishcare-chat-panel").get(0));
      browser.until("the page in the panel, connected", () -> !browser.all("#status").isEmpty()
          && "online".equals(browser.driver().findElement(By.id("status")).getAttribute("data-state")));
      type(browser, "你好");
      browser.until("the menu as buttons", () -> browser.all(".options button").size() == 4);
      browser.driver().switchTo().defaultContent();
      browser.screenshot("widget-desktop");
    } finally {
      com.furnishcare.intake.support.Await.await(brand.close());
    }
  }

  private static void changeStatus(Gateway gateway, String ticketId, String status, String note) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(base(gateway) + "/api/tickets/" + ticketId + "/status"))
        .header("Authorization", "Bearer " + TestConfig.ADMIN_TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("status", status).put("note", note).encode()))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(response.statusCode() / 100 == 2, response.statusCode() + " " + response.body());
  }
}
