package com.furnishcare.intake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The login comes back only to the dashboard, with a plain query: no open redirect, nothing to escape. */
class LoginReturnTest {

  @ParameterizedTest
  @ValueSource(strings = {"/reports/", "/reports/?from=2026-01-01&to=2026-01-31",
      "/reports/?from=2026-01-01&to=2026-01-31&region=%E5%8D%8E%E4%B8%9C&dealer=D0571&dim=level"})
  void theDashboardIsAPlaceToComeBackTo(String next) {
    assertEquals(Optional.of(next), LoginReturn.of(next));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/", "/agent", "/agent/", "/reports", "//evil.example/reports/", "https://evil.example/",
      "/reports/../agent/", "/reports/x", "/reports/?a=\"><script>", "/reports/?a=1\r\nSet-Cookie:x=1",
      "/reports/?a=1#x", "/reports/?", "/reports/?a=<b>", "/reports/?a=1 b", "\\\\evil.example", "/reports/?a=1'"})
  void anythingElseIsIgnored(String next) {
    assertEquals(Optional.empty(), LoginReturn.of(next));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/reports/?from=2026-01-01&to=2026-01-31"})
  void theLoginPageAddressCarriesItEncoded(String next) {
    assertEquals("/agent/login?next=%2Freports%2F%3Ffrom%3D2026-01-01%26to%3D2026-01-31", LoginReturn.loginFor(next));
  }
}
