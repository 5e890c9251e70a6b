package com.furnishcare.intake.core;

/**
 * Who handles a ticket on the ground: the dealer (store) of the order and its region, or headquarters
 * when the order is not known (the two-layer complaint channel: dealer first, headquarters as fallback).
 */
public record Route(String dealer, String dealerName, String region) {

  public static final String HEADQUARTERS = "HQ";

  public static Route headquarters() {
    return new Route(HEADQUARTERS, "总部客服中心", "总部");
  }
}
