package com.campaigns.cli.demo;

/** A failure of the demo's own expectations, explained. */
final class DemoFailure extends RuntimeException {
  DemoFailure(String message) {
    super(message);
  }
}
