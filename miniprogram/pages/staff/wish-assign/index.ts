// Claimed wishes of the community waiting for delivery: staff assign a verified volunteer of the
// community to take one to the recipient's door (the volunteer then sees the address, and only
// they, until it is delivered). Wishes brought to the station need no one: handover records them.
import { pageBase } from '../../../behaviors/page-base';
import { pagedList } from '../../../behaviors/paged-list';
import type { WishView } from '../../../core/index';
import { userMessage } from '../../../services/errors';
import { toast } from '../../../services/platform';
import { listVolunteers } from '../../../services/volunteer';
import { assignVolunteer, wishQueue } from '../../../services/wish';
import { communityList, listData, type PagedList } from '../../../utils/list';
import { assignRow, volunteerChoice, type AssignRow, type VolunteerChoice } from '../../../utils/delivery-view';

const PAGE = 20;
/** Volunteers offered in the picker: the community's verified ones, one page (a community has tens). */
const VOLUNTEERS = 50;

Component({
  behaviors: [pageBase, pagedList],
  data: {
    ...listData<AssignRow>(),
    communityId: '',
    volunteers: [] as VolunteerChoice[],
    volunteersStatus: '' as '' | 'loading' | 'ready' | 'empty' | 'error',
    volunteersError: '',
  },
  methods: {
    list(): PagedList<WishView, AssignRow> {
      return communityList(this, 'staff', (communityId, after) => wishQueue({ communityId, status: 'claimed', after, limit: PAGE }), {
        key: 'rows',
        mapRow: (w) => assignRow(w, Date.now()),
      });
    },
    async loadVolunteers() {
      if (this.data.volunteersStatus === 'loading' || this.data.volunteersStatus === 'ready') return;
      this.setData({ volunteersStatus: 'loading', volunteersError: '' });
      try {
        const page = await listVolunteers({ communityId: this.data.communityId, status: 'verified', limit: VOLUNTEERS });
        const volunteers = page.items.map(volunteerChoice);
        this.setData({ volunteers, volunteersStatus: volunteers.length ? 'ready' : 'empty' });
      } catch (err) {
        this.setData({ volunteersStatus: 'error', volunteersError: userMessage(err) });
      }
    },
    onPickTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ [`rows[${i}].panel`]: !this.data.rows[i].panel, [`rows[${i}].error`]: '' });
      return this.loadVolunteers();
    },
    onVolunteersRetry() {
      return this.loadVolunteers();
    },
    async onVolunteerTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const v = this.data.volunteers[Number(e.currentTarget.dataset.v)];
      const row = this.data.rows[i];
      if (row.busy || !v) return;
      this.setData({ [`rows[${i}].busy`]: true, [`rows[${i}].error`]: '' });
      try {
        const w = await assignVolunteer({ wishId: row.id, volunteerOpenid: v.openid });
        this.setData({ [`rows[${i}]`]: { ...assignRow(w, Date.now()), assignedTo: v.label } });
        toast(`已指派${v.name}送达`, 'none');
      } catch (err) {
        this.setData({ [`rows[${i}].busy`]: false, [`rows[${i}].error`]: userMessage(err) });
      }
    },
  },
});
