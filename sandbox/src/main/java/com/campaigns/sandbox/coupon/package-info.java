/** Coupons (代金券): send with its limits and idempotency, queries, redemption and refunds. */
package com.campaigns.sandbox.coupon;
