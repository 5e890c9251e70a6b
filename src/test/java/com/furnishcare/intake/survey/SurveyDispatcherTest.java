package com.furnishcare.intake.survey;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.channel.sms.TencentSmsSender;
import com.furnishcare.intake.channel.wechat.WxJavaPushSender;
import com.furnishcare.intake.config.GatewayConfig;
import com.furnishcare.intake.core.SurveyCodes;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyOutcome;
import com.furnishcare.intake.core.SurveyStore;
import com.furnishcare.intake.dialog.DialogContext;
import com.furnishcare.intake.store.StoreSettings;
import com.furnishcare.intake.store.Stores;
import com.furnishcare.intake.store.embedded.EmbeddedStores;
import com.furnishcare.intake.support.FakeTencentSms;
import com.furnishcare.intake.support.FakeWeChatApi;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.survey.dispatch.FirstReachableDelivery;
import com.furnishcare.intake.survey.dispatch.QuietHours;
import com.furnishcare.intake.survey.dispatch.SmsSurvey;
import com.furnishcare.intake.survey.dispatch.SurveyDelivery;
import com.furnishcare.intake.survey.dispatch.SurveyDispatcher;
import com.furnishcare.intake.survey.dispatch.WeChatTemplateSurvey;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher with real parts: the embedded store, WxJava against the fake WeChat API, Tencent's SDK
 * against the fake SMS provider; time is a clock the test moves.
 */
@ExtendWith(VertxExtension.class)
class SurveyDispatcherTest {

  static final String TEMPLATE = "TPL-survey-invite";
  static final String SMS_TEMPLATE = "2090001";
  static final String PUBLIC_URL = "https://service.brand.test";
  /** 10:00 in China. */
  private static final Instant MORNING = Instant.parse("2026-12-02T02:00:00Z");

  @TempDir
  Path dataDir;
  private Vertx vertx;
  private FakeWeChatApi wechat;
  private FakeTencentSms sms;
  private Stores stores;
  private SurveyStore store;
  private WxJavaPushSender sender;
  private TencentSmsSender smsSender;
  private final MovingClock clock = new MovingClock(MORNING);

  static final class MovingClock extends Clock {
    private volatile Instant now;

    MovingClock(Instant now) {
      this.now = now;
    }

    void set(Instant at) {
      now = at;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    wechat = await(new FakeWeChatApi(TestConfig.APP_ID, TestConfig.SECRET).start(vertx));
    wechat.ownsTemplate(TEMPLATE);
    sms = await(new FakeTencentSms("AKIDsurveytest", "survey-secret-key", "1400000001", "家居服务").approve(SMS_TEMPLATE, 1)
        .start(vertx));
    GatewayConfig config = TestConfig.embedded(dataDir).api(wechat).sms(sms).with("SMS_STATUS_TEMPLATE_ID", "100").build();
    stores = await(EmbeddedStores.open(vertx, dataDir, StoreSettings.defaults()));
    store = stores.surveys();
    sender = WxJavaPushSender.create(vertx, config.wechat(), stores.tokens(), clock);
    smsSender = new TencentSmsSender(vertx, config.sms().orElseThrow());
  }

  @AfterEach
  void stop() {
    await(sender.close());
    await(smsSender.close());
    await(stores.close());
    await(wechat.stop());
    await(sms.stop());
  }

  private static final WeChatTemplateSurvey.Invitation INVITATION =
      new WeChatTemplateSurvey.Invitation("安装服务", "您好，您的安装服务已完成，请花1分钟为我们打分。", "点击本消息填写问卷，您的评价对我们很重要。");

  private SurveyDelivery channels() {
    return new FirstReachableDelivery(List.of(
        new WeChatTemplateSurvey(sender, TEMPLATE, PUBLIC_URL, id -> INVITATION),
        new SmsSurvey(smsSender, SMS_TEMPLATE)));
  }

  private SurveyDispatcher dispatcher(SurveyDelivery delivery, Optional<QuietHours> quiet) {
    return new SurveyDispatcher(vertx, store, delivery,
        new SurveyDispatcher.Settings(Duration.ofDays(30), quiet, 20, Duration.ofDays(7)), clock);
  }

  private SurveyDispatcher dispatcher() {
    return dispatcher(channels(), Optional.empty());
  }

  private SurveyJob job(String id, String phone, String openId) {
    Instant now = clock.instant();
    return new SurveyJob(id, "post-installation", "DD" + id, Optional.ofNullable(phone), Optional.ofNullable(openId),
        Optional.of("王芳"), Optional.of("杭州西湖体验店"), Optional.of("李师傅"),
        Instant.parse("2026-12-01T07:30:00Z"), now, now);
  }

