package com.furnishcare.intake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.AgentClient;
import com.furnishcare.intake.support.AgentClient.Account;
import com.furnishcare.intake.support.Browser;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 14 point 8, both sides in real browsers: a homeowner asks for a person in the web chat; an agent
 * signs in, finds the chat in the queue, takes it and replies; the homeowner sees the reply live and
 * answers (with HTML that must stay text in the console); the agent sees it live, hands back, and the bot
 * answers the next message. Then a WeChat homeowner's hand-over is answered from the console through the
 * fake WeChat API. Screenshots of the console under target/screenshots on every run.
 */
@ExtendWith(VertxExtension.class)
class AgentConsoleBrowserTest {

  private static final List<Account> ACCOUNTS = List.of(new Account("wang", "王客服", "agent", null, "wang-password-1"));

  @TempDir
  Path dataDir;

  @Test
  void anAgentServesAWebChatAndAWeChatHomeownerFromTheConsole(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx);
        Browser home = new Browser(Browser.PHONE);
        Browser agent = new Browser(Browser.DESKTOP)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).api(harness.api)
          .with("AGENTS_FILE", AgentClient.agentsFile(dataDir, ACCOUNTS).toString()));
      String base = "http://127.0.0.1:" + gateway.port();

      home.open(base + "/chat");
      home.until("connected", () -> "online".equals(home.driver().findElement(By.id("status")).getAttribute("data-state")));
      type(home, By.id("text"), "转人工");
      home.until("handed over", () -> lastBot(home).contains("人工"));
      String conversation = "webchat:" + new JsonObject(
          (String) home.js("return localStorage.getItem('furnishcare.chat')")).getString("conversationId");

      agent.open(base + "/agent");
      agent.until("sent to the login page", () -> agent.driver().getCurrentUrl().contains("/agent/login"));
      agent.driver().findElement(By.name("username")).sendKeys("wang");
      WebElement password = agent.driver().findElement(By.name("password"));
      password.sendKeys("wang-password-1");
      password.submit();
      agent.until("the console", () -> agent.driver().getCurrentUrl().endsWith("/agent")
          || agent.driver().getCurrentUrl().endsWith("/agent/"));
      String row = ".case[data-conversation='" + conversation + "']";
      agent.until("the chat in the queue", () -> !agent.all(row).isEmpty());
      agent.screenshot("agent-console-queue");
      agent.all(row).get(0).click();
      agent.until("the take button", () -> agent.driver().findElement(By.id("take")).isDisplayed());
      agent.driver().findElement(By.id("take")).click();
      agent.until("the reply box open to me", () -> agent.driver().findElement(By.id("reply-text")).isEnabled());
      agent.driver().findElement(By.id("reply-text")).sendKeys("您好，我是王客服，请讲");
      agent.driver().findElement(By.id("reply-send")).click();
      agent.until("delivered", () -> agent.driver().findElement(By.id("delivery-status")).getText().contains("送达"));

      home.until("the agent's reply, live", () -> home.all("li.entry.agent .bubble").stream()
          .anyMatch(b -> b.getText().equals("您好，我是王客服，请讲")));
      assertEquals("王客服", home.all("li.entry.agent .agent-name").get(0).getText());
      home.screenshot("agent-homeowner-sees-reply");

      String attack = "<img src=x onerror=\"window.__xss=1\">柜门合页断了";
      type(home, By.id("text"), attack);
      agent.until("the homeowner's answer, live", () -> agent.all("#transcript .entry[data-author='user']").stream()
          .anyMatch(e -> e.getText().contains(attack)));
      assertNull(agent.js("return window.__xss"), "homeowner HTML stays text in the console");
      agent.screenshot("agent-console-conversation");

      int botBefore = home.all("li.entry.bot:not(.agent)").size();
      agent.driver().findElement(By.id("handback")).click();
      home.until("the bot takes over again", () -> home.all("li.entry.bot:not(.agent)").size() > botBefore);
      int afterHandback = home.all("li.entry.bot:not(.agent)").size();
      type(home, By.id("text"), "柜子门缝多大算正常");
      home.until("the bot answers the next message", () -> home.all("li.entry.bot:not(.agent)").size() > afterHandback);

      // A WeChat homeowner's hand-over, answered from the same console: a customer-service message.
      WeChatClient wechat = harness.wechat(gateway);
      wechat.post(WeChatClient.textXml("o-console-1", "9900001", "转人工"), WeChatClient.Mode.AES);
      String wechatRow = ".case[data-conversation='wechat:o-console-1']";
      agent.until("the WeChat chat in the queue, live", () -> !agent.all(wechatRow).isEmpty());
      agent.all(wechatRow).get(0).click();
      agent.until("the take button", () -> agent.driver().findElement(By.id("take")).isDisplayed());
      agent.driver().findElement(By.id("take")).click();
      agent.until("the reply box open to me", () -> agent.driver().findElement(By.id("reply-text")).isEnabled());
      agent.driver().findElement(By.id("reply-text")).sendKeys("您好，这里是人工客服");
      agent.driver().findElement(By.id("reply-send")).click();
      agent.until("delivered", () -> agent.driver().findElement(By.id("delivery-status")).getText().contains("送达"));
      assertTrue(harness.api.sentTo("o-console-1").stream().anyMatch(s -> s.content().equals("您好，这里是人工客服")),
          harness.api.sent().toString());
      agent.screenshot("agent-console-wechat");
      wechat.close();
    }
  }

  private static void type(Browser browser, By field, String text) {
    WebElement input = browser.driver().findElement(field);
    input.sendKeys(text);
    input.sendKeys(org.openqa.selenium.Keys.ENTER);
  }

  private static String lastBot(Browser browser) {
    List<WebElement> bot = browser.all("li.entry.bot .bubble");
    return bot.isEmpty() ? "" : bot.get(bot.size() - 1).getText();
  }
}
