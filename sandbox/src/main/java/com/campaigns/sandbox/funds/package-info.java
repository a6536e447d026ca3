/** Merchants' balances: what pre-funded stocks lock at activation and spend on redemptions. */
package com.campaigns.sandbox.funds;
