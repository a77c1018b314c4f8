// The "weapp" jest project: the BUILT mini-program (dist/) rendered by miniprogram-simulate
// through Taro's base.wxml templates. Run `npm run build:weapp` first. Loaded by the root
// jest.config.js.
const path = require('path')

module.exports = {
  // '../..' from this file, made absolute (the root config embeds this object).
  rootDir: path.resolve(__dirname, '..', '..'),
  displayName: 'weapp',
  // j-component (inside miniprogram-simulate) renders into a DOM.
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'],
  // Only our test code is compiled; the built dist/ must run exactly as shipped.
  transform: {
    '^.+/tests/weapp/.+\\.ts$': [
      'babel-jest',
      {
        babelrc: false,
        configFile: false,
        presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/', '/dist/'],
}
