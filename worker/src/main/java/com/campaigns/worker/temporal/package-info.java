/** Temporal wiring beyond the Spring Boot starter: search attributes and the health check. */
package com.campaigns.worker.temporal;
