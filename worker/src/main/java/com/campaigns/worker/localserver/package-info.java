/** A standalone Java test server for local use when the Temporal CLI is not available. */
package com.campaigns.worker.localserver;
