/** WeChat Pay through the official SDK: merchant registry, clients, the error table. */
package com.campaigns.wechatpay;
