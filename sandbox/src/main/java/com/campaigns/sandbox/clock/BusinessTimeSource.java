package com.campaigns.sandbox.clock;

/**
 * Base of the business clock in epoch milliseconds. Embedding tests replace wall time with their
 * own clock (for example Temporal's time-skipping test environment) so both agree.
 */
@FunctionalInterface
public interface BusinessTimeSource {

  long currentTimeMillis();
}
