package com.campaigns.sandbox.protocol;

import java.util.Map;

/** The APIv3 error body: {@code {"code": ..., "message": ..., "detail": {...}}}. */
public record ErrorBody(String code, String message, Map<String, Object> detail) {}
