package com.furnishcare.intake.web;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.core.Route;
import com.furnishcare.intake.report.ReportDataGenerator;
import com.furnishcare.intake.report.TicketFigures;
import com.furnishcare.intake.support.AgentClient;
import com.furnishcare.intake.support.AgentClient.Account;
import com.furnishcare.intake.support.Browser;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.RawHttp;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 16 point 4: the reports dashboard in a real chromium over a generated two months of a brand. A
 * supervisor opens a shared link to /reports/, signs in and comes back to it; the KPI cards show the API's
 * figures for the same filters; choosing a dealer shows that dealer's; a chart's table toggles; the CSV export
 * is UTF-8 with a BOM and carries the table's figures. A dealer signs in and sees only their own dealer's
 * figures, no dealer choice, and no other dealer's name. No JS error or CSP violation in the browser's console
 * (and the check is shown to catch one). Screenshots under target/screenshots on every run.
 */
@ExtendWith(VertxExtension.class)
class ReportsBrowserTest {

  private static final List<Account> ACCOUNTS = List.of(
      new Account("zhang.wei", "张伟", "supervisor", null, "zhang-password-1"),
      new Account("d0571.li", "李娜", "dealer", "D0571", "li-password-1"));
  /** config/dealers.csv: the generator spreads tickets over these and generated dealers. */
  private static final List<Route> KNOWN = List.of(new Route("D0571", "杭州西湖体验店", "华东"),
      new Route("D0210", "上海浦东旗舰店", "华东"), new Route("D0010", "北京朝阳店", "华北"));

  @TempDir
  Path dataDir;
  @TempDir
  Path downloads;

