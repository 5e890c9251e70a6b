package com.furnishcare.intake.dialog.model;

import java.util.Locale;

/** How a slot's value is recognised and checked. */
public enum SlotType {
  MOBILE,
  ORDER_NUMBER,
  NAME,
  ADDRESS,
  CATEGORY,
  TEXT,
  PHOTOS,
  WANTS,
  DATE;

  public static SlotType parse(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
