// Taro compiles the client with babel-preset-taro; jest reuses the same config so that
// components under test are transformed exactly as in the real build.
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        // Hot reload would need react-refresh, which we do not ship.
        hot: false,
      },
    ],
  ],
}
