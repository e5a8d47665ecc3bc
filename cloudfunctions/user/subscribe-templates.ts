// The subscribe-message templates each mini-program prompt asks for, from the same configuration the
// functions send with (server/wish/config.ts, server/charity/config.ts, server/activity/config.ts), so
// the client never holds its own copy. Each list names the templates the server later sends to the
// person who tapped.
import type { SubscribeTemplates } from '../../core';
import type { ServerConfig } from '../../server/config';
import { activitySettings } from '../../server/activity/settings';
import { wishSettings } from '../../server/wish/config';

/**
 * The ids the functions actually send with: their own defaults apply (the wish and activity
 * development placeholders the emulator records); unset charity templates send nothing and are left
 * out, as are repeated ids. WeChat takes at most 3 per prompt.
 */
function prompt(...ids: Array<string | undefined>): string[] {
  return [...new Set(ids.filter((id): id is string => !!id))].slice(0, 3);
}

export function subscribeTemplates(c: ServerConfig): SubscribeTemplates {
  const wish = wishSettings(c).templates;
  return {
    wishPosted: prompt(wish.claimed, wish.delivered),
    wishClaimed: prompt(wish.reminder, wish.released, wish.confirmed),
    offerMade: prompt(c.CHARITY_ALLOCATION_TEMPLATE_ID),
    disclosuresDue: prompt(c.CHARITY_DISCLOSURE_TEMPLATE_ID),
    // Signing up may put the volunteer on the waitlist; they hear when they move up.
    activitySignup: prompt(activitySettings(c).promotionTemplateId),
  };
}
