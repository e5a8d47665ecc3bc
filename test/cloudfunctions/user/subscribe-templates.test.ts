// user.me's subscribe templates come from the server's configuration, the same variables the
// functions send with: the templates the poster is prompted for include the one the wish function
// then sends them, through invoke() and the emulator's outbox.
import { user } from '../../../cloudfunctions/user/function';
import { subscribeTemplates } from '../../../cloudfunctions/user/subscribe-templates';
import { loadConfig } from '../../../server/config';
import { call, community, expectOk, messagesTo, NOW, plantRecipient, plantWish } from '../wish/helpers';
import { uniq } from '../../server/fixtures/db';

const me = (openid: string) => user.invoke({ action: 'me', input: {} }, { openid, now: () => NOW });

const VARS = {
  WISH_TMPL_CLAIMED: 'tpl-claimed',
  WISH_TMPL_REMINDER: 'tpl-reminder',
  WISH_TMPL_RELEASED: 'tpl-released',
  WISH_TMPL_DELIVERED: 'tpl-delivered',
  WISH_TMPL_CONFIRMED: 'tpl-confirmed',
  CHARITY_ALLOCATION_TEMPLATE_ID: 'tpl-allocation',
  CHARITY_DISCLOSURE_TEMPLATE_ID: 'tpl-disclosure',
  ACTIVITY_PROMOTION_TEMPLATE_ID: 'tpl-promoted',
};

test('each prompt gets the configured templates of the messages its person receives', () => {
  expect(subscribeTemplates(loadConfig(VARS))).toEqual({
    wishPosted: ['tpl-claimed', 'tpl-delivered'],
    wishClaimed: ['tpl-reminder', 'tpl-released', 'tpl-confirmed'],
    offerMade: ['tpl-allocation'],
    disclosuresDue: ['tpl-disclosure'],
    activitySignup: ['tpl-promoted'],
  });
});

test('unset charity templates are left out; one template configured for two messages is asked once', () => {
  const t = subscribeTemplates(loadConfig({ WISH_TMPL_REMINDER: 'same', WISH_TMPL_RELEASED: 'same', WISH_TMPL_CONFIRMED: 'other' }));
  expect(t.wishClaimed).toEqual(['same', 'other']);
  expect(t.offerMade).toEqual([]);
  expect(t.disclosuresDue).toEqual([]);
  expect(t.activitySignup).toEqual(['dev-activity-promoted']);
  // Unset wish and activity templates fall back to the functions' own development placeholders, so
  // the emulator's outbox and the prompts still agree.
  expect(t.wishPosted).toEqual(['dev-wish-claimed', 'dev-wish-delivered']);
});

describe('through the functions', () => {
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const [k, v] of Object.entries(VARS)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  test('me answers the templates with the profile; the poster is then sent the template they were prompted for', async () => {
    const c = await community('tmpl');
    const poster = expectOk(await me(c.family));
    expect(poster).toMatchObject({ openid: c.family, roles: [], subscribeTemplates: { wishPosted: ['tpl-claimed', 'tpl-delivered'] } });
    const donor = expectOk(await me(c.donor));
    expect(donor.subscribeTemplates.wishClaimed).toEqual(['tpl-reminder', 'tpl-released', 'tpl-confirmed']);

    const r = await plantRecipient(c);
    const w = await plantWish(c, r, 'published');
    expectOk(await call(c.donor, 'claim', { wishId: w._id, version: w.version }));
    const sent = await messagesTo(c.family);
    expect(sent.map((m) => m.params.template_id)).toEqual(['tpl-claimed']);
    expect(poster.subscribeTemplates.wishPosted).toContain(sent[0].params.template_id);
  });

  test('a bad template id in the configuration fails loudly naming it, not with an empty prompt', async () => {
    process.env.WISH_TMPL_CLAIMED = 'bad id!';
    try {
      const res = await me(uniq('cfg'));
      expect(res).toMatchObject({ ok: false, error: { code: 'internal' } });
    } finally {
      process.env.WISH_TMPL_CLAIMED = VARS.WISH_TMPL_CLAIMED;
    }
  });
});
