/** The issuance ledger and the campaign index (JDBC over H2 or PostgreSQL, Flyway migrations). */
package com.campaigns.ledger;
