// sample/ (`kefu-kpi/sample-month`): the bundled sample month for test suites — its records by
// kind and the figures its README derives by hand — so that an app's tests can run the library on
// a real, hand-checked month. Generated from fixtures/sample-month; not in the browser bundle.
export { SAMPLE_MONTH, sampleRecords, sampleFigures } from "./data.js";
