// Runs before each mini-program test file. miniprogram-simulate installs its own `wx` mock later with
// `wx = Object.assign(itsMock, global.wx)`, so what is defined here wins over simulate's defaults.
// Transports are the boundary tests mock: by default they fail loudly, so a test never talks to
// anything it did not set up.
const g = globalThis as any;

g.wx = g.wx || {};
g.wx.cloud = {
  init: jest.fn(),
  callFunction: jest.fn(async ({ name }: { name: string }) => {
    throw new Error(`wx.cloud.callFunction("${name}") is not mocked in this test`);
  }),
};
g.wx.request = jest.fn((opts: { url: string }) => {
  throw new Error(`wx.request(${opts.url}) is not mocked in this test`);
});

// getApp/getCurrentPages/App are absent from simulate by design. A test may replace __testApp.
g.__testApp = { globalData: { roles: [], elderMode: false } };
g.getApp = () => g.__testApp;
g.getCurrentPages = () => [];
// App() records its options so app.ts can be exercised without a runtime.
g.App = (options: Record<string, unknown>) => {
  g.__appOptions = options;
};
