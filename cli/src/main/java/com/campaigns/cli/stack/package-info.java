/**
 * The local stack, started from the exec jars as processes: the Temporal dev server (or the Java
 * test server), the WeChat Pay sandbox, workers and the API. One implementation behind {@code
 * ./campaigns up}, {@code demo} and {@code bench}, and the real-server suite; the pinned facts are
 * in {@link com.campaigns.cli.stack.Pinned}.
 */
package com.campaigns.cli.stack;
