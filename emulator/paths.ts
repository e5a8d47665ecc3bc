import fs from 'node:fs';
import path from 'node:path';

let root: string | undefined;

/** The project root: the nearest folder upwards with a package.json that has the project's name. */
export function projectRoot(): string {
  if (root) return root;
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'wushe-liandong') return (root = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the project root above ${__dirname}`);
    dir = up;
  }
}
