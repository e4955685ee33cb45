/** Unit tests sit beside the code; integration and browser tests live in test/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/workers', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(ts|js|mjs)$': ['@swc/jest'] },
  // @tus/*, srvx and archiver 8 (with the ES-module-only packages it pulls in) ship only ES
  // modules; Jest on Node 20 loads CommonJS, so compile them too.
  transformIgnorePatterns: [
    '/node_modules/(?!(@tus|srvx|archiver|zip-stream|compress-commons|crc32-stream|is-stream|readdir-glob|minimatch|brace-expansion|balanced-match)/)',
  ],
  // Integration tests run real ffmpeg on 2 cores; a slow machine must not fail them by the clock.
  testTimeout: 180000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
