// What the demo generator produces: sizes, the seed, and which faults to build in on purpose.

/** Faults that make one gate fail (or error) for an instructive reason. */
export interface DemoFaults {
  /** Current monthly_charges shifted up by a third (a critical column drifts): data fails. */
  drift?: boolean;
  /** The candidate is much worse on new customers (0-6m): quality fails on that slice. */
  sliceRegression?: boolean;
  /** A slow dependency pushes warm p99 over 800 ms: performance fails. */
  slowP99?: boolean;
  /** Inference cost up a quarter in the last fortnight: cost guardrail fails. */
  costBreach?: boolean;
  /** An alert rule without owner or runbook: observability fails. */
  unownedAlert?: boolean;
  /** The only measured drill is five months old: rollback fails. */
  staleDrill?: boolean;
  /** One robustness suite's results are not written: robustness errors. */
  missingSuite?: boolean;
}

/** Generator settings. */
export interface DemoConfig {
  seed: number;
  /** Snapshot time of the evidence (the card's data.as_of). */
  asOf: string;
  dataRows: number;
  predictionRows: number;
  requestRows: number;
  /** Offered load of the load test (requests per second). */
  rps: number;
  traces: number;
  /** Last ledger date and the number of days before it (inclusive). */
  ledgerEnd: string;
  ledgerDays: number;
  faults: DemoFaults;
}

/** The passing churn example. */
export const CHURN: DemoConfig = {
  seed: 20261126, asOf: '2026-11-26T06:00:00Z', dataRows: 5000, predictionRows: 10000, requestRows: 22500, rps: 250,
  traces: 40, ledgerEnd: '2026-11-25', ledgerDays: 30, faults: {},
};

/** The blocked churn example: same shapes, every fault but one gate's error built in. */
export const CHURN_BLOCKED: DemoConfig = {
  ...CHURN, seed: 20261127, dataRows: 3000, predictionRows: 8000, requestRows: 12000,
  faults: { drift: true, sliceRegression: true, slowP99: true, costBreach: true, unownedAlert: true, staleDrill: true, missingSuite: true },
};
