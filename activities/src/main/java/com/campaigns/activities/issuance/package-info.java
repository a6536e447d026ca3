/**
 * Issuing a wave's segment: send slots shared through the database, per-openid locks, the
 * IssueCoupons activity.
 */
package com.campaigns.activities.issuance;
