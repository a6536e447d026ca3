package com.campaigns.starter.violations;

import com.campaigns.activities.issuance.IssuanceActivitiesImpl;
import io.temporal.worker.WorkerFactory;

/** API code that uses an activity implementation and starts a worker. */
public class StarterRunningAnActivity {

  Class<?> activity() {
    return IssuanceActivitiesImpl.class;
  }

  void worker(WorkerFactory factory) {
    factory.start();
  }
}
