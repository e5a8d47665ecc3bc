// The privacy agreement flow (隐私保护指引). With `__usePrivacyCheck__` in app.json, WeChat refuses
// location, album, phone and similar APIs until the user agreed; when such an API is called first,
// WeChat calls our onNeedPrivacyAuthorization handler and holds the API call until we resolve it.
// The page on screen shows the <privacy-consent> card (an inline card, not a pop-up) whose agree
// button has open-type="agreePrivacyAuthorization"; tapping it resolves the held call.

export type PrivacyDecision = { event: 'agree'; buttonId: string } | { event: 'disagree' };
type Resolve = (decision: PrivacyDecision) => void;

/** What a consent card needs to know: whether to show itself, and the agreement's name. */
export interface PrivacyRequest {
  pending: boolean;
  /** The API that asked, when WeChat says (e.g. 'getLocation'). */
  referrer: string;
}

type Listener = (request: PrivacyRequest) => void;

interface PrivacyWx {
  onNeedPrivacyAuthorization?: (listener: (resolve: Resolve, eventInfo?: { referrer?: string }) => void) => void;
  requirePrivacyAuthorize?: (opts: { success?: () => void; fail?: (err: unknown) => void }) => void;
  getPrivacySetting?: (opts: { success?: (r: { needAuthorization: boolean; privacyContractName: string }) => void; fail?: (err: unknown) => void }) => void;
  openPrivacyContract?: (opts: { fail?: (err: unknown) => void }) => void;
}

const pwx = () => wx as unknown as PrivacyWx;

let pending: Resolve | undefined;
let referrer = '';
const listeners = new Set<Listener>();

function notify(): void {
  const request: PrivacyRequest = { pending: !!pending, referrer };
  listeners.forEach((l) => l(request));
}

function settle(decision: PrivacyDecision): void {
  const resolve = pending;
  pending = undefined;
  referrer = '';
  resolve?.(decision);
  notify();
}

/** Called once at launch (app.ts). Older base libraries have no privacy API: nothing to do there. */
export function installPrivacyHandler(): void {
  const api = pwx();
  if (typeof api.onNeedPrivacyAuthorization !== 'function') return;
  api.onNeedPrivacyAuthorization((resolve, eventInfo) => {
    // A second API asking while the card is up: the earlier one is answered first, with the same card.
    if (pending) pending({ event: 'disagree' });
    if (listeners.size === 0) {
      // No page can show the card (e.g. a page without it): refuse rather than hold the API forever.
      resolve({ event: 'disagree' });
      return;
    }
    pending = resolve;
    referrer = eventInfo?.referrer ?? '';
    notify();
  });
}

/** A consent card subscribes while it is on screen; the returned function unsubscribes. */
export function onPrivacyRequest(listener: Listener): () => void {
  listeners.add(listener);
  listener({ pending: !!pending, referrer });
  return () => {
    listeners.delete(listener);
    // The last card left the screen with the question open: answer it, so the API call ends.
    if (listeners.size === 0 && pending) settle({ event: 'disagree' });
  };
}

/** The agree button's bindagreeprivacyauthorization handler. */
export function agreePrivacy(buttonId: string): void {
  settle({ event: 'agree', buttonId });
}

export function declinePrivacy(): void {
  settle({ event: 'disagree' });
}

/** Whether the user still has to agree (false on base libraries without the privacy API). */
export function privacyNeeded(): Promise<boolean> {
  const api = pwx();
  if (typeof api.getPrivacySetting !== 'function') return Promise.resolve(false);
  return new Promise((resolve) => {
    api.getPrivacySetting!({
      success: (r) => resolve(!!r.needAuthorization),
      fail: () => resolve(false),
    });
  });
}

/**
 * Asks for the agreement before the page needs a protected API, from a tap, so the card appears at
 * a moment the user understands. Resolves true once agreed (or when nothing is needed).
 */
export function requirePrivacy(): Promise<boolean> {
  const api = pwx();
  if (typeof api.requirePrivacyAuthorize !== 'function') return Promise.resolve(true);
  return new Promise((resolve) => {
    api.requirePrivacyAuthorize!({ success: () => resolve(true), fail: () => resolve(false) });
  });
}

export function openPrivacyContract(): void {
  const api = pwx();
  api.openPrivacyContract?.({ fail: (err) => console.warn('[privacy] openPrivacyContract failed', err) });
}

/** Test hook: forget any held request and listener. */
export function resetPrivacyForTests(): void {
  pending = undefined;
  referrer = '';
  listeners.clear();
}
