package com.furnishcare.intake.agent;

import com.furnishcare.intake.core.ChatBus;

/**
 * Tells every open console, on this process and others, that the queue changed. It rides the chat bus
 * (Redis pub/sub with Redis) on a topic no conversation can have: consoles then read the queue again.
 * A conversation's new entries need nothing of this: the chat bus already announces them by transcript id.
 */
public final class AgentNews {

  /** Web-chat ids are URL-safe base64 and other transcript ids start with a channel name: no clash. */
  public static final String QUEUE_TOPIC = "agent:queue";

  private final ChatBus bus;

  public AgentNews(ChatBus bus) {
    this.bus = bus;
  }

  public void queueChanged() {
    bus.publish(QUEUE_TOPIC, System.currentTimeMillis());
  }

  public ChatBus bus() {
    return bus;
  }
}
