/**
 * Merchant-scoped access: a token limited to a set of mchids reaches only those merchants'
 * campaigns, lookups and callbacks; anything else answers as if it did not exist (404).
 */
package com.campaigns.starter.scope;
