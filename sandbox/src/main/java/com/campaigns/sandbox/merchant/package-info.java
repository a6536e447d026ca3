/**
 * Provisioned merchants: appids, API keys, WeChat Pay public key and platform certificate,
 * callbacks.
 */
package com.campaigns.sandbox.merchant;
