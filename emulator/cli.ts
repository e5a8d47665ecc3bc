// Command line of the local CloudBase emulator (contract relied on by other tools):
//   npm run emulator -- --port <port> --data <dir> [--reset] [--seed] [--dev] [--timers] [--pool N] [--sec-words file] [--max-upload MB] [--strict-subscriptions]
// runs in the foreground, serves the admin endpoint at http://127.0.0.1:<port>/admin, prints the URLs
// when ready and stops cleanly on SIGTERM / SIGINT.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator, RunningEmulator } from './emulator';
import { projectRoot } from './paths';
import { seedDemoCommunity } from './seed/seed';
import { DEMO_ADMIN_OPENID, DEMO_COMMUNITY_ID } from './seed/demo-community';

export const DEFAULT_PORT = 9100;

const USAGE = `Usage: emulator [options]
  --port <n>         port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --data <dir>       persistent data directory (default .emulator-data in the project)
  --reset            wipe the data directory first
  --seed             seed the demo community when the database is empty
  --dev              serve the mini-program's function gateway (POST /functions/<name>) and /dev routes
  --timers           fire the functions' config.json timer triggers on schedule (cron in China time, UTC+8)
  --pool <n>         warm function workers (default: number of cores; 0: no function runner)
  --sec-words <file> words (one per line) that security.msgSecCheck rejects
  --max-upload <MB>  largest file storage accepts, in MB (default 50)
  --strict-subscriptions
                     subscribeMessage.send needs the user's grant (POST /dev/subscriptions, as
                     wx.requestSubscribeMessage gives): otherwise errcode 43101, like WeChat
  --auto-create      create collections on first write
  --propagate-openid give a function called by another function the caller's OPENID
  --quiet            do not print one line per request
  --help`;

export async function main(argv: string[]): Promise<RunningEmulator | undefined> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        reset: { type: 'boolean' },
        seed: { type: 'boolean' },
        dev: { type: 'boolean' },
        timers: { type: 'boolean' },
        pool: { type: 'string' },
        'sec-words': { type: 'string' },
        'max-upload': { type: 'string' },
        'strict-subscriptions': { type: 'boolean' },
        'auto-create': { type: 'boolean' },
        'propagate-openid': { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  if (args.help) {
    console.log(USAGE);
    return undefined;
  }
  const port = parseInteger(args.port ?? String(DEFAULT_PORT), '--port', 0, 65535);
  const poolSize = args.pool === undefined ? undefined : parseInteger(args.pool, '--pool', 0, 64);
  const maxUploadBytes = args['max-upload'] === undefined ? undefined : parseInteger(args['max-upload'], '--max-upload', 1, 1024) * 1024 * 1024;
  const dataDir = path.resolve(args.data ?? path.join(projectRoot(), '.emulator-data'));
  let secCheckWords: string[] | undefined;
  if (args['sec-words']) {
    try {
      secCheckWords = fs.readFileSync(args['sec-words'], 'utf8').split(/\r?\n/).map((w) => w.trim()).filter(Boolean);
    } catch (e) {
      fail(`cannot read --sec-words file: ${(e as Error).message}`);
    }
  }

  let emu: RunningEmulator;
  try {
    emu = await startEmulator({
      port,
      dataDir,
      reset: !!args.reset,
      dev: !!args.dev,
      timers: !!args.timers,
      poolSize,
      secCheckWords,
      maxUploadBytes,
      subscriptions: args['strict-subscriptions'] ? 'strict' : 'open',
      autoCreateCollections: !!args['auto-create'],
      propagateOpenIdToCallee: !!args['propagate-openid'],
      functionEnv: {
        ADMIN_OPENIDS: process.env.ADMIN_OPENIDS ?? DEMO_ADMIN_OPENID,
        BOOTSTRAP_COMMUNITY_ID: process.env.BOOTSTRAP_COMMUNITY_ID ?? DEMO_COMMUNITY_ID,
      },
      echo: args.quiet ? undefined : (line) => console.log(line),
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') fail(`port ${port} is in use: another emulator running? Pick one with --port <n>.`);
    fail(`emulator did not start: ${err.message}`);
  }

  const stop = async (signal: string) => {
    console.log(`\n${signal}: stopping the emulator…`);
    await emu.close();
    console.log('emulator stopped.');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  console.log(`CloudBase emulator ready (env ${emu.envName})`);
  console.log(`  admin endpoint   ${emu.adminUrl}`);
  if (args.dev) console.log(`  function gateway ${emu.url}/functions/<name>   (dev mode; outbox: GET ${emu.url}/dev/outbox)`);
  console.log(`  subscriptions    ${subscriptionSummary(emu, !!args.dev)}`);
  console.log(`  data directory   ${dataDir}${args.reset ? ' (reset)' : ''}`);
  console.log(`  request log      ${path.join(dataDir, 'requests.jsonl')}`);
  console.log(`  functions        ${emu.runner ? builtFunctions().join(', ') || '(none built: npm run build)' : 'runner off (--pool 0)'}`);
  if (emu.runner) console.log(`  timer triggers   ${timerSummary(emu, !!args.timers, !!args.dev)}`);
  if (args.seed) {
    const report = await seedDemoCommunity(emu.adminUrl, emu.envName);
    console.log(report);
  }
  return emu;
}

function timerSummary(emu: RunningEmulator, on: boolean, dev: boolean): string {
  const list = emu.runner!.timers.triggers().map((t) => `${t.functionName}/${t.name} "${t.config}"`);
  const how = on ? 'firing on schedule, China time' : 'off (--timers to fire on schedule)';
  const byHand = dev ? `; fire one now: POST ${emu.url}/dev/functions/<name>/triggers/<trigger>` : '';
  return `${list.join(', ') || '(none)'}: ${how}${byHand}`;
}

function subscriptionSummary(emu: RunningEmulator, dev: boolean): string {
  if (emu.subscriptions.mode === 'open') return 'open: every subscribe message is accepted (--strict-subscriptions to require grants)';
  const how = dev ? `grant with POST ${emu.url}/dev/subscriptions` : 'no grants without --dev';
  return `strict: a subscribe message without the user's grant answers errcode 43101 (${how})`;
}

function builtFunctions(): string[] {
  const dir = path.join(projectRoot(), 'cloudfunctions');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((name) => fs.existsSync(path.join(dir, name, 'index.js'))).sort();
}

function parseInteger(text: string, flag: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) fail(`${flag} must be an integer from ${min} to ${max}, got "${text}"`);
  return n;
}

function fail(message: string): never {
  console.error(`emulator: ${message}`);
  process.exit(1);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => fail((e as Error).stack ?? String(e)));
}
