// Text that others will read (offer and need descriptions, donor names on the public ledger,
// purposes) is screened with WeChat's content check (security.msgSecCheck) before it is stored.
import type { TxCtx } from '../../server/context';
import { checkText } from '../../server/openapi';

/** Checks each field's text; a rejection names the field (details.issues path ['input', field]). */
export async function checkTexts(ctx: TxCtx, fields: Record<string, string | undefined | null>): Promise<void> {
  for (const [field, text] of Object.entries(fields)) {
    if (typeof text === 'string' && text.length > 0) await checkText(ctx, text, { scene: 'profile', field });
  }
}
