/**
 * The bench's stack: module cli's {@code LocalStack} on free ports plus what the bench measures
 * with (a second API for the rate waves, JMX and jcmd on the workers, the ledger on a PostgreSQL
 * cluster of its own), its HTTP client and progress lines.
 */
package com.campaigns.bench.stack;
