package com.furnishcare.intake.fuzz;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

/**
 * The WeChat channel's package-private steps, reached by reflection so the fuzz tests can live in their own
 * package: the field limits, the message record and the AES envelope, called exactly as
 * {@code WeChatCallback} calls them. A step's own refusal comes back as {@link Refused}; anything else it
 * throws is rethrown as it is, so the fuzzer reports it.
 */
final class WeChatSeams {

  private static final String PACKAGE = "com.furnishcare.intake.channel.wechat.";
  /** What the callback catches and turns into a 4xx; every other exception would escape it. */
  private static final Set<String> REFUSALS = Set.of(PACKAGE + "SafeXmlReader$RejectedXml",
      PACKAGE + "WeChatFieldLimits$TooLong", PACKAGE + "WeChatMessage$Incomplete", PACKAGE + "WeChatCrypto$BadSignature",
      PACKAGE + "WeChatCrypto$Undecryptable");

  /** One of the refusals the callback answers with a 4xx. */
  static final class Refused extends Exception {
    Refused(Throwable cause) {
      super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }
  }

  private static final Method CHECK_LIMITS;
  private static final Method MESSAGE_OF;
  private static final Method[] MESSAGE_READERS;
  private static final Constructor<?> CRYPTO;
  private static final Method DECRYPT;
  private static final Method ENCRYPT;

  static {
    try {
      Class<?> limits = Class.forName(PACKAGE + "WeChatFieldLimits");
      CHECK_LIMITS = accessible(limits.getDeclaredMethod("check", Map.class));
      Class<?> message = Class.forName(PACKAGE + "WeChatMessage");
      MESSAGE_OF = accessible(message.getDeclaredMethod("of", Map.class));
      MESSAGE_READERS = new Method[] {
          accessible(message.getDeclaredMethod("toInbound", java.time.Instant.class)),
          accessible(message.getDeclaredMethod("dedupeKey")),
          accessible(message.getDeclaredMethod("metricType")),
          accessible(message.getDeclaredMethod("isTemplateDeliveryReport"))};
      Class<?> crypto = Class.forName(PACKAGE + "WeChatCrypto");
      CRYPTO = crypto.getDeclaredConstructor(String.class, String.class, String.class);
      CRYPTO.setAccessible(true);
      DECRYPT = accessible(crypto.getDeclaredMethod("decrypt", String.class, String.class, String.class, String.class));
      ENCRYPT = accessible(crypto.getDeclaredMethod("encrypt", String.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private WeChatSeams() {}

  private static Method accessible(Method m) {
    m.setAccessible(true);
    return m;
  }

  /**
   * What the callback does with the fields of a read message: the limits, the record, then everything the
   * turn reads from it (the inbound message, the dedupe key, the metric label).
   */
  static Object message(Map<String, String> fields) throws Refused {
    call(CHECK_LIMITS, null, fields);
    Object message = call(MESSAGE_OF, null, fields);
    call(MESSAGE_READERS[0], message, java.time.Instant.EPOCH);
    for (int i = 1; i < MESSAGE_READERS.length; i++) {
      call(MESSAGE_READERS[i], message);
    }
    return message;
  }

  /** A WeChatCrypto as the callback builds it from WECHAT_TOKEN, WECHAT_AES_KEY and WECHAT_APP_ID. */
  static Object crypto(String token, String aesKey, String appId) {
    try {
      return CRYPTO.newInstance(token, aesKey, appId);
    } catch (InvocationTargetException e) {
      throw sneaky(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  static String decrypt(Object crypto, String msgSignature, String timestamp, String nonce, String cipherText)
      throws Refused {
    return (String) call(DECRYPT, crypto, msgSignature, timestamp, nonce, cipherText);
  }

  static String encrypt(Object crypto, String plainXml) throws Refused {
    return (String) call(ENCRYPT, crypto, plainXml);
  }

  private static Object call(Method method, Object target, Object... args) throws Refused {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (REFUSALS.contains(cause.getClass().getName())) {
        throw new Refused(cause);
      }
      throw sneaky(cause);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }
}
