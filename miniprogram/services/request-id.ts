// A requestId names one logical call; retries of that call reuse it so the function can answer a
// repeated state change idempotently. Math.random is enough: ids only need to be unique per caller.
export function newRequestId(now: number = Date.now()): string {
  let rand = '';
  while (rand.length < 12) rand += Math.random().toString(36).slice(2);
  return `${now.toString(36)}-${rand.slice(0, 12)}`;
}
