package com.furnishcare.intake.channel.sms;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.furnishcare.intake.config.SmsConfig;
import com.furnishcare.intake.core.SmsSender;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.FakeTencentSms;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Tencent SDK against the fake: signed requests go through; the provider's refusals come back typed. */
@ExtendWith(VertxExtension.class)
class TencentSmsSenderTest {

  private FakeTencentSms fake;
  private TencentSmsSender sender;

  private SmsConfig config(String secretKey) {
    return new SmsConfig("AKIDsender0001", secretKey, "1400000002", "家居售后", "ap-guangzhou",
        "http://sms.tencentcloudapi.com", Optional.of(fake.baseUrl()), "3000001", "", Optional.empty(), 100, "");
  }

  @BeforeEach
  void start(Vertx vertx) {
    fake = await(new FakeTencentSms("AKIDsender0001", "right-key-0123456789", "1400000002", "家居售后")
        .approve("3000001", 2).start(vertx));
    sender = new TencentSmsSender(vertx, config("right-key-0123456789"));
  }

  @AfterEach
  void stop() {
    await(sender.close());
    await(fake.stop());
  }

  private static Throwable failure(io.vertx.core.Future<Void> sent) {
    return Await.failure(sent);
  }

  @Test
  void aSignedRequestWithAnApprovedTemplateIsSent() {
    await(sender.send("13800138000", "3000001", List.of("11月24日", "处理中")));
    assertEquals(List.of(new FakeTencentSms.Sent("+8613800138000", "3000001", List.of("11月24日", "处理中"))), fake.sent());
    assertEquals(List.of(), fake.problems());
  }

  @Test
  void aWrongKeyIsRefusedAsABadSignature(Vertx vertx) {
    TencentSmsSender wrong = new TencentSmsSender(vertx, config("wrong-key-0123456789"));
    Throwable e = failure(wrong.send("13800138000", "3000001", List.of("11月24日", "处理中")));
    assertEquals("AuthFailure.SignatureFailure", assertInstanceOf(SmsSender.Rejected.class, e).code());
    await(wrong.close());
  }

  @Test
  void unapprovedTemplatesAndTooLongVariablesAreRefusedWithTheProvidersCode() {
    Throwable unknown = failure(sender.send("13800138000", "9999999", List.of("x", "y")));
    assertEquals("FailedOperation.TemplateIncorrectOrUnapproved", assertInstanceOf(SmsSender.Rejected.class, unknown).code());
    Throwable tooLong = failure(sender.send("13800138000", "3000001", List.of("11月24日", "已转交总部处理")));
    assertEquals("InvalidParameterValue.TemplateParameterLengthLimit",
        assertInstanceOf(SmsSender.Rejected.class, tooLong).code());
    assertFalse(fake.problems().isEmpty(), "the fake noticed the long variable");
  }

  @Test
  void providerHiccupsAreFailuresWorthRetryingNotRefusals() {
    fake.failNext("InternalError.Timeout");
    Throwable e = failure(sender.send("13800138000", "3000001", List.of("11月24日", "处理中")));
    assertFalse(e instanceof SmsSender.Rejected, e.toString());
  }
}
