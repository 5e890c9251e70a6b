package com.furnishcare.intake.channel.wechat;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageKind;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One decrypted WeChat push, as the fields WeChat sent. Knows WeChat's vocabulary (MsgType, Event,
 * MsgId) and translates it into the channel-neutral {@link InboundMessage}.
 */
record WeChatMessage(Map<String, String> fields) {

  /** A field WeChat always sends is missing. */
  static final class Incomplete extends Exception {
    Incomplete(String message) {
      super(message);
    }
  }

  static WeChatMessage of(Map<String, String> fields) throws Incomplete {
    for (String required : new String[] {"ToUserName", "FromUserName", "CreateTime", "MsgType"}) {
      if (fields.getOrDefault(required, "").isBlank()) {
        throw new Incomplete("missing " + required);
      }
    }
    try {
      Long.parseLong(fields.get("CreateTime"));
    } catch (NumberFormatException e) {
      throw new Incomplete("CreateTime is not a number");
    }
    return new WeChatMessage(Map.copyOf(fields));
  }

  String field(String name) {
    return fields.getOrDefault(name, "");
  }

  String openId() {
    return field("FromUserName");
  }

  String accountId() {
    return field("ToUserName");
  }

  String msgType() {
    return field("MsgType").toLowerCase(Locale.ROOT);
  }

  String event() {
    return field("Event").toUpperCase(Locale.ROOT);
  }

  boolean isEvent() {
    return "event".equals(msgType());
  }

  /** Template-message delivery reports are bookkeeping, not something the user said. */
  boolean isTemplateDeliveryReport() {
    return isEvent() && "TEMPLATESENDJOBFINISH".equals(event());
  }

  /**
   * The identity WeChat keeps across its retries: MsgId for messages, sender + CreateTime for events
   * (events carry no MsgId). The event name is added so two different events in one second stay apart.
   */
  String dedupeKey() {
    String msgId = field("MsgId");
    if (!msgId.isBlank()) {
      return "wechat:" + accountId() + ":msg:" + msgId;
    }
    return "wechat:" + accountId() + ":event:" + openId() + ":" + field("CreateTime") + ":" + event();
  }

  InboundMessage toInbound(Instant receivedAt) {
    Map<String, String> attributes = new HashMap<>();
    attributes.put("wechatMsgType", msgType());
    MessageKind kind;
    String text = "";
    switch (msgType()) {
      case "text" -> {
        kind = MessageKind.TEXT;
        text = field("Content");
      }
      case "image" -> {
        kind = MessageKind.IMAGE;
        attributes.put("mediaId", field("MediaId"));
        attributes.put("picUrl", field("PicUrl"));
      }
      case "voice" -> {
        // With speech recognition switched on, WeChat sends what the user said; treat it as text.
        kind = MessageKind.VOICE;
        text = field("Recognition");
        attributes.put("mediaId", field("MediaId"));
        attributes.put("format", field("Format"));
      }
      case "location" -> {
        kind = MessageKind.LOCATION;
        text = field("Label");
        attributes.put("latitude", field("Location_X"));
        attributes.put("longitude", field("Location_Y"));
        attributes.put("scale", field("Scale"));
      }
      case "link" -> {
        kind = MessageKind.LINK;
        text = field("Title");
        attributes.put("url", field("Url"));
        attributes.put("description", field("Description"));
      }
      case "event" -> {
        kind = eventKind();
        text = field("EventKey");
        attributes.put("event", event());
        if (kind == MessageKind.SUBSCRIBE && text.startsWith("qrscene_")) {
          attributes.put("scene", text.substring("qrscene_".length()));
        }
      }
      default -> kind = MessageKind.OTHER;
    }
    attributes.values().removeIf(String::isEmpty);
    return new InboundMessage(new ConversationKey(ChannelName.WECHAT, openId()), kind, text, attributes, receivedAt);
  }

  private MessageKind eventKind() {
    return switch (event()) {
      case "SUBSCRIBE" -> MessageKind.SUBSCRIBE;
      case "UNSUBSCRIBE" -> MessageKind.UNSUBSCRIBE;
      case "CLICK" -> MessageKind.MENU_CLICK;
      case "SCAN" -> MessageKind.SCAN;
      default -> MessageKind.OTHER_EVENT;
    };
  }

  /** A readable type label for metrics: the MsgType, or event_&lt;name&gt;. */
  String metricType() {
    return isEvent() ? "event_" + event().toLowerCase(Locale.ROOT) : msgType();
  }
}
