/**
 * The APIv3 protocol: request-signature verification, response signing, keys, ciphers, error
 * bodies, faults hook.
 */
package com.campaigns.sandbox.protocol;
