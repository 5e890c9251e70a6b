package com.furnishcare.intake.channel.sms;

import com.furnishcare.intake.config.SmsConfig;
import com.furnishcare.intake.core.SmsSender;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.sms.v20210111.SmsClient;
import com.tencentcloudapi.sms.v20210111.models.SendSmsRequest;
import com.tencentcloudapi.sms.v20210111.models.SendSmsResponse;
import com.tencentcloudapi.sms.v20210111.models.SendStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * SendSms of Tencent Cloud SMS (API 2021-01-11) through Tencent's own SDK, which signs requests with
 * TC3-HMAC-SHA256. The SDK's HTTP call blocks, so it runs on a small worker pool of its own.
 */
public final class TencentSmsSender implements SmsSender {

  /** Errors worth another try: the provider's side was busy or broken, or the network was. */
  private static final Set<String> TRANSIENT_PREFIXES = Set.of("InternalError", "RequestLimitExceeded",
      "ClientSideError", "ServerSideError");

  private final SmsClient client;
  private final SmsConfig config;
  private final WorkerExecutor workers;

  public TencentSmsSender(Vertx vertx, SmsConfig config) {
    this.config = config;
    URI base = URI.create(config.apiBase());
    HttpProfile http = new HttpProfile();
    http.setProtocol(base.getScheme() + "://");
    http.setEndpoint(base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + base.getPort());
    http.setReqMethod("POST");
    http.setConnTimeout(5);
    http.setReadTimeout(10);
    config.proxy().map(URI::create).ifPresent(proxy -> {
      http.setProxyHost(proxy.getHost());
      http.setProxyPort(proxy.getPort() < 0 ? 80 : proxy.getPort());
    });
    this.client = new SmsClient(new Credential(config.secretId(), config.secretKey()), config.region(),
        new ClientProfile(ClientProfile.SIGN_TC3_256, http));
    this.workers = vertx.createSharedWorkerExecutor("sms-api", 4);
  }

  @Override
  public Future<Void> send(String mobile, String templateId, List<String> params) {
    SendSmsRequest request = new SendSmsRequest();
    request.setSmsSdkAppId(config.sdkAppId());
    request.setSignName(config.signName());
    request.setTemplateId(templateId);
    request.setTemplateParamSet(params.toArray(String[]::new));
    request.setPhoneNumberSet(new String[] {"+86" + mobile});
    return workers.executeBlocking(() -> {
      SendSmsResponse response;
      try {
        response = client.SendSms(request);
      } catch (TencentCloudSDKException e) {
        String code = e.getErrorCode() == null ? "" : e.getErrorCode();
        if (code.isEmpty() || TRANSIENT_PREFIXES.stream().anyMatch(code::startsWith)) {
          throw new IllegalStateException("SMS API failed: " + code + " " + e.getMessage(), e);
        }
        throw new Rejected(code, e.getMessage());
      }
      SendStatus[] statuses = response.getSendStatusSet();
      if (statuses == null || statuses.length == 0) {
        throw new IllegalStateException("SMS API answered without a send status (request " + response.getRequestId() + ")");
      }
      if (!"Ok".equals(statuses[0].getCode())) {
        throw new Rejected(statuses[0].getCode(), statuses[0].getMessage());
      }
      return null;
    }, false);
  }

  public Future<Void> close() {
    return workers.close();
  }
}