  private void accept(SurveyJob... jobs) {
    await(store.acceptAll(List.of(jobs)));
  }

  private SurveyOutcome outcome(String id) {
    return await(store.outcome(id)).orElseThrow(() -> new AssertionError("no outcome for " + id));
  }

  @Test
  void aFollowerGetsTheTemplateMessageAndAPhoneOnlyHomeownerTheSms() {
    accept(job("both", "13800138001", "oFollower-1"), job("phone-only", "13800138002", null));
    assertEquals(2, await(dispatcher().runOnce()));

    assertEquals(SurveyOutcome.sent("wechat"), outcome("both"));
    assertEquals(SurveyOutcome.sent("sms"), outcome("phone-only"));
    assertEquals(1, wechat.templateMessages().size(), wechat.templateMessages().toString());
    FakeWeChatApi.Template t = wechat.templateMessages().get(0);
    assertEquals("oFollower-1", t.openId());
    assertEquals(TEMPLATE, t.templateId());
    assertEquals(Map.of("first", "您好，您的安装服务已完成，请花1分钟为我们打分。", "keyword1", "DDboth", "keyword2", "安装服务",
        "keyword3", "2026-12-01", "remark", "点击本消息填写问卷，您的评价对我们很重要。"), t.data());
    assertTrue(t.url().startsWith(PUBLIC_URL + "/s/"), t.url());
    String wechatCode = t.url().substring((PUBLIC_URL + "/s/").length());
    assertEquals("both", await(store.byCode(wechatCode, clock.instant())).orElseThrow().id(), "the link opens this survey");

    assertEquals(1, sms.sent().size(), "the follower got no SMS as well: " + sms.sent());
    FakeTencentSms.Sent text = sms.sent().get(0);
    assertEquals("+8613800138002", text.phone());
    assertEquals(SMS_TEMPLATE, text.templateId());
    assertEquals(1, text.params().size());
    String smsCode = text.params().get(0);
    assertEquals(SurveyCodes.LENGTH, smsCode.length());
    assertEquals("phone-only", await(store.byCode(smsCode, clock.instant())).orElseThrow().id());
    assertEquals(List.of(), wechat.problems());
    assertEquals(List.of(), sms.problems(), "within the 6-character variable limit");
  }

  @Test
  void refusalsAndMissingChannelsAreRecorded() {
    accept(job("blacklisted", "13800138003", null));
    sms.rejectNextNumber("FailedOperation.PhoneNumberInBlacklist");
    await(dispatcher().runOnce());
    SurveyOutcome refused = outcome("blacklisted");
    assertEquals(SurveyOutcome.Kind.REFUSED, refused.kind());
    assertEquals(Optional.of("sms"), refused.channel());
    assertEquals(Optional.of("FailedOperation.PhoneNumberInBlacklist"), refused.code());

    accept(job("unknown-template", null, "oFollower-2"));
    SurveyDelivery wrongTemplate = new FirstReachableDelivery(List.of(
        new WeChatTemplateSurvey(sender, "TPL-not-ours", PUBLIC_URL, id -> INVITATION), new SmsSurvey(smsSender, SMS_TEMPLATE)));
    await(dispatcher(wrongTemplate, Optional.empty()).runOnce());
    assertEquals(Optional.of("40037"), outcome("unknown-template").code(), "WeChat's code, SMS had no number to try");

    accept(job("openid-only", null, "oFollower-3"));
    await(dispatcher(new FirstReachableDelivery(List.of(new SmsSurvey(smsSender, SMS_TEMPLATE))), Optional.empty()).runOnce());
    assertEquals(SurveyOutcome.of(SurveyOutcome.Kind.NO_CHANNEL), outcome("openid-only"));
    // Refused and unreached homeowners were not booked: a later survey may reach them.
    assertEquals(Optional.empty(), await(store.lastSurveyed(List.of("phone:13800138003", "wechat:oFollower-3"))));
  }

  @Test
  void aJobThePassReachesTooLateInItsLeaseIsLeftForTheNextClaimNotSent() {
    accept(job("first", "13800138011", null));
    clock.set(clock.instant().plusSeconds(1));
    accept(job("second", "13800138012", null));
    SurveyDelivery real = channels();
    // The first delivery takes 100 s (a provider retrying while busy): the pass's lease is nearly spent
    // when the second job's turn comes, and another process may claim it any moment.
    SurveyDelivery slowFirst = (job, code) -> {
      if (job.id().equals("first")) {
        clock.set(clock.instant().plusSeconds(100));
      }
      return real.deliver(job, code);
    };
    SurveyDispatcher d = new SurveyDispatcher(vertx, store, slowFirst,
        new SurveyDispatcher.Settings(Duration.ofDays(30), Optional.empty(), 2, Duration.ofDays(7)), clock);
    await(d.runOnce());
    assertEquals(SurveyOutcome.sent("sms"), outcome("first"));
    assertEquals(Optional.empty(), await(store.outcome("second")), "not sent with its lease running out");
    assertEquals(1, sms.sent().size());
    await(d.runOnce());
    assertEquals(SurveyOutcome.sent("sms"), outcome("second"), "sent by the next pass, once");
    assertEquals(2, sms.sent().size());
  }

