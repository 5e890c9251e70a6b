package com.furnishcare.intake.channel.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every official-account callback in the test suites of WxJava and wechatpy (see
 * {@code src/test/resources/wechat-samples/README.md}), signed with the test token and posted to the
 * real /wechat: each must be accepted. A refused one would be retried by WeChat and then lost.
 */
@ExtendWith(VertxExtension.class)
class WeChatSdkSamplesTest {

  @TempDir
  Path dataDir;

  @Test
  void everySdkSampleIsAccepted(Vertx vertx) throws Exception {
    List<Path> samples = samples();
    assertTrue(samples.size() >= 50, "the samples folder is read: " + samples.size());
    List<String> refused = new ArrayList<>();
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).api(harness.api));
      WeChatClient wechat = harness.wechat(gateway);
      for (Path sample : samples) {
        String xml = Files.readString(sample, StandardCharsets.UTF_8);
        HttpResponse<Buffer> response = wechat.post(xml);
        String body = response.bodyAsString();
        // Accepted means 200 and either the silent "success" or a reply addressed back to the sender.
        boolean answered = response.statusCode() == 200 && ("success".equals(body)
            || GatewayHarness.fields(xml).get("FromUserName").equals(GatewayHarness.fields(body).get("ToUserName")));
        if (!answered) {
          refused.add(sample.getFileName() + " → " + response.statusCode() + " " + body);
        }
      }
      wechat.close();
    }
    assertEquals(List.of(), refused);
  }

  private static List<Path> samples() throws IOException, URISyntaxException {
    Path dir = Path.of(WeChatSdkSamplesTest.class.getResource("/wechat-samples").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    }
  }
}
