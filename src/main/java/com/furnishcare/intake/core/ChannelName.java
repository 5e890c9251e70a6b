package com.furnishcare.intake.core;

/** The doors a homeowner can knock on. The wire name is what stores and metrics use. */
public enum ChannelName {
  WECHAT("wechat"),
  SMS("sms"),
  WEBCHAT("webchat");

  private final String wireName;

  ChannelName(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
