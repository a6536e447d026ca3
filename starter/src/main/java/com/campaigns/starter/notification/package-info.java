/** The COUPON.USE notification receiver: verify, decrypt, record once, tell the campaign. */
package com.campaigns.starter.notification;
