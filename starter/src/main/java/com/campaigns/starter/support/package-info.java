/**
 * Support lookups: a user's coupons at WeChat Pay joined with the ledger, a campaign stock's
 * merchants and items, and the merchants' COUPON.USE callback URL.
 */
package com.campaigns.starter.support;
