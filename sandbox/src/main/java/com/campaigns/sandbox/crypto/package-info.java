/**
 * Keys, PEM files and nonces: the cryptography the sandbox signs, verifies and issues credentials
 * with.
 */
package com.campaigns.sandbox.crypto;
