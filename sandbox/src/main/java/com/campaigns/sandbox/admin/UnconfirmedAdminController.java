package com.campaigns.sandbox.admin;

import com.campaigns.sandbox.unconfirmed.Unconfirmed;
import com.campaigns.sandbox.unconfirmed.UnconfirmedSettings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET|PUT /sandbox/unconfirmed}: which alternative the sandbox plays for each behaviour
 * WeChat Pay leaves undocumented, e.g. {@code {"activation_short_of_funds": "INVALID_REQUEST"}}. A
 * PUT changes only the behaviours it names.
 */
@RestController
class UnconfirmedAdminController {

  private final Unconfirmed unconfirmed;

  UnconfirmedAdminController(Unconfirmed unconfirmed) {
    this.unconfirmed = unconfirmed;
  }

  @GetMapping("/sandbox/unconfirmed")
  UnconfirmedSettings current() {
    return unconfirmed.current();
  }

  @PutMapping("/sandbox/unconfirmed")
  UnconfirmedSettings change(@RequestBody Unconfirmed.Change change) {
    return unconfirmed.change(change);
  }
}