  @Test
  void aProviderThatCannotBeReachedLeavesTheJobForALaterTry() {
    accept(job("flaky", "13800138004", null));
    sms.failNext("InternalError.Timeout");
    SurveyDispatcher d = dispatcher();
    await(d.runOnce());
    assertEquals(Optional.empty(), await(store.outcome("flaky")), "no outcome yet");
    assertEquals(0, await(d.runOnce()), "not due again at once");
    clock.set(clock.instant().plus(Duration.ofMinutes(1)));
    await(d.runOnce());
    assertEquals(SurveyOutcome.sent("sms"), outcome("flaky"));
    assertEquals(1, sms.sent().size());
  }

  @Test
  void quietHoursHoldAJobUntilTheMorning() {
    Optional<QuietHours> night = QuietHours.parse("21:00-09:00", DialogContext.CHINA);
    clock.set(Instant.parse("2026-12-02T14:30:00Z")); // 22:30 in China
    accept(job("late", "13800138005", null));
    SurveyDispatcher d = dispatcher(channels(), night);
    assertEquals(1, await(d.runOnce()));
    assertEquals(Optional.empty(), await(store.outcome("late")));
    assertEquals(Instant.parse("2026-12-03T01:00:00Z"), await(store.job("late")).orElseThrow().dueAt(),
        "due again at 09:00 China time");
    clock.set(Instant.parse("2026-12-03T00:59:00Z")); // 08:59
    assertEquals(0, await(d.runOnce()), "not yet");
    assertEquals(0, sms.sent().size());
    clock.set(Instant.parse("2026-12-03T01:00:00Z")); // 09:00
    assertEquals(1, await(d.runOnce()));
    assertEquals(SurveyOutcome.sent("sms"), outcome("late"));
    assertEquals(1, sms.sent().size());
  }

  @Test
  void anOptedOutHomeownerIsNeverSurveyed() {
    await(store.optOut(SurveyJob.phoneContact("13800138006"), clock.instant()));
    await(store.optOut(SurveyJob.wechatContact("oQuit"), clock.instant()));
    accept(job("td-phone", "13800138006", "oStill-following"), job("td-wechat", "13900139006", "oQuit"));
    await(dispatcher().runOnce());
    assertEquals(SurveyOutcome.of(SurveyOutcome.Kind.OPTED_OUT), outcome("td-phone"), "opted out by SMS, also not on WeChat");
    assertEquals(SurveyOutcome.of(SurveyOutcome.Kind.OPTED_OUT), outcome("td-wechat"));
    assertEquals(List.of(), wechat.templateMessages());
    assertEquals(List.of(), sms.sent());
  }

  @Test
  void aHomeownerGetsAtMostOneSurveyPerPeriod() {
    SurveyDispatcher d = dispatcher();
    accept(job("first", "13800138007", null), job("same-pass", "13800138007", "oSameHome"));
    await(d.runOnce());
    assertEquals(List.of(SurveyOutcome.Kind.SENT, SurveyOutcome.Kind.HELD).stream().sorted().toList(),
        List.of(outcome("first").kind(), outcome("same-pass").kind()).stream().sorted().toList(),
        "two jobs for one number in one pass: one goes out");
    clock.set(clock.instant().plus(Duration.ofDays(10)));
    accept(job("ten-days-later", "13800138007", null));
    await(d.runOnce());
    assertEquals(SurveyOutcome.of(SurveyOutcome.Kind.HELD), outcome("ten-days-later"));
    clock.set(clock.instant().plus(Duration.ofDays(21)));
    accept(job("a-month-later", "13800138007", null));
    await(d.runOnce());
    assertEquals(SurveyOutcome.sent("sms"), outcome("a-month-later"));
    assertEquals(2, sms.sent().size());
  }

  @Test
  void aJobNotSentWithinAWeekExpires() {
    accept(job("old", "13800138008", null));
    clock.set(clock.instant().plus(Duration.ofDays(8)));
    await(dispatcher().runOnce());
    assertEquals(SurveyOutcome.of(SurveyOutcome.Kind.EXPIRED), outcome("old"));
    assertEquals(List.of(), sms.sent());
  }
}
