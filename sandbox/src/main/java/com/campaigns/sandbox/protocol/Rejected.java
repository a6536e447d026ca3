package com.campaigns.sandbox.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WeChat Pay error answer: HTTP status, error {@code code}, Chinese {@code message} and an
 * optional {@code detail} object. Thrown anywhere below a controller; {@link RejectionAdvice}
 * renders it.
 */
public class Rejected extends RuntimeException {

  private final int status;
  private final String code;
  private final Map<String, Object> detail;

  public Rejected(int status, String code, String message) {
    this(status, code, message, null);
  }

  public Rejected(int status, String code, String message, Map<String, Object> detail) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }

  /** A 400 PARAM_ERROR naming the offending body field (dotted path) and why it is wrong. */
  public static Rejected paramError(String message, String field, Object value, String issue) {
    return paramError(message, field, value, issue, "body");
  }

  /**
   * A 400 PARAM_ERROR naming the offending field, why it is wrong and where it was ({@code body},
   * {@code query}, {@code uri_template}).
   */
  public static Rejected paramError(
      String message, String field, Object value, String issue, String location) {
    return new Rejected(400, "PARAM_ERROR", message, fieldDetail(field, value, issue, location));
  }

  /**
   * A 400 PARAM_ERROR for a query parameter that failed one of WeChat Pay's checks, worded as
   * WeChat Pay words it: {@code 输入源“/query/limit”映射到字段“limit”类型校验失败}.
   *
   * @param failed what failed, e.g. {@code 类型校验失败}
   */
  public static Rejected queryParamError(String name, Object value, String failed, String issue) {
    return paramError(
        "输入源“/query/" + name + "”映射到字段“" + name + "”" + failed, name, value, issue, "query");
  }

  /**
   * A 400 INVALID_REQUEST for an {@code out_request_no} already used with other parameters.
   *
   * @param usedFor what it made, e.g. {@code coupon 123}
   */
  public static Rejected outRequestNoReused(String outRequestNo, String usedFor) {
    return new Rejected(
        400,
        "INVALID_REQUEST",
        "out_request_no重复,且请求参数与首次请求不一致",
        fieldDetail(
            "out_request_no",
            outRequestNo,
            "already used for " + usedFor + " with different parameters",
            "body"));
  }

  /** A 400 PARAM_ERROR for a missing query parameter. */
  public static Rejected requiredQueryParam(String name) {
    return queryParamError(name, null, "必填性规则校验失败,此字段为必填项", "required");
  }

  public static Map<String, Object> fieldDetail(
      String field, Object value, String issue, String location) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("field", field);
    if (value != null) {
      detail.put("value", value);
    }
    detail.put("issue", issue);
    detail.put("location", location);
    return detail;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, Object> detail() {
    return detail;
  }

  public ErrorBody body() {
    return new ErrorBody(code, getMessage(), detail);
  }
}
