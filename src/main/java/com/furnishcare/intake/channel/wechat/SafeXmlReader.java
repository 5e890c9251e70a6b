package com.furnishcare.intake.channel.wechat;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads WeChat's {@code <xml>...</xml>} envelopes into name → text. The factory (one per thread) is
 * hardened: no DTD, no external entities, and any DOCTYPE or entity reference is an error, which is
 * also the defence against XXE and entity-expansion bombs. Limits on depth and element count keep a
 * hostile body from costing more than a normal one.
 */
public final class SafeXmlReader {

  /** The body is not a WeChat message we are willing to read. */
  public static final class RejectedXml extends Exception {
    public RejectedXml(String message) {
      super(message);
    }
  }

  /**
   * The deepest real callbacks reach 5 (xml/SendPicsInfo/PicList/item/PicMd5Sum,
   * xml/PublishEventInfo/article_detail/item/article_url); 8 leaves room for a new event of the same
   * shape, which would otherwise be refused and retried by WeChat until it is lost.
   */
  static final int MAX_DEPTH = 8;
  /** A mass-send report for 8 articles with copyright results and URLs needs about 110 elements. */
  static final int MAX_ELEMENTS = 512;
  /** The JDK StAX factory's own property (com.sun.org.apache.xerces.internal.impl.Constants.REUSE_INSTANCE). */
  private static final String REUSE_INSTANCE = "reuse-instance";

  /**
   * The JDK's factory keeps the last reader it made and, with its "reuse-instance" property, resets that one for
   * the next document instead of building a new one (half of a WeChat message's parse went to building the
   * reader). A factory, and so its reader, is not shared between threads: one per thread that reads.
   */
  private final ThreadLocal<XMLInputFactory> factories = ThreadLocal.withInitial(SafeXmlReader::hardenedFactory);

  private static XMLInputFactory hardenedFactory() {
    // The JDK's own StAX implementation, whatever else sits on the class path.
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    try {
      factory.setProperty(REUSE_INSTANCE, true);
    } catch (IllegalArgumentException notThisJdk) {
      // A JDK without the property builds a reader per document: slower, the same result.
    }
    return factory;
  }

  /**
   * Returns every leaf element's text under the root {@code <xml>}: direct children by their name,
   * nested ones by their path (e.g. {@code ScanCodeInfo/ScanResult}), so that a nested {@code MsgID}
   * or {@code Label} can never pose as the message's own. Of a repeated path (list items) the first
   * value is kept: the gateway reads no list contents, it only has to accept them.
   */
  public Map<String, String> read(String body) throws RejectedXml {
    if (body == null || body.isBlank()) {
      throw new RejectedXml("empty body");
    }
    XMLStreamReader reader = null;
    try {
      reader = factories.get().createXMLStreamReader(new StringReader(body));
      Map<String, String> fields = new HashMap<>();
      StringBuilder text = new StringBuilder();
      Deque<String> path = new ArrayDeque<>();
      int depth = 0;
      boolean leaf = false;
      int elements = 0;
      boolean sawRoot = false;
      while (reader.hasNext()) {
        int event = reader.next();
        switch (event) {
          case XMLStreamConstants.DTD -> throw new RejectedXml("DOCTYPE is not allowed");
          case XMLStreamConstants.ENTITY_REFERENCE -> throw new RejectedXml("entity references are not allowed");
          case XMLStreamConstants.START_ELEMENT -> {
            depth++;
            elements++;
            if (depth > MAX_DEPTH || elements > MAX_ELEMENTS) {
              throw new RejectedXml("message is nested too deeply or has too many elements");
            }
            if (depth == 1) {
              if (sawRoot || !"xml".equals(reader.getLocalName())) {
                throw new RejectedXml("root element must be <xml>");
              }
              sawRoot = true;
            }
            path.addLast(reader.getLocalName());
            leaf = true;
            text.setLength(0);
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
              text.append(reader.getText());
          case XMLStreamConstants.END_ELEMENT -> {
            // Only leaves carry values; a group's own text is the whitespace between its children.
            if (depth > 1 && leaf && text.length() > 0) {
              // The path without the root: "Content", "SendPicsInfo/PicList/item/PicMd5Sum".
              fields.putIfAbsent(String.join("/", path).substring("xml/".length()), text.toString().strip());
            }
            text.setLength(0);
            path.removeLast();
            leaf = false;
            depth--;
          }
          default -> { }
        }
      }
      if (!sawRoot) {
        throw new RejectedXml("root element must be <xml>");
      }
      return fields;
    } catch (XMLStreamException e) {
      throw new RejectedXml("malformed XML");
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // nothing to release beyond the in-memory reader
        }
      }
    }
  }
}
