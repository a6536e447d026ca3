/** Per-campaign gauges read from the ledger, next to the SDK's and the issuance counters. */
package com.campaigns.worker.metrics;
