package com.furnishcare.intake.channel.wechat;

import me.chanjar.weixin.common.util.crypto.WxCryptUtil;

/**
 * Safe-mode (AES) envelope handling through WxJava's {@link WxCryptUtil}: verify msg_signature and
 * decrypt what WeChat sends, encrypt and sign what we answer.
 */
final class WeChatCrypto {

  /** The msg_signature does not match the ciphertext. */
  static final class BadSignature extends Exception {
    BadSignature() {
      super("msg_signature does not match");
    }
  }

  /** The ciphertext cannot be decrypted with our key. */
  static final class Undecryptable extends Exception {
    Undecryptable() {
      super("message cannot be decrypted with WECHAT_AES_KEY");
    }
  }

  private final WxCryptUtil util;
  private final String token;

  WeChatCrypto(String token, String aesKey, String appId) {
    this.util = new WxCryptUtil(token, aesKey, appId);
    this.token = token;
  }

  String decrypt(String msgSignature, String timestamp, String nonce, String cipherText)
      throws BadSignature, Undecryptable {
    // Check the signature ourselves first: WxCryptUtil reports both failures with one exception type.
    if (!WeChatSignature.matches(msgSignature, token, timestamp, nonce, cipherText)) {
      throw new BadSignature();
    }
    try {
      return util.decrypt(cipherText);
    } catch (RuntimeException e) {
      throw new Undecryptable();
    }
  }

  /** The full reply envelope: Encrypt, MsgSignature, TimeStamp and Nonce. */
  String encrypt(String plainXml) {
    return util.encrypt(plainXml);
  }
}
