package com.campaigns.codec.violations.b;

import com.campaigns.codec.violations.a.Left;

/** The other half of a package cycle. */
public class Right {
  Left left;
}
