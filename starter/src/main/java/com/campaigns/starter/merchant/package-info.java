/**
 * The merchants this deployment acts for: {@code GET /api/v1/merchants} (the health component is
 * module wechatpay's).
 */
package com.campaigns.starter.merchant;