  @Test
  void aSupervisorComparesDealersAndADealerSeesOnlyItsOwn(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir)
          .with("AGENTS_FILE", AgentClient.agentsFile(dataDir, ACCOUNTS).toString()));
      LocalDate today = LocalDate.now(TicketFigures.CHINA);
      ReportDataGenerator.Result made = await(new ReportDataGenerator(gateway.stores(), KNOWN,
          new ReportDataGenerator.Settings(3000, 1500, today.minusDays(59), today, 16, 30), Instant.now()).run());
      assertEquals(3000, made.tickets());
      String base = "http://127.0.0.1:" + gateway.port();
      theLoginComesBackOnlyToTheDashboard(gateway.port());
      String range = "from=" + today.minusDays(29) + "&to=" + today;
      JsonObject all;

      try (Browser hq = new Browser(new Dimension(1280, 3400))) {
        // A shared link: the login page, then back to the same view.
        hq.open(base + "/reports/?" + range);
        hq.until("sent to the login page", () -> hq.driver().getCurrentUrl().contains("/agent/login?next="));
        signIn(hq, "zhang.wei", "zhang-password-1");
        hq.until("back on the dashboard", () -> hq.driver().getCurrentUrl().startsWith(base + "/reports/?" + range));
        awaitFigures(hq, range);
        all = harness.admin(gateway, "/api/reports/dashboard?" + range);
        assertTrue(all.getJsonObject("tickets").getLong("total") > 500, all.getJsonObject("tickets").encode());
        assertKpis(hq, all);
        assertTrue(hq.driver().findElement(By.id("dealer")).isDisplayed(), "headquarters chooses dealers");
        assertEquals("总部 · 全部经销商", hq.driver().findElement(By.id("scope")).getText());
        hq.screenshot("reports-supervisor");

        // The dealer ranking's table: the API's ranking, and the chart hidden while the table shows.
        WebElement toggle = hq.driver().findElement(By.cssSelector("#panel-dealers .toggle-table"));
        assertEquals("false", toggle.getAttribute("aria-expanded"));
        toggle.click();
        assertEquals("true", toggle.getAttribute("aria-expanded"));
        assertTrue(hq.driver().findElement(By.id("table-dealers")).isDisplayed());
        assertFalse(hq.driver().findElement(By.cssSelector("#panel-dealers .chart")).isDisplayed());
        Map.Entry<String, Object> first = all.getJsonObject("tickets").getJsonObject("byDealer").iterator().next();
        String firstName = dealerName(all, first.getKey());
        List<String> row = cells(hq, "#table-dealers tbody tr:first-child");
        assertEquals(List.of("1", firstName, first.getKey()), row.subList(0, 3), row.toString());
        assertEquals(first.getValue().toString(), row.get(4), row.toString());
        assertEquals(all.getJsonObject("tickets").getJsonObject("byDealer").size(),
            hq.all("#table-dealers tbody tr").size(), "every dealer in the table");
        assertEquals("col", hq.driver().findElement(By.cssSelector("#table-dealers thead th")).getAttribute("scope"));

        // Its CSV: UTF-8 with a BOM, the header and the first dealer's row as the table shows them.
        hq.driver().executeCdpCommand("Browser.setDownloadBehavior",
            Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
        hq.driver().findElement(By.cssSelector("#panel-dealers .export-csv")).click();
        // Chromium may show the file under its final name before its bytes are all there (CI once read four zero
        // bytes): wait until nothing is partial and the file has stopped growing.
        hq.until("the CSV downloaded", () -> csvFiles().size() == 1 && downloadSettled(csvFiles().get(0)));
        Path csv = csvFiles().get(0);
        byte[] bytes = Files.readAllBytes(csv);
        assertTrue(bytes.length > 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
            && (bytes[2] & 0xff) == 0xBF, "UTF-8 BOM first: " + Arrays.toString(Arrays.copyOf(bytes, 4)));
        List<String> lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertEquals("排名,经销商,编号,区域,工单数,占比", lines.get(0));
        assertEquals(String.join(",", row), lines.get(1), "the first dealer's row as the table shows it");
        assertTrue(lines.get(1).startsWith("1," + firstName + "," + first.getKey() + ","), lines.get(1));
        assertEquals(1 + all.getJsonObject("tickets").getJsonObject("byDealer").size(), lines.size());
        assertTrue(csv.getFileName().toString().endsWith("_" + today.minusDays(29) + "_" + today + ".csv"),
            csv.getFileName().toString());
        toggle.click();
        assertTrue(hq.driver().findElement(By.cssSelector("#panel-dealers .chart")).isDisplayed(), "the chart again");

        // Choosing a dealer: its figures, in the address too.
        new Select(hq.driver().findElement(By.id("dealer"))).selectByValue("D0210");
        String oneDealer = range + "&dealer=D0210";
        awaitFigures(hq, oneDealer);
        assertTrue(hq.driver().getCurrentUrl().contains("dealer=D0210"), hq.driver().getCurrentUrl());
        JsonObject shanghai = harness.admin(gateway, "/api/reports/dashboard?" + oneDealer);
        assertNotEquals(all.getJsonObject("tickets").getLong("total"), shanghai.getJsonObject("tickets").getLong("total"));
        assertKpis(hq, shanghai);
        // And a category on top, through the same select-and-reload path.
        new Select(hq.driver().findElement(By.id("category"))).selectByValue("colour_difference");
        String narrower = oneDealer + "&category=colour_difference";
        awaitFigures(hq, narrower);
        assertKpis(hq, harness.admin(gateway, "/api/reports/dashboard?" + narrower));

        // Back: the previous view from the address.
        hq.driver().navigate().back();
        awaitFigures(hq, oneDealer);
        assertKpis(hq, shanghai);
        assertNoConsoleErrors(hq);
        // The console check catches a violation: an inline style attribute is refused by the page's CSP.
        hq.js("document.body.setAttribute('style', 'color: red')");
        hq.until("the violation in the console", () -> hq.browserLog().stream()
            .anyMatch(e -> e.contains("Content Security Policy")));
      }

      try (Browser dealer = new Browser(new Dimension(1280, 3000))) {
        dealer.open(base + "/reports/");
        dealer.until("sent to the login page", () -> dealer.driver().getCurrentUrl().contains("/agent/login"));
        signIn(dealer, "d0571.li", "li-password-1");
        dealer.until("the dashboard", () -> dealer.driver().getCurrentUrl().startsWith(base + "/reports/"));
        awaitFigures(dealer, range);
        JsonObject own = harness.admin(gateway, "/api/reports/dashboard?" + range + "&dealer=D0571");
        assertTrue(own.getJsonObject("tickets").getLong("total") > 0, "the dealer has tickets: " + own.encode());
        assertNotEquals(all.getJsonObject("tickets").getLong("total"), own.getJsonObject("tickets").getLong("total"));
        assertKpis(dealer, own);
        assertEquals("杭州西湖体验店（D0571）", dealer.driver().findElement(By.id("scope")).getText());
        assertTrue(dealer.all("#dealer").isEmpty(), "no dealer choice for dealer staff");
        assertTrue(dealer.all("#panel-dealers, #panel-sla, #panel-dealerScores, #panel-regions").isEmpty(),
            "no comparison between dealers");
        String page = (String) dealer.js("return document.documentElement.outerHTML");
        String text = (String) dealer.js("return document.body.innerText");
        for (String other : List.of("上海浦东旗舰店", "北京朝阳店", "D0210", "D0010")) {
          assertFalse(page.contains(other), other + " on the dealer's page");
        }
        assertFalse(text.matches("(?s).*\\bG\\d{3}\\b.*"), "no generated dealer's id on the dealer's page");
        // Their installers' table names only their own installers.
        dealer.driver().findElement(By.cssSelector("#panel-installers .toggle-table")).click();
        List<WebElement> installers = dealer.all("#table-installers tbody tr");
        assertTrue(installers.size() > 0);
        for (WebElement r : installers) {
          assertEquals("杭州西湖体验店", r.findElements(By.cssSelector("td")).get(0).getText(), r.getText());
        }
        dealer.driver().findElement(By.cssSelector("#panel-installers .toggle-table")).click();
        dealer.screenshot("reports-dealer");

        // A phone: one column, nothing wider than the screen, charts resized to it.
        dealer.driver().manage().window().setSize(Browser.PHONE);
        dealer.until("charts resized to the phone", () -> ((Number) dealer.js(
            "return document.querySelector('#panel-trend .chart canvas').getBoundingClientRect().width")).doubleValue()
            <= ((Number) dealer.js("return window.innerWidth")).doubleValue());
        assertTrue((Boolean) dealer.js("return document.documentElement.scrollWidth <= window.innerWidth + 1"),
            "no sideways scrolling on a phone");
        dealer.screenshot("reports-phone");
        dealer.js("document.getElementById('panel-trend').scrollIntoView()");
        dealer.screenshot("reports-phone-chart");
        assertNoConsoleErrors(dealer);
      }
    }
  }

  /** The return address of the login: the dashboard only; a failed login keeps it; anything else is ignored. */
  private static void theLoginComesBackOnlyToTheDashboard(int port) throws Exception {
    assertEquals("/reports/", RawHttp.send(port, "GET", "/reports", "", null).header("Location"));
    assertEquals("/agent/login?next=%2Freports%2F%3Ffrom%3D2026-01-01%26dealer%3DD0010",
        RawHttp.send(port, "GET", "/reports/?from=2026-01-01&dealer=D0010", "", null).header("Location"));
    assertEquals("/agent/login?next=%2Freports%2F", RawHttp.send(port, "GET", "/reports/?a=%22%3E<x>", "", null)
        .header("Location"), "a query that is not plain is dropped");
    String form = "Content-Type: application/x-www-form-urlencoded\r\n";
    RawHttp.Response wrong = RawHttp.send(port, "POST", "/agent/login", form,
        "username=zhang.wei&password=nope&next=%2Freports%2F%3Ffrom%3D2026-01-01");
    assertEquals("/agent/login?next=%2Freports%2F%3Ffrom%3D2026-01-01&error=1", wrong.header("Location"));
    RawHttp.Response evil = RawHttp.send(port, "POST", "/agent/login", form,
        "username=zhang.wei&password=zhang-password-1&next=%2F%2Fevil.example%2Freports%2F");
    assertEquals("/agent", evil.header("Location"), "no open redirect");
    RawHttp.Response page = RawHttp.send(port, "GET", "/agent/login?next=%2Freports%2F%3Fa%3D1%22%3E%3Cscript%3E", "",
        null);
    assertFalse(page.body().contains("<script>") || page.body().contains("name=\"next\""), page.body());
    assertTrue(RawHttp.send(port, "GET", "/agent/login?next=%2Freports%2F%3Fto%3D2026-01-31", "", null).body()
        .contains("<input type=\"hidden\" name=\"next\" value=\"/reports/?to=2026-01-31\">"));
  }

  /** No download in progress in the folder, and the file non-empty and the same size twice 200 ms apart. */
  private boolean downloadSettled(Path file) {
    try (Stream<Path> files = Files.list(downloads)) {
      if (files.anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"))) {
        return false;
      }
      long size = Files.size(file);
      Thread.sleep(200);
      return size > 0 && Files.size(file) == size;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private List<Path> csvFiles() {
    try (Stream<Path> files = Files.list(downloads)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".csv")).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void signIn(Browser b, String username, String password) {
    b.driver().findElement(By.name("username")).sendKeys(username);
    WebElement field = b.driver().findElement(By.name("password"));
    field.sendKeys(password);
    field.submit();
  }

  /** Waits until the page shows the figures of exactly this query. */
  private static void awaitFigures(Browser b, String query) {
    b.until("the figures of " + query, () -> "ready".equals(b.driver().findElement(By.tagName("body"))
        .getAttribute("data-state")) && query.equals(b.driver().findElement(By.tagName("body"))
        .getAttribute("data-query")));
  }

  private static List<String> cells(Browser b, String rowCss) {
    return b.all(rowCss + " > *").stream().map(WebElement::getText).toList();
  }

  private static String dealerName(JsonObject board, String id) {
    JsonObject d = board.getJsonObject("labels").getJsonObject("dealers").getJsonObject(id);
    return id.equals("HQ") ? "总部" : d == null ? id : d.getString("name");
  }

  private enum Kind { COUNT, RATE, ONE_DECIMAL }

  /** Every KPI card: the raw figure the page holds equals the API's, and the text shown is it, formatted. */
  private static void assertKpis(Browser b, JsonObject api) {
    JsonObject sla = api.getJsonObject("sla");
    JsonObject handling = api.getJsonObject("handling");
    Object[][] cards = {
        {"tickets", api.getJsonObject("tickets").getValue("total"), Kind.COUNT},
        {"firstResponse", sla.getValue("firstResponseOnTime"), Kind.RATE},
        {"resolution", sla.getValue("resolutionOnTime"), Kind.RATE},
        {"avgHours", handling.getValue("averageHours"), Kind.ONE_DECIMAL},
        {"p90Hours", handling.getValue("p90Hours"), Kind.ONE_DECIMAL},
        {"fcr", api.getValue("firstContactResolution"), Kind.RATE},
        {"recomplaint", api.getValue("recomplaintRate"), Kind.RATE},
        {"escalations", api.getJsonObject("escalations").getValue("count"), Kind.COUNT},
        {"csat", api.getValue("csat"), Kind.RATE},
        {"nps", api.getValue("nps"), Kind.ONE_DECIMAL},
        {"responseRate", api.getJsonObject("surveys").getValue("responseRate"), Kind.RATE}};
    int withFigures = 0;
    for (Object[] card : cards) {
      WebElement value = b.driver().findElement(By.cssSelector(".kpi[data-kpi='" + card[0] + "'] .value"));
      String raw = value.getAttribute("data-value");
      String shown = value.getText();
      String what = card[0] + ": page shows " + shown + " (" + raw + "), the API says " + card[1];
      if (card[1] == null) {
        assertEquals("", raw, what);
        assertEquals("—", shown, what);
        continue;
      }
      withFigures++;
      double expected = ((Number) card[1]).doubleValue();
      assertEquals(expected, Double.parseDouble(raw), 1e-9, what);
      switch ((Kind) card[2]) {
        case COUNT -> assertEquals(Long.toString(Math.round(expected)), shown.replace(",", ""), what);
        case RATE -> {
          assertTrue(shown.matches("-?\\d+\\.\\d%"), what);
          assertEquals(expected * 100, Double.parseDouble(shown.replace("%", "")), 0.05 + 1e-9, what);
        }
        case ONE_DECIMAL -> {
          assertTrue(shown.matches("-?\\d+\\.\\d"), what);
          assertEquals(expected, Double.parseDouble(shown), 0.05 + 1e-9, what);
        }
      }
    }
    assertTrue(withFigures >= 9, "most cards have figures over generated data: " + withFigures);
  }

  /** Nothing went wrong in the page: no JS error, no refused resource, no CSP violation. */
  private static void assertNoConsoleErrors(Browser b) {
    List<String> bad = b.browserLog().stream().filter(e -> e.startsWith("SEVERE") || e.contains("Content Security Policy"))
        .filter(e -> !e.contains("favicon.ico")).toList();
    assertEquals(List.of(), bad, "the browser's console");
  }
}
