package com.campaigns.sandbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Standalone entry point of the WeChat Pay favor sandbox (default 127.0.0.1:8090). */
@SpringBootApplication
public class SandboxApplication {

  public static void main(String[] args) {
    SpringApplication.run(SandboxApplication.class, args);
  }
}
