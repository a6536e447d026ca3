package com.campaigns.cli.stack;

/**
 * A part of the stack could not start, or a prerequisite is missing; the message says which and
 * where to look.
 */
public final class StackException extends IllegalStateException {

  public StackException(String message) {
    super(message);
  }
}
