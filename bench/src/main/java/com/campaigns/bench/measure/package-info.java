/**
 * What the bench measures with: campaigns through the API, the SDK's ceiling loop, the sandbox's
 * send counter, history events, JFR profiles, the machine, and the statistics over repetitions.
 */
package com.campaigns.bench.measure;
