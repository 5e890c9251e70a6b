package com.furnishcare.intake.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local stand-in for Tencent Cloud SMS (API 2021-01-11, action SendSms) that checks what the gateway
 * sends and answers as the real API does, errors included: the TC3-HMAC-SHA256 signature over
 * content-type, host and the body; timestamp freshness; the SDK app id, the approved signature and
 * templates, the number of template parameters and their length (at most 6 characters each for
 * notification templates); E.164 numbers. Every error is HTTP 200 with {@code Response.Error}, as there.
 * It is reached as an HTTP proxy (the gateway's SMS_API_PROXY), so requests keep the real host,
 * sms.tencentcloudapi.com, which the signature covers and from which the SDK takes the service name.
 */
public final class FakeTencentSms {

  public record Sent(String phone, String templateId, List<String> params) {}

  private static final Pattern AUTH = Pattern.compile(
      "TC3-HMAC-SHA256 Credential=([^/]+)/(\\d{4}-\\d{2}-\\d{2})/sms/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");
  private static final Pattern E164_CN = Pattern.compile("\\+861\\d{10}");
  public static final int MAX_PARAM_CHARS = 6;

  private final String secretId;
  private final String secretKey;
  private final String sdkAppId;
  private final String signName;
  private final Map<String, Integer> templates = new ConcurrentHashMap<>();
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final Queue<String> scriptedErrors = new ConcurrentLinkedQueue<>();
  private final Queue<String> scriptedNumberCodes = new ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
  private HttpServer server;

  public FakeTencentSms(String secretId, String secretKey, String sdkAppId, String signName) {
    this.secretId = secretId;
    this.secretKey = secretKey;
    this.sdkAppId = sdkAppId;
    this.signName = signName;
  }

  /** An approved template and how many parameters it has. */
  public FakeTencentSms approve(String templateId, int params) {
    templates.put(templateId, params);
    return this;
  }

  /** The next request fails as a whole with this error code (e.g. InternalError.Timeout). */
  public void failNext(String code) {
    scriptedErrors.add(code);
  }

  /** The next message's send status carries this code (e.g. LimitExceeded.PhoneNumberDailyLimit). */
  public void rejectNextNumber(String code) {
    scriptedNumberCodes.add(code);
  }

  public Future<FakeTencentSms> start(Vertx vertx) {
    Router router = Router.router(vertx);
    router.post("/").handler(BodyHandler.create()).handler(this::api);
    router.route().handler(ctx -> {
      problems.add("unexpected request " + ctx.request().method() + " " + ctx.request().uri());
      ctx.response().setStatusCode(404).end();
    });
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").map(s -> {
      server = s;
      return this;
    });
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  public int calls() {
    return calls.get();
  }

  /** What the gateway did wrong; a test asserts this is empty. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void api(RoutingContext ctx) {
    calls.incrementAndGet();
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    String refused = authenticate(ctx, body);
    if (refused != null) {
      error(ctx, refused.split(" ", 2)[0], refused);
      return;
    }
    if (!"SendSms".equals(ctx.request().getHeader("X-TC-Action"))) {
      error(ctx, "InvalidAction", "unknown action " + ctx.request().getHeader("X-TC-Action"));
      return;
    }
    if (!"2021-01-11".equals(ctx.request().getHeader("X-TC-Version"))) {
      error(ctx, "NoSuchVersion", "version " + ctx.request().getHeader("X-TC-Version"));
      return;
    }
    if (ctx.request().getHeader("X-TC-Region") == null) {
      error(ctx, "MissingParameter", "X-TC-Region is required");
      return;
    }
    String scripted = scriptedErrors.poll();
    if (scripted != null) {
      error(ctx, scripted, "scripted failure");
      return;
    }
    JsonObject req;
    try {
      req = new JsonObject(new String(body, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      problems.add("body is not JSON");
      error(ctx, "InvalidParameter", "body is not JSON");
      return;
    }
    if (!sdkAppId.equals(req.getString("SmsSdkAppId"))) {
      error(ctx, "InvalidParameterValue.SdkAppIdNotExist", "SmsSdkAppId " + req.getString("SmsSdkAppId"));
      return;
    }
    if (!signName.equals(req.getString("SignName"))) {
      error(ctx, "FailedOperation.SignatureIncorrectOrUnapproved", "signature " + req.getString("SignName"));
      return;
    }
    Integer expected = templates.get(req.getString("TemplateId", ""));
    if (expected == null) {
      error(ctx, "FailedOperation.TemplateIncorrectOrUnapproved", "template " + req.getString("TemplateId"));
      return;
    }
    JsonArray params = req.getJsonArray("TemplateParamSet", new JsonArray());
    if (params.size() != expected) {
      problems.add("template " + req.getString("TemplateId") + " got " + params.size() + " parameters");
      error(ctx, "FailedOperation.TemplateParamSetNotMatchApprovedTemplate", "parameter count");
      return;
    }
    List<String> values = new ArrayList<>();
    for (Object p : params) {
      String value = String.valueOf(p);
      if (value.codePointCount(0, value.length()) > MAX_PARAM_CHARS) {
        problems.add("template parameter longer than " + MAX_PARAM_CHARS + ": " + value);
        error(ctx, "InvalidParameterValue.TemplateParameterLengthLimit", "parameter too long: " + value);
        return;
      }
      values.add(value);
    }
    JsonArray phones = req.getJsonArray("PhoneNumberSet", new JsonArray());
    if (phones.isEmpty()) {
      error(ctx, "MissingParameter", "PhoneNumberSet");
      return;
    }
    JsonArray statuses = new JsonArray();
    for (Object p : phones) {
      String phone = String.valueOf(p);
      String code = E164_CN.matcher(phone).matches() ? "Ok" : "InvalidParameterValue.IncorrectPhoneNumber";
      String numberCode = scriptedNumberCodes.poll();
      if (numberCode != null && code.equals("Ok")) {
        code = numberCode;
      }
      if (code.equals("Ok")) {
        sent.add(new Sent(phone, req.getString("TemplateId"), values));
      } else if (code.startsWith("InvalidParameterValue")) {
        problems.add("bad phone number " + phone);
      }
      statuses.add(new JsonObject().put("SerialNo", code.equals("Ok") ? UUID.randomUUID().toString() : "")
          .put("PhoneNumber", phone).put("Fee", code.equals("Ok") ? 1 : 0).put("SessionContext", "")
          .put("Code", code).put("Message", code.equals("Ok") ? "send success" : "refused").put("IsoCode", "CN"));
    }
    ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("Response",
        new JsonObject().put("SendStatusSet", statuses).put("RequestId", UUID.randomUUID().toString())).encode());
  }

  /** Null when the request is signed right; otherwise "Code reason". */
  private String authenticate(RoutingContext ctx, byte[] body) {
    String auth = ctx.request().getHeader("Authorization");
    Matcher m = auth == null ? null : AUTH.matcher(auth);
    if (m == null || !m.matches()) {
      problems.add("no TC3 Authorization header: " + auth);
      return "AuthFailure.InvalidAuthorization malformed Authorization";
    }
    if (!m.group(1).equals(secretId)) {
      return "AuthFailure.SecretIdNotFound unknown SecretId";
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(ctx.request().getHeader("X-TC-Timestamp"));
    } catch (RuntimeException e) {
      return "AuthFailure.InvalidAuthorization X-TC-Timestamp missing";
    }
    if (Math.abs(Instant.now().getEpochSecond() - timestamp) > 300) {
      return "AuthFailure.SignatureExpire timestamp too far off";
    }
    String date = DateTimeFormatter.ISO_LOCAL_DATE.format(Instant.ofEpochSecond(timestamp).atOffset(ZoneOffset.UTC));
    if (!date.equals(m.group(2))) {
      return "AuthFailure.SignatureFailure credential date does not match the timestamp";
    }
    if (!"sms.tencentcloudapi.com".equals(ctx.request().getHeader("Host"))) {
      problems.add("Host header " + ctx.request().getHeader("Host"));
    }
    if (!m.group(3).equals("content-type;host")) {
      problems.add("signed headers " + m.group(3));
    }
    try {
      String canonical = "POST\n/\n\ncontent-type:" + ctx.request().getHeader("Content-Type") + "\nhost:"
          + ctx.request().getHeader("Host") + "\n\ncontent-type;host\n" + sha256Hex(body);
      String toSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + date + "/sms/tc3_request\n"
          + sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
      byte[] k = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
      k = hmac(k, "sms");
      k = hmac(k, "tc3_request");
      String expected = HexFormat.of().formatHex(hmac(k, toSign));
      if (!expected.equals(m.group(4))) {
        problems.add("TC3 signature does not verify");
        return "AuthFailure.SignatureFailure signature does not match";
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return null;
  }

  private void error(RoutingContext ctx, String code, String message) {
    ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("Response",
        new JsonObject().put("Error", new JsonObject().put("Code", code).put("Message", message))
            .put("RequestId", UUID.randomUUID().toString())).encode());
  }

  private static String sha256Hex(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  private static byte[] hmac(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  /** The gateway's settings for sending through this fake: provider, credentials, app, sign, and the proxy. */
  public java.util.Map<String, String> gatewaySettings() {
    return java.util.Map.of("SMS_PROVIDER", "tencent", "TENCENTCLOUD_SECRET_ID", secretId,
        "TENCENTCLOUD_SECRET_KEY", secretKey, "SMS_SDK_APP_ID", sdkAppId, "SMS_SIGN_NAME", signName,
        "SMS_API_BASE", "http://sms.tencentcloudapi.com", "SMS_API_PROXY", baseUrl());
  }
}
