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

const nodeProject = (displayName, testMatch, extra = {}) => ({
  displayName,
  testEnvironment: 'node',
  testMatch,
  transform: nodeTransform,
  moduleNameMapper: { '^@domain/(.*)$': '<rootDir>/domain/$1' },
  ...extra,
})

module.exports = {
  projects: [
    nodeProject('domain', ['<rootDir>/domain/**/*.test.ts']),
    // These start real processes (emulator, function instances); on a busy 2-core CI box a cold
    // start alone can take seconds.
    nodeProject('server', ['<rootDir>/server/**/*.test.ts', '<rootDir>/cloudfunctions/*/src/**/*.test.ts', '<rootDir>/scripts/**/*.test.ts'], { testTimeout: 30_000 }),
    // Components project (jsdom) and the weapp simulate project are declared in their own files.
    ...[require('./client/jest.config.js'), require('./tests/weapp/jest.config.js')].filter(Boolean),
    nodeProject('e2e', ['<rootDir>/tests/e2e/**/*.test.ts'], { testTimeout: 180_000 }),
  ],
}
