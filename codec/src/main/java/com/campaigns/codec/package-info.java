/**
 * Payload encryption for Temporal: an AES-256-GCM {@code PayloadCodec} with rotating keys, shared
 * by the API and the worker.
 */
package com.campaigns.codec;
