// Subscription grants: who accepted which subscribe-message template (wx.requestSubscribeMessage),
// so subscribeMessage.send can refuse a user who did not, as WeChat does (errcode 43101).
//
// A one-time acceptance allows ONE message: grants are counted per (openid, templateId) and a send
// consumes one. A long-term acceptance (long-term templates, for the categories WeChat allows)
// stays until it is removed. Modes:
//   open   (default) every valid send succeeds, as before; grants are kept but not consulted.
//   strict a send needs a grant of its (touser, template_id): otherwise errcode 43101.
// Kept in memory and, when the emulator persists, in <dataDir>/subscriptions.json (rewritten
// whole on each change: a developer's grants survive a restart, as they do on WeChat).
import fs from 'node:fs';

export type SubscriptionMode = 'open' | 'strict';
export const SUBSCRIPTION_MODES: readonly SubscriptionMode[] = ['open', 'strict'];

export interface Grant {
  openid: string;
  templateId: string;
  /** One-time acceptances not yet used by a send. */
  oneTime: number;
  /** A long-term acceptance: not consumed by sends. */
  longTerm: boolean;
}

/** How a send was let through, or that it was not: recorded with it in the outbox. */
export type SendAuthorization = 'open' | 'one-time' | 'long-term' | 'refused';

interface Held {
  oneTime: number;
  longTerm: boolean;
}

const FILE_VERSION = 1;

export class SubscriptionLedger {
  private readonly grants = new Map<string, Map<string, Held>>();

  constructor(
    readonly mode: SubscriptionMode,
    private readonly file: string | null,
  ) {
    if (!SUBSCRIPTION_MODES.includes(mode)) throw new Error(`subscriptions mode must be 'open' or 'strict', got ${JSON.stringify(mode)}`);
    if (file && fs.existsSync(file)) this.load(file);
  }

  /** Records accepted templates of one prompt: a one-time grant each, or a long-term one. */
  grant(openid: string, templateIds: string[], longTerm = false): void {
    if (!templateIds.length) return;
    let mine = this.grants.get(openid);
    if (!mine) this.grants.set(openid, (mine = new Map()));
    for (const id of templateIds) {
      const held = mine.get(id) ?? { oneTime: 0, longTerm: false };
      if (longTerm) held.longTerm = true;
      else held.oneTime++;
      mine.set(id, held);
    }
    this.save();
  }

  /**
   * Decides a send to (openid, templateId). In strict mode a long-term grant lets it through as is,
   * a one-time grant is used up; without either it is refused. Open mode lets everything through
   * and leaves the grants alone.
   */
  authorize(openid: string, templateId: string): SendAuthorization {
    if (this.mode === 'open') return 'open';
    const mine = this.grants.get(openid);
    const held = mine?.get(templateId);
    if (!mine || !held) return 'refused';
    if (held.longTerm) return 'long-term';
    if (held.oneTime <= 0) return 'refused';
    held.oneTime--;
    if (held.oneTime === 0 && !held.longTerm) mine.delete(templateId);
    if (!mine.size) this.grants.delete(openid);
    this.save();
    return 'one-time';
  }

  /** The grants held, by openid and template id; of one openid when given. */
  list(openid?: string): Grant[] {
    const out: Grant[] = [];
    for (const [who, mine] of this.grants) {
      if (openid !== undefined && who !== openid) continue;
      for (const [templateId, held] of mine) out.push({ openid: who, templateId, ...held });
    }
    return out.sort((a, b) => (a.openid === b.openid ? cmp(a.templateId, b.templateId) : cmp(a.openid, b.openid)));
  }

  /** Removes the grants of an openid (one template when given); answers how many were removed. */
  revoke(openid: string, templateId?: string): number {
    const mine = this.grants.get(openid);
    if (!mine) return 0;
    let removed = 0;
    if (templateId === undefined) {
      removed = mine.size;
      this.grants.delete(openid);
    } else if (mine.delete(templateId)) {
      removed = 1;
      if (!mine.size) this.grants.delete(openid);
    }
    if (removed) this.save();
    return removed;
  }

  private load(file: string): void {
    let parsed: { version?: unknown; grants?: unknown };
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`cannot read subscription grants ${file}: ${(e as Error).message} (delete the file, or start with --reset)`);
    }
    if (parsed?.version !== FILE_VERSION || !Array.isArray(parsed.grants)) {
      throw new Error(`cannot read subscription grants ${file}: not a version ${FILE_VERSION} grants file (delete the file, or start with --reset)`);
    }
    for (const g of parsed.grants as Array<Partial<Grant>>) {
      if (typeof g?.openid !== 'string' || typeof g.templateId !== 'string' || !Number.isInteger(g.oneTime) || typeof g.longTerm !== 'boolean') {
        throw new Error(`cannot read subscription grants ${file}: bad entry ${JSON.stringify(g)} (delete the file, or start with --reset)`);
      }
      let mine = this.grants.get(g.openid);
      if (!mine) this.grants.set(g.openid, (mine = new Map()));
      mine.set(g.templateId, { oneTime: g.oneTime as number, longTerm: g.longTerm });
    }
  }

  private save(): void {
    if (!this.file) return;
    // Whole-file rewrite through a rename: a crash leaves the old file or the new one, never half.
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ version: FILE_VERSION, grants: this.list() }, null, 1) + '\n');
    fs.renameSync(tmp, this.file);
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
