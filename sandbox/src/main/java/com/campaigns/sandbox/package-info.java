/**
 * A local WeChat Pay APIv3 favor (代金券) server; {@link com.campaigns.sandbox.Sandbox} embeds it in
 * tests.
 */
package com.campaigns.sandbox;
