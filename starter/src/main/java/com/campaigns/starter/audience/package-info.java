/** Audience upload (streamed, one openid per line) and lookup. */
package com.campaigns.starter.audience;
