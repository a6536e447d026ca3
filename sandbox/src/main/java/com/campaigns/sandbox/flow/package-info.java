/**
 * Use-flow and refund-flow files (核销/退款流水): rows, CSV layout, availability, expiring download URLs.
 */
package com.campaigns.sandbox.flow;
