// placeholder; replaced below
module.exports = { rootDir: '../..', displayName: 'weapp', testEnvironment: 'node', testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'] }
