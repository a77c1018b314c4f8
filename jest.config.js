// One jest run, several layers. Each project sits next to the code it tests.
const nodeTransform = {
  '^.+\\.[cm]?[jt]sx?$': [
    'babel-jest',
    {
      babelrc: false,
      configFile: false,
      presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
    },
  ],
}

const nodeProject = (displayName, testMatch) => ({
  displayName,
  testEnvironment: 'node',
  testMatch,
  transform: nodeTransform,
  moduleNameMapper: { '^@domain/(.*)$': '<rootDir>/domain/$1' },
})

module.exports = {
  // Many tests start real processes (emulator, function instances, the app, Chromium); on a busy
  // 2-core CI box a cold start alone can take seconds. testTimeout is a global-only option.
  testTimeout: 30_000,
  projects: [
    nodeProject('domain', ['<rootDir>/domain/**/*.test.ts']),
    nodeProject('server', ['<rootDir>/server/**/*.test.ts', '<rootDir>/cloudfunctions/*/src/**/*.test.ts', '<rootDir>/scripts/**/*.test.ts']),
    // The components project (jsdom) and the weapp simulate project are declared beside their code.
    require('./client/jest.config.js'),
    require('./tests/weapp/jest.config.js'),
    nodeProject('e2e', ['<rootDir>/tests/e2e/**/*.test.ts']),
  ],
}
