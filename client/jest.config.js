// The "components" jest project: client code rendered in jsdom the way the h5 build runs it.
// Recipe and reasons: shared/notes/TOOLCHAIN.md (Tests). Loaded by the root jest.config.js.
const path = require('path')

// Taro and a few of its dependencies ship untranspiled ESM; everything else in node_modules
// is left alone.
const esmPackages = [
  '@tarojs',
  '@stencil',
  'swiper',
  'ssr-window',
  'dom7',
  'lodash-es',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
  'valibot',
  'tslib',
  'nanoid',
  'style-inject',
  '\\.pnpm', // components/lib/react nests its own pnpm-style node_modules
]

module.exports = {
  // '..' from this file, made absolute: the root config embeds this object, and a relative
  // rootDir there would be taken from the repository root instead.
  rootDir: path.resolve(__dirname, '..'),
  displayName: 'components',
  testEnvironment: 'jsdom',
  testEnvironmentOptions: { url: 'http://localhost/' },
  testMatch: ['<rootDir>/client/**/*.test.ts?(x)'],
  // Like Taro's h5 build: `./x` resolves to x.h5.tsx / x.h5.ts before x.tsx / x.ts.
  moduleFileExtensions: ['h5.tsx', 'h5.ts', 'tsx', 'ts', 'js', 'mjs', 'cjs', 'jsx', 'json'],
  resolver: '<rootDir>/client/test-support/resolver.js',
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/client/test-support/taro.js',
    '\\.(css|scss|sass|less)$': '<rootDir>/client/test-support/style.js',
    '^@/(.*)$': '<rootDir>/client/$1',
    '^@domain/(.*)$': '<rootDir>/domain/$1',
  },
  transform: {
    '^.+\\.(m?js|jsx|tsx?)$': ['babel-jest', { configFile: path.join(__dirname, '..', 'babel.config.js') }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  setupFiles: ['<rootDir>/client/test-support/setup.js'],
}
