package com.furnishcare.intake.config;

import java.nio.file.Path;

/**
 * Where the alerts file is and where robot messages go.
 *
 * @param file {@code ALERTS_FILE}, else {@code ./config/alerts.yaml}
 * @param required whether {@code ALERTS_FILE} named it: then it must exist; the default path may be absent,
 *     which means no alerts (the gateway runs as without the feature)
 * @param robotBaseUrl scheme://host[:port] the robot API is called at ({@code WECOM_ROBOT_BASE_URL}); the
 *     real one unless a proxy or a test's fake stands in
 */
public record AlertsConfig(Path file, boolean required, String robotBaseUrl) {

  public static final String REAL_ROBOT_BASE = "https://qyapi.weixin.qq.com";
}
