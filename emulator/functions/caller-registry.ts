// Per-invocation tokens: a worker exports its token as WX_API_TOKEN, node-sdk echoes it as
// body.wxCloudApiToken on every admin request, and the emulator maps it back to the live
// invocation's Caller (wire reference §7, last item). Tokens die with their invocation.
import { randomBytes } from 'node:crypto';
import type { Caller } from '../wire';

export class CallerRegistry {
  private readonly live = new Map<string, Caller>();

  open(caller: Caller): string {
    const token = `emu.${randomBytes(18).toString('base64url')}`;
    this.live.set(token, caller);
    return token;
  }

  close(token: string): void {
    this.live.delete(token);
  }

  resolve(token: string): Caller | undefined {
    return this.live.get(token);
  }
}
