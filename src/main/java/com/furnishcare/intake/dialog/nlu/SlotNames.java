package com.furnishcare.intake.dialog.nlu;

/** The slot names the extractors fill; flows refer to them by these names. */
public final class SlotNames {
  public static final String PHONE = "phone";
  public static final String ORDER_NO = "orderNo";
  public static final String CUSTOMER_NAME = "customerName";
  public static final String ADDRESS = "address";
  public static final String CATEGORY = "category";
  public static final String DESCRIPTION = "description";
  public static final String WANTS = "wants";
  public static final String OCCURRED_ON = "occurredOn";
  public static final String PHOTOS = "photos";

  private SlotNames() {}
}
