/**
 * The codec server: decodes and encodes Temporal payloads for the Web UI and the CLI of authorized
 * ops.
 */
package com.campaigns.starter.codec;
