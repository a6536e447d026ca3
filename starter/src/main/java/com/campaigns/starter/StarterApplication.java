package com.campaigns.starter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The marketer's REST API and the COUPON.USE receiver. A Temporal client only: it starts, signals,
 * updates and queries campaign workflows, and never runs a worker. It scans its own package only;
 * what it shares with the worker (modules ledger, wechatpay, codec) is imported in {@code
 * system.ModuleConfigurations}.
 */
@SpringBootApplication
public class StarterApplication {

  public static void main(String[] args) {
    SpringApplication.run(StarterApplication.class, args);
  }
}
