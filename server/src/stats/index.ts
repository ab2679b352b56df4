// Public API of the statistics core: pure functions, no I/O. See docs/statistics.md.

/** Numeric and weight input types, NumPy percentile, mean and population std. */
export { type NumericInput, type Weights, percentileSorted, mean, populationStd, finiteValues, sortedCopy } from './numeric';
/** Ascending radix sort of doubles in place (no NaN), in Float64Array's own order. */
export { RadixScratch, sortFloat64 } from './radix-sort';
/** Percentiles by selection instead of a full sort, equal bit for bit to the sorted result. */
export { percentile, percentiles } from './select';
/** Special functions: log-gamma, incomplete gamma, chi-squared survival, erfc, normal cdf/sf/quantile. */
export { logGamma, gammaP, gammaQ, chi2Sf, erfc, normalCdf, normalSf, normalQuantile } from './special';
/** Survival function of the one-sample two-sided KS statistic (SciPy's `kstwo.sf`). */
export { kstwoSf } from './kstwo';
/** Two-sample KS test as `scipy.stats.ks_2samp(method='auto')`. */
export { ks2Samp, ks2SampSorted, type KsResult, KS_MAX_EXACT_N } from './ks';
/** First Wasserstein distance as `scipy.stats.wasserstein_distance`. */
export { wassersteinDistance, wassersteinSorted } from './wasserstein';
/** Evidently's binning (Sturges / value frequencies) and empty-bin filling. */
export {
  type CategoryValue, type MaybeCategory, type CategoricalInput, CategoryCounts, type BinnedShares, EMPTY_BIN_SHARE, binnedShares, sturgesBinEdges, histogramCounts, fillEmptyBins,
} from './binning';
/** Individual drift tests (KS, chi-squared, z, normed Wasserstein, Jensen–Shannon, PSI). */
export {
  type DriftMethod, type DriftTestResult, DEFAULT_DRIFT_THRESHOLDS, ksDriftTest, ksDriftTestSorted, chiSquareDriftTest, zDriftTest,
  wassersteinDriftTest, wassersteinDriftTestSorted, jensenShannonDistance, jensenShannonDriftTest, psiDriftTest,
} from './drift-tests';
/** Column drift with Evidently's automatic test choice, and the dataset share-of-drifted-columns rule. */
export {
  type DriftColumn, type ColumnDriftOptions, type ColumnDriftResult, type DatasetDriftResult, SMALL_REFERENCE_MAX_ROWS,
  DEFAULT_DATASET_DRIFT_SHARE, chooseDriftMethod, columnDrift, datasetDrift,
} from './drift';
/** Whether a drift test may decide on two samples: minimum sizes and SciPy's expected-count rule. */
export { type DriftSampleProblem, MIN_DRIFT_SAMPLE_SIZE, MIN_EXPECTED_COUNT, driftSampleProblem } from './drift-validity';
/** The prepared-metric contract used by the bootstrap. */
export { type PreparedMetric } from './prepared';
/** Average precision and ROC AUC as scikit-learn, with prepared (sort-once) forms. */
export { type BinaryLabels, averagePrecision, prepareAveragePrecision, rocAuc, prepareRocAuc } from './classification';
/** F1 at a threshold, Brier score and ECE, with prepared forms. */
export {
  f1AtThreshold, prepareF1, brierScore, prepareBrier, expectedCalibrationError, prepareEce, DEFAULT_ECE_BINS, type EceBinning, weightedMean,
} from './calibration';
/** MAE, RMSE and MAE by target range. */
export { meanAbsoluteError, prepareMae, rootMeanSquaredError, prepareRmse, errorByTargetRange, type TargetRange, type TargetRangeError } from './regression';
/** NDCG@K (scikit-learn) and Recall@K over query groups, with per-query prepared forms. */
export { type RankingInput, type PreparedRankingMetric, groupByQuery, ndcgAtK, prepareNdcg, recallAtK, prepareRecallAtK } from './ranking';
/** Seeded PRNG (xoshiro128** seeded by splitmix32) with fast multinomial bootstrap counts. */
export { Xoshiro128 } from './random';
/** Paired bootstrap non-inferiority decision (percentile or BCa interval). */
export {
  pairedBootstrap, type PairedBootstrapOptions, type PairedBootstrapResult, type IntervalMethod, DEFAULT_MIN_SAMPLE_SIZE,
} from './bootstrap';
/** BCa interval helpers: jackknife acceleration (exact or grouped) and the adjusted percentiles. */
/** Mann-Whitney U rank test (as scipy.stats.mannwhitneyu). */
export { mannWhitneyU, type MwuAlternative, type MwuMethod, type MwuResult, MWU_MAX_EXACT_CELLS } from './mann-whitney';

export { bcaInterval, jackknifeAcceleration, EXACT_JACKKNIFE_MAX, JACKKNIFE_GROUPS } from './bca';
