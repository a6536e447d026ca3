/**
 * The bench's stack: module cli's {@code LocalStack} on free ports plus what the bench measures
 * with (a second API for the rate waves, JMX and jcmd on the workers, the ledger as an H2 server
 * process), its HTTP client and progress lines.
 */
package com.campaigns.bench.stack;
