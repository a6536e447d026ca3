/** Flow files: download within the URL lifetime, SHA-1 check, tolerant parsing, reconciliation. */
package com.campaigns.activities.flow;
