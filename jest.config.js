// One jest run for everything: unit tests beside the code, black-box tests through an
// in-process host (test/), widget tests in jsdom and browser tests in Chromium — on SQLite.
// A second project runs the host's black-box tests and a representative set of the
// product's again on PostgreSQL (each host on a fresh database of its own); the store's
// contract tests and the two-instance test take both stores in the first.
const shared = {
    testEnvironment: 'node',
    transform: {
        '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
        // Widget markup in jsdom tests, compiled like the webpack build compiles it.
        '^.+\\.hbs$': '<rootDir>/test/support/hbs-transform.js',
    },
    // lodash-es and cookie ship ES modules only; ts-jest turns them into CommonJS like our code.
    transformIgnorePatterns: ['/node_modules/(?!(lodash-es|cookie)/)'],
    moduleNameMapper: { '^@brix/sdk$': '<rootDir>/sdk/index.d.ts' },
};

/**
 * The product's black-box tests that run on PostgreSQL too: the inbound pipeline, the desk,
 * routing, SLA timers, pushes by topic. (The rest, permissions' long matrix above all, would
 * take the suite past what two cores do in a few minutes.)
 */
const productOnPostgres = ['conversation', 'desk-api', 'lifecycle', 'routing', 'sla', 'webhook', 'realtime-topics'];

module.exports = {
    projects: [
        {
            ...shared,
            displayName: 'sqlite',
            roots: ['<rootDir>/host', '<rootDir>/test', '<rootDir>/scripts', '<rootDir>/widgets', '<rootDir>/extension', '<rootDir>/tools'],
            testMatch: ['**/*.test.ts'],
        },
        {
            ...shared,
            displayName: 'postgres',
            roots: ['<rootDir>/test'],
            testMatch: ['<rootDir>/test/host/**/*.test.ts', ...productOnPostgres.map((name) => `<rootDir>/test/live-chats/${name}.test.ts`)],
            setupFiles: ['<rootDir>/test/support/on-postgres.js'],
        },
    ],
    reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
    maxWorkers: 2,
    testTimeout: 30_000,
};
