/**
 * Behaviours WeChat Pay's documentation leaves open: the sandbox plays one of the plausible
 * alternatives, chosen by setting, so the product's tests can pass under each.
 */
package com.campaigns.sandbox.unconfirmed;
