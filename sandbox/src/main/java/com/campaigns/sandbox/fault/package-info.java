/**
 * Fault injection per endpoint: errors, 429s, latency and commit-then-drop, reproducible by seed.
 */
package com.campaigns.sandbox.fault;
