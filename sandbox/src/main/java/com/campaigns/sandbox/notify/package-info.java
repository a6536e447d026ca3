/** Callback URL settings and signed, encrypted COUPON.USE notifications with retries. */
package com.campaigns.sandbox.notify;
