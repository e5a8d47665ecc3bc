// The mini-program runtime has no eval/new Function, so zod must never reach for it: not to probe
// whether eval works, and not to compile its fast object parser. zod decides both when a schema is
// CONSTRUCTED, which happens while the core bundle is being loaded, before app.ts's own code runs.
const realFunction = globalThis.Function;

afterEach(() => {
  globalThis.Function = realFunction;
});

test('launching the app and parsing with a contract schema never constructs a Function', () => {
  const constructed: string[] = [];
  globalThis.Function = new Proxy(realFunction, {
    construct(target, args: unknown[]) {
      constructed.push(String(args[args.length - 1] ?? '').slice(0, 40));
      return Reflect.construct(target, args) as object;
    },
  });

  jest.isolateModules(() => {
    require('../../../miniprogram/app');
    const core = require('../../../miniprogram/core/index') as typeof import('../../../miniprogram/core/index');
    const input = { openid: 'o-1', role: 'volunteer', communityId: 'c-1' };
    for (let i = 0; i < 3; i++) expect(core.userContract.actions.setRole.input.parse(input)).toEqual(input);
  });

  expect(constructed).toEqual([]);
});
