// Two projects: everything that runs in Node (core, server, functions, emulator) against a real
// emulator started once by globalSetup, and the mini-program under miniprogram-simulate (jsdom).
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

module.exports = {
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/miniprogram/'],
      transform: { '^.+\\.ts$': swc },
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      displayName: 'miniprogram',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/miniprogram/**/*.test.ts'],
      // 'ts' before 'json': a component folder has index.ts AND index.json, and simulate.load()
      // require()s the extension-less path.
      moduleFileExtensions: ['ts', 'js', 'json'],
      moduleDirectories: ['node_modules', 'miniprogram_npm'],
      transform: {
        '^.+\\.ts$': swc,
        'miniprogram_npm/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2019' }, module: { type: 'commonjs' } }],
      },
      setupFiles: ['<rootDir>/test/miniprogram/setup-wx.ts'],
    },
  ],
};
