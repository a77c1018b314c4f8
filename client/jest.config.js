// placeholder; replaced below
module.exports = { rootDir: '..', displayName: 'components', testEnvironment: 'node', testMatch: ['<rootDir>/client/**/*.test.ts?(x)'] }
