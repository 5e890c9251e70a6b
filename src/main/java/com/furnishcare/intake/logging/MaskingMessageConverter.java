package com.furnishcare.intake.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.furnishcare.intake.core.PersonalData;

/**
 * Logback's %msg with phone and ID numbers masked. Registered in logback.xml as %maskedMsg so no log
 * line, from our code or a library's, prints a homeowner's number in full.
 */
public final class MaskingMessageConverter extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return PersonalData.mask(super.convert(event));
  }
}
