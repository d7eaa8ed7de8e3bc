// One jest run for everything: unit tests beside the code, black-box tests through an
// in-process host (test/), widget tests in jsdom and browser tests in Chromium.
module.exports = {
    testEnvironment: 'node',
    roots: ['<rootDir>/host', '<rootDir>/test', '<rootDir>/scripts', '<rootDir>/widgets', '<rootDir>/extension', '<rootDir>/tools'],
    testMatch: ['**/*.test.ts'],
    transform: {
        '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
        // Widget markup in jsdom tests, compiled like the webpack build compiles it.
        '^.+\\.hbs$': '<rootDir>/test/support/hbs-transform.js',
    },
    // lodash-es and cookie ship ES modules only; ts-jest turns them into CommonJS like our code.
    transformIgnorePatterns: ['/node_modules/(?!(lodash-es|cookie)/)'],
    moduleNameMapper: { '^@brix/sdk$': '<rootDir>/sdk/index.d.ts' },
    reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
    maxWorkers: 2,
    testTimeout: 30_000,
};
