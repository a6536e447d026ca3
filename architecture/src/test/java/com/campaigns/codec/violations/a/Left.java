package com.campaigns.codec.violations.a;

import com.campaigns.codec.violations.b.Right;

/** One half of a package cycle. */
public class Left {
  Right right;
}
