/** The worker's view of the merchant registry: the {@code merchants} health indicator. */
package com.campaigns.worker.merchant;
