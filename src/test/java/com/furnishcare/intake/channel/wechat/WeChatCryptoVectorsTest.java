package com.furnishcare.intake.channel.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import org.junit.jupiter.api.Test;

/** Published test vectors: WeChat's URL-verification sample and the constants of WxJava's WxCryptUtilTest. */
class WeChatCryptoVectorsTest {

  @Test
  void officialUrlVerificationVectorDecryptsToTheExpectedEcho() throws Exception {
    WeChatCrypto crypto = new WeChatCrypto("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "wx5823bf96d3bd56c7");
    String echo = crypto.decrypt("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780",
        "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==");
    assertEquals("1616140317555161061", echo);
  }

  @Test
  void tamperedVectorFailsTheSignature() {
    WeChatCrypto crypto = new WeChatCrypto("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "wx5823bf96d3bd56c7");
    assertThrows(WeChatCrypto.BadSignature.class, () -> crypto.decrypt("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
        "1409659590", "263014780",
        "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ=="));
  }

  // Constants from weixin-java-common's WxCryptUtilTest.
  private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  private static final String TOKEN = "pamtest";
  private static final String APP_ID = "wxb11529c136998cb6";
  private static final String RANDOM = "aaaabbbbccccdddd";
  private static final String REPLY = "我是中文abcd123";
  private static final String AFTER_AES = "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";
  private static final String REPLY2 = "<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName><FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId><Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA[testCallBackReplyVideo]]></Description></Video></xml>";
  private static final String AFTER_AES2 = "jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlkupqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJucQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/Xka042OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvApYZckqmA7FNERspKA5f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPkdPrEeOwofJb";

  @Test
  void wxJavaAesVectorsDecryptThroughOurEnvelopeCheck() throws Exception {
    WxCryptUtil util = new WxCryptUtil(TOKEN, KEY, APP_ID);
    assertEquals(AFTER_AES, util.encrypt(RANDOM, REPLY));
    assertEquals(AFTER_AES2, util.encrypt(RANDOM, REPLY2));
    WeChatCrypto crypto = new WeChatCrypto(TOKEN, KEY, APP_ID);
    String signature = me.chanjar.weixin.common.util.crypto.SHA1.gen(TOKEN, "1409304348", "xxxxxx", AFTER_AES2);
    assertEquals(REPLY2, crypto.decrypt(signature, "1409304348", "xxxxxx", AFTER_AES2));
  }

  @Test
  void ourEncryptedRepliesCarryAValidMsgSignature() throws Exception {
    WeChatCrypto crypto = new WeChatCrypto(TOKEN, KEY, APP_ID);
    String envelope = crypto.encrypt(REPLY2);
    Map<String, String> fields = new SafeXmlReader().read(envelope);
    assertTrue(fields.keySet().containsAll(java.util.List.of("Encrypt", "MsgSignature", "TimeStamp", "Nonce")));
    assertEquals(REPLY2, crypto.decrypt(fields.get("MsgSignature"), fields.get("TimeStamp"), fields.get("Nonce"),
        fields.get("Encrypt")));
  }
}
