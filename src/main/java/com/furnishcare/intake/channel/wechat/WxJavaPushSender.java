package com.furnishcare.intake.channel.wechat;

import com.furnishcare.intake.config.WeChatConfig;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.PushSender;
import com.furnishcare.intake.core.TokenCache;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateData;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateMessage;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.bean.kefu.WxMpKefuMessage;
import me.chanjar.weixin.mp.config.WxMpHostConfig;

/**
 * Customer-service (kefu) text messages through WxJava. WxJava's HTTP client blocks, so every call
 * runs on a small dedicated worker pool.
 */
public final class WxJavaPushSender implements PushSender {

  /**
   * Errors that retrying cannot fix: 45015 outside the 48-hour window, 45047 too many messages
   * without a user reply, 43004 the user unfollowed, 40003 not a follower's OpenID.
   */
  static final Set<Integer> PERMANENT_ERRORS = Set.of(45015, 45047, 43004, 40003);

  /** Outside the 48-hour customer-service window WeChat refuses kefu messages with this code. */
  static final int OUTSIDE_WINDOW = 45015;

  private final WxMpService service;
  private final WorkerExecutor executor;
  private final Optional<String> templateId;

  private WxJavaPushSender(WxMpService service, WorkerExecutor executor, Optional<String> templateId) {
    this.service = service;
    this.executor = executor;
    this.templateId = templateId;
  }

  public static WxJavaPushSender create(Vertx vertx, WeChatConfig config, TokenCache tokens, Clock clock) {
    String appId = config.appId().orElseThrow();
    WeChatTokenStorage storage = new WeChatTokenStorage(tokens, clock, appId);
    storage.setAppId(appId);
    storage.setSecret(config.secret().orElseThrow());
    config.token().ifPresent(storage::setToken);
    config.aesKey().ifPresent(storage::setAesKey);
    storage.setHostConfig(hostConfig(config.apiBase()));
    WxMpServiceImpl service = new WxMpServiceImpl();
    service.setWxMpConfigStorage(storage);
    // WeChat's "system busy" (-1) is retried by us with backoff; keep WxJava's own loop short.
    service.setMaxRetryTimes(1);
    service.setRetrySleepMillis(200);
    return new WxJavaPushSender(service, vertx.createSharedWorkerExecutor("wechat-api", 4), config.statusTemplateId());
  }

  /** WxJava swaps its default hosts for these, which is how tests point it at a local fake. */
  private static WxMpHostConfig hostConfig(String apiBase) {
    URI uri = URI.create(apiBase);
    WxMpHostConfig host = new WxMpHostConfig();
    host.setApiHost(apiBase);
    host.setMpHost(uri.getScheme() + "://" + uri.getAuthority());
    host.setOpenHost(uri.getScheme() + "://" + uri.getAuthority());
    return host;
  }

  @Override
  public Future<Void> push(ConversationKey to, String text) {
    WxMpKefuMessage message = WxMpKefuMessage.TEXT().toUser(to.userId()).content(text).build();
    return executor.executeBlocking(() -> {
      try {
        service.getKefuService().sendKefuMessage(message);
        return null;
      } catch (WxErrorException e) {
        int code = e.getError() == null ? 0 : e.getError().getErrorCode();
        if (code == OUTSIDE_WINDOW && templateId.isPresent()) {
          sendTemplate(to.userId(), text);
          return null;
        }
        if (PERMANENT_ERRORS.contains(code)) {
          throw new PushRejected(code, e.getError().getErrorMsg());
        }
        throw e;
      }
    }, false);
  }

  /** Whether a template message (WECHAT_STATUS_TEMPLATE_ID) can reach followers outside the window. */
  public boolean hasTemplate() {
    return templateId.isPresent();
  }

  /** Sends {@code text} as the configured template message straight away (outside the 48-hour window). */
  public Future<Void> pushTemplate(ConversationKey to, String text) {
    return executor.executeBlocking(() -> {
      sendTemplate(to.userId(), text);
      return null;
    }, false);
  }

  /**
   * A template message of any template: its fields in order and, if not null, the page it opens when
   * tapped. A refusal (unknown template, not a follower, …) is a {@link PushRejected} with WeChat's code.
   */
  public Future<Void> pushTemplate(String openId, String templateId, java.util.Map<String, String> data, String url) {
    WxMpTemplateMessage message = WxMpTemplateMessage.builder()
        .toUser(openId)
        .templateId(templateId)
        .url(url)
        .data(data.entrySet().stream().map(e -> new WxMpTemplateData(e.getKey(), e.getValue())).toList())
        .build();
    return executor.executeBlocking(() -> {
      try {
        service.getTemplateMsgService().sendTemplateMsg(message);
        return null;
      } catch (WxErrorException e) {
        int code = e.getError() == null ? 0 : e.getError().getErrorCode();
        if (code == -1 || e.getError() == null) {
          throw e; // WeChat busy or no answer: worth another try
        }
        throw new PushRejected(code, "template message refused: " + e.getError().getErrorMsg());
      }
    }, false);
  }

  /**
   * Template messages reach a follower outside the 48-hour window. The configured template
   * (WECHAT_STATUS_TEMPLATE_ID) must have a {@code {{content.DATA}}} field, which carries the text.
   */
  private void sendTemplate(String openId, String text) throws WxErrorException {
    WxMpTemplateMessage message = WxMpTemplateMessage.builder()
        .toUser(openId)
        .templateId(templateId.orElseThrow())
        .data(List.of(new WxMpTemplateData("content", text)))
        .build();
    try {
      service.getTemplateMsgService().sendTemplateMsg(message);
    } catch (WxErrorException e) {
      int code = e.getError() == null ? 0 : e.getError().getErrorCode();
      throw new PushRejected(code, "template message refused: " + e.getError().getErrorMsg());
    }
  }

  /** The configured WxJava service (token storage shared through the store), for other API calls. */
  WxMpService service() {
    return service;
  }

  public Future<Void> close() {
    return executor.close();
  }
}
