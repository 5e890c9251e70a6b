package com.furnishcare.intake.core;

/** The answer of {@link SessionStore#claim}: may this process handle the message? */
public sealed interface MessageClaim {

  /** Nobody has handled this message yet (or a previous handler's lease ran out): go ahead. */
  record Claimed() implements MessageClaim {}

  /** Another request, maybe in another process, is handling it right now. */
  record InProgress() implements MessageClaim {}

  /** Handled already; answer a retry with the same reply. */
  record Completed(RecordedReply reply) implements MessageClaim {}
}
