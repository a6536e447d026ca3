package com.campaigns.workflows.model;

/**
 * How the coupon looks in the user's WeChat card pack (WeChat Pay's {@code pattern_info}).
 *
 * @param description 使用说明, the usage notes shown on the coupon
 * @param merchantLogo https URL of the logo, as WeChat Pay's image upload answered it
 * @param merchantName the merchant name shown on the coupon
 * @param backgroundColor one of WeChat Pay's colours, {@code COLOR010} … {@code COLOR102}
 * @param couponImage https URL of the coupon's detail image, as the image upload answered it
 */
@SnakeCaseNonNull
public record CouponPattern(
    String description,
    String merchantLogo,
    String merchantName,
    String backgroundColor,
    String couponImage) {}
