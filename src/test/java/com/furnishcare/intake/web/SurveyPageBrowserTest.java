package com.furnishcare.intake.web;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.Browser;
import com.furnishcare.intake.support.FakeWeChatApi;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 15 point 4: the survey page in a real browser at phone size. A service event is dispatched, the
 * WeChat template message goes out, and its link is opened as the homeowner would: answered with taps (a
 * low score brings its "why" question), reloaded with the answers still there, submitted, thanked.
 */
@ExtendWith(VertxExtension.class)
class SurveyPageBrowserTest {

  static final String TEMPLATE = "TPL-survey-invite";
  static final String PUBLIC_URL = "https://service.brand.test";

  @TempDir
  Path dataDir;

  private static WebElement question(Browser browser, String id) {
    return browser.driver().findElement(By.cssSelector("section.q[data-question='" + id + "']"));
  }

  private static void tap(Browser browser, String questionId, String value) {
    WebElement button = question(browser, questionId).findElement(By.cssSelector("button[data-value='" + value + "']"));
    button.click();
    browser.until(questionId + " " + value + " pressed", () -> "true".equals(button.getAttribute("aria-pressed")));
  }

  private static String pressed(Browser browser, String questionId) {
    List<WebElement> on = question(browser, questionId).findElements(By.cssSelector("button[aria-pressed='true']"));
    return on.isEmpty() ? "" : on.get(0).getAttribute("data-value");
  }

  private static String status(Browser browser) {
    return browser.driver().findElement(By.id("status")).getText();
  }

