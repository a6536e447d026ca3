/** Stored audiences: in the ledger database by default, or as files with an offset index. */
package com.campaigns.ledger.audience;
