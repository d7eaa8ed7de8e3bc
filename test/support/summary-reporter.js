// Prints one plain closing line, "tests: N passed, N failed", after the run.
class SummaryReporter {
    onRunComplete(_contexts, results) {
        console.log(`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`);
    }
}
module.exports = SummaryReporter;
