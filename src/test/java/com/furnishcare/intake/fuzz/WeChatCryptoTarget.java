package com.furnishcare.intake.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.furnishcare.intake.channel.wechat.SafeXmlReader;
import com.furnishcare.intake.support.TestConfig;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import me.chanjar.weixin.common.util.crypto.SHA1;

/**
 * Safe mode's AES envelope as the callback opens it: {@code WeChatCrypto.decrypt} on arbitrary
 * {@code Encrypt} payloads and signatures. The result is the plaintext or one of the two refusals
 * (BadSignature, Undecryptable), never another exception; an accepted plaintext then goes the way the
 * callback sends it (XML, limits, message). The fuzzer gets past the signature by signing most payloads
 * with the test token, and past the cipher by encrypting a fuzzed plaintext (random prefix, length field,
 * message, AppID, padding) with the test key, so the checks after decryption are reached too. What we
 * encrypt ourselves must decrypt back to the same text.
 */
final class WeChatCryptoTarget {

  private static final Object CRYPTO = WeChatSeams.crypto(TestConfig.TOKEN, TestConfig.AES_KEY, TestConfig.APP_ID);
  private static final byte[] KEY = Base64.getDecoder().decode(TestConfig.AES_KEY + "=");
  private static final SafeXmlReader XML = new SafeXmlReader();

  private WeChatCryptoTarget() {}

  static void run(FuzzedDataProvider data) {
    String timestamp = data.consumeBoolean() ? "1764000000" : data.consumeString(16);
    String nonce = data.consumeBoolean() ? "1234567890" : data.consumeString(16);
    switch (data.consumeInt(0, 3)) {
      case 0 -> open(data.consumeString(40), timestamp, nonce, data.consumeRemainingAsString());
      case 1 -> signedAndOpened(timestamp, nonce, data.consumeRemainingAsString());
      case 2 -> signedAndOpened(timestamp, nonce, encrypt(data));
      default -> roundTrip(data.consumeRemainingAsString());
    }
  }

  private static void signedAndOpened(String timestamp, String nonce, String cipherText) {
    String signature = timestamp.isEmpty() || nonce.isEmpty() || cipherText.isEmpty() ? "x"
        : SHA1.gen(TestConfig.TOKEN, timestamp, nonce, cipherText);
    open(signature, timestamp, nonce, cipherText);
  }

  /** As the callback: decrypt, then read what came out as a message. */
  private static void open(String signature, String timestamp, String nonce, String cipherText) {
    String plain;
    try {
      plain = WeChatSeams.decrypt(CRYPTO, signature, timestamp, nonce, cipherText);
    } catch (WeChatSeams.Refused refused) {
      return;
    }
    if (plain == null) {
      fail("decrypt returned null for " + cipherText);
    }
    WeChatXmlTarget.check(plain);
  }

  /** WeChat's layout, every part fuzzed: 16 random bytes, a 4-byte length, the message, the AppID, padding. */
  private static String encrypt(FuzzedDataProvider data) {
    byte[] message = (data.consumeBoolean() ? WeChatXmlTarget.message(data) : data.consumeString(200))
        .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    plain.writeBytes(data.consumeBytes(16));
    int length = data.consumeBoolean() ? message.length : data.consumeInt();
    plain.writeBytes(ByteBuffer.allocate(4).putInt(length).array());
    plain.writeBytes(message);
    plain.writeBytes((data.consumeBoolean() ? TestConfig.APP_ID : data.consumeString(20)).getBytes(StandardCharsets.UTF_8));
    int pad = 32 - plain.size() % 32;
    for (int i = 0; i < pad; i++) {
      plain.write(data.consumeBoolean() ? pad : data.consumeByte());
    }
    byte[] bytes = plain.toByteArray();
    if (data.consumeBoolean()) {
      // Not a whole number of blocks: the cipher must refuse it, not the caller.
      bytes = Arrays.copyOf(bytes, Math.max(0, bytes.length - data.consumeInt(1, 31)));
      return Base64.getEncoder().encodeToString(bytes);
    }
    try {
      Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(Arrays.copyOf(KEY, 16)));
      return Base64.getEncoder().encodeToString(aes.doFinal(bytes));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** Our own reply envelope opens, with its own signature, to the text we put in. */
  private static void roundTrip(String text) {
    if (!StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
      return; // a lone surrogate cannot travel as UTF-8 (it becomes '?'), in either direction
    }
    String envelope;
    Map<String, String> fields;
    try {
      envelope = WeChatSeams.encrypt(CRYPTO, text);
      fields = XML.read(envelope);
    } catch (WeChatSeams.Refused | SafeXmlReader.RejectedXml e) {
      throw new AssertionError("our own reply envelope is refused: " + e.getMessage(), e);
    }
    try {
      String opened = WeChatSeams.decrypt(CRYPTO, fields.get("MsgSignature"), fields.get("TimeStamp"),
          fields.get("Nonce"), fields.get("Encrypt"));
      assertEquals(text, opened);
    } catch (WeChatSeams.Refused refused) {
      throw new AssertionError("our own reply does not decrypt: " + refused.getMessage(), refused);
    }
  }
}