  @Test
  void aHomeownerOpensTheTemplateLinkAnswersWithTapsReloadsAndSubmits(Vertx vertx) {
    WebClient http = WebClient.create(vertx);
    try (GatewayHarness harness = new GatewayHarness(vertx); Browser browser = new Browser(Browser.PHONE)) {
      harness.api.ownsTemplate(TEMPLATE);
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).api(harness.api)
          .with("GATEWAY_PUBLIC_URL", PUBLIC_URL).with("SURVEY_WECHAT_TEMPLATE_ID", TEMPLATE));
      JsonObject event = new JsonObject().put("eventId", "EV-INST-7001").put("survey", "post-installation")
          .put("orderNo", "DD2026120701").put("phone", "13800138000").put("wechatOpenId", "oHomeowner-7001")
          .put("customerName", "王芳").put("dealer", "杭州西湖体验店").put("installer", "李师傅")
          .put("serviceAt", java.time.OffsetDateTime.now().minusHours(1).toString());
      HttpResponse<Buffer> dispatched = await(http.post(gateway.port(), "127.0.0.1", "/api/surveys/dispatch")
          .putHeader("Authorization", "Bearer " + TestConfig.ADMIN_TOKEN).putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer(event.encode())));
      assertTrue(dispatched.statusCode() / 100 == 2, dispatched.bodyAsString());
      // A pass now (the dispatcher's own timer may be in one already: then that one sends it).
      com.furnishcare.intake.support.Await.until("the template message", () -> {
        await(gateway.surveyDispatcher().runOnce());
        return !harness.api.templateMessages().isEmpty();
      });
      List<FakeWeChatApi.Template> sent = harness.api.templateMessages();
      assertEquals(1, sent.size(), sent.toString());
      String link = sent.get(0).url();
      assertTrue(link.matches(java.util.regex.Pattern.quote(PUBLIC_URL) + "/s/[2-9A-HJ-NP-Z]{6}"), link);
      String url = link.replace(PUBLIC_URL, "http://127.0.0.1:" + gateway.port());

      browser.open(url);
      browser.until("the questions", () -> !browser.all("section.q").isEmpty());
      assertEquals("安装服务满意度回访", browser.driver().findElement(By.id("title")).getText());
      assertTrue(browser.driver().findElement(By.id("intro")).getText().startsWith("您好！您家的定制家具已安装完成"));
      assertEquals(5, question(browser, "attitude").findElements(By.tagName("button")).size());
      assertEquals(11, question(browser, "recommend").findElements(By.tagName("button")).size());
      assertTrue(!question(browser, "attitude-why").isDisplayed(), "the why-question waits for a low score");
      // Made for a phone: nothing wider than the screen, every button a thumb's size.
      assertTrue((Long) browser.js("return document.documentElement.scrollWidth") <= Browser.PHONE.width);
      for (WebElement b : question(browser, "recommend").findElements(By.tagName("button"))) {
        assertTrue(b.getSize().height >= 44 && b.getSize().width >= 40, "tap target " + b.getSize());
      }
      browser.screenshot("survey-phone-opened");

      // A low score: the why-question appears at once, in the page.
      assertEquals("安装师傅的服务态度您满意吗？", question(browser, "attitude").findElement(By.className("text")).getText(),
          "the question without the chat's reply instruction");
      tap(browser, "attitude", "2");
      browser.until("the why-question", () -> question(browser, "attitude-why").isDisplayed());
      // Someone will call: said at once, under the question.
      browser.until("the follow-up notice", () -> browser.driver().findElement(By.id("notice")).isDisplayed());
      assertEquals("非常抱歉这次没有让您满意。您的反馈已转给专人，我们会尽快联系您处理。",
          browser.driver().findElement(By.id("notice")).getText());
      WebElement why = question(browser, "attitude-why").findElement(By.tagName("textarea"));
      why.sendKeys("师傅迟到了一个小时，装完也没清理");
      tap(browser, "professionalism", "4"); // the tap moves focus: the text is kept too
      assertTrue(!question(browser, "professionalism-why").isDisplayed());
      tap(browser, "timeliness", "5");
      browser.js("arguments[0].scrollIntoView()", question(browser, "recommend"));
      tap(browser, "recommend", "8");
      browser.until("saved", () -> status(browser).equals("已保存"));
      browser.screenshot("survey-phone-answered");

      // The follow-up the chat would file: a ticket for a person, the homeowner in the agents' queue.
      JsonArray tickets = harness.admin(gateway, "/api/tickets?orderNo=DD2026120701").getJsonArray("items");
      assertEquals(1, tickets.size(), tickets.encodePrettily());
      assertEquals("service_attitude", tickets.getJsonObject(0).getString("category"));
      assertTrue(tickets.getJsonObject(0).getBoolean("needsAgent"));
      assertTrue(await(gateway.stores().agentQueue().get("wechat:oHomeowner-7001")).isPresent());

      // Reloaded: every answer given is still there.
      browser.driver().navigate().refresh();
      browser.until("the questions again", () -> !browser.all("section.q").isEmpty());
      assertEquals("2", pressed(browser, "attitude"));
      assertEquals("4", pressed(browser, "professionalism"));
      assertEquals("5", pressed(browser, "timeliness"));
      assertEquals("8", pressed(browser, "recommend"));
      assertTrue(question(browser, "attitude-why").isDisplayed());
      assertTrue(browser.driver().findElement(By.id("notice")).isDisplayed(), "the notice after a reload too");
      assertEquals("师傅迟到了一个小时，装完也没清理",
          question(browser, "attitude-why").findElement(By.tagName("textarea")).getAttribute("value"));
      browser.screenshot("survey-phone-reloaded");

      // Changing the mind: a 5 hides the why-question again.
      tap(browser, "attitude", "5");
      browser.until("the why-question hidden", () -> !question(browser, "attitude-why").isDisplayed());
      tap(browser, "attitude", "2");
      browser.until("the why-question back", () -> question(browser, "attitude-why").isDisplayed());

      WebElement comments = question(browser, "comments").findElement(By.tagName("textarea"));
      browser.js("arguments[0].scrollIntoView()", comments);
      comments.sendKeys("希望下次提前电话确认时间");
      WebElement submit = browser.driver().findElement(By.id("submit"));
      browser.js("arguments[0].scrollIntoView()", submit);
      submit.click();
      browser.until("the thank-you", () -> browser.driver().findElement(By.id("thanks")).isDisplayed());
      assertEquals("非常抱歉这次没有让您满意。您的反馈已转给专人，我们会尽快联系您处理。",
          browser.driver().findElement(By.id("closing")).getText());
      browser.screenshot("survey-phone-thanks");
      JsonObject response = harness.admin(gateway, "/api/surveys/responses?orderNo=DD2026120701");
      assertTrue(response.encode().contains("希望下次提前电话确认时间"), "typed and submitted at once: " + response.encode());
      assertEquals(1, harness.admin(gateway, "/api/tickets?orderNo=DD2026120701").getJsonArray("items").size(),
          "one follow-up per response");

      // One response per code: opened again, the page only thanks.
      browser.driver().navigate().refresh();
      browser.until("the thank-you again", () -> browser.driver().findElement(By.id("thanks")).isDisplayed());
      assertTrue(browser.all("section.q").isEmpty() || !browser.all("section.q").get(0).isDisplayed());

      // A code that is not (or no longer) valid: the expired page, in Chinese.
      browser.open("http://127.0.0.1:" + gateway.port() + "/s/ZZZZZZ");
      assertTrue(browser.driver().findElement(By.tagName("h1")).getText().contains("链接已失效"));
      browser.screenshot("survey-phone-expired");
    } finally {
      http.close();
    }
  }
}
