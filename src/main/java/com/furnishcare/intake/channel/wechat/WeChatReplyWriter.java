package com.furnishcare.intake.channel.wechat;

import java.time.Clock;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutMessage;

/** Builds the passive reply to a message with WxJava's reply beans. */
final class WeChatReplyWriter {

  private final Clock clock;

  WeChatReplyWriter(Clock clock) {
    this.clock = clock;
  }

  /** A text reply from the account ({@code ToUserName} of the request) to the user. */
  String text(WeChatMessage to, String content) {
    WxMpXmlOutMessage out = WxMpXmlOutMessage.TEXT()
        .content(content)
        .fromUser(to.accountId())
        .toUser(to.openId())
        .build();
    out.setCreateTime(clock.millis() / 1000);
    return out.toXml();
  }
}
