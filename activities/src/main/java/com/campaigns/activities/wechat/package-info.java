/**
 * WeChat Pay errors, as classified by {@code com.campaigns.wechatpay}, turned into the failures
 * activities throw.
 */
package com.campaigns.activities.wechat;
