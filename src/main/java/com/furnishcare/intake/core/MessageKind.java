package com.furnishcare.intake.core;

/** What arrived, independent of the channel's own vocabulary. */
public enum MessageKind {
  TEXT,
  IMAGE,
  VOICE,
  LOCATION,
  LINK,
  SUBSCRIBE,
  UNSUBSCRIBE,
  MENU_CLICK,
  SCAN,
  OTHER
}
