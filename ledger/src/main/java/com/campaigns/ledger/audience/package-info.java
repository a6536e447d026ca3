/** Stored audiences: immutable openid files with an offset index. */
package com.campaigns.ledger.audience;
