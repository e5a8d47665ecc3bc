// Scan to check in or out. The scene arrives two ways: the page opened by scanning the code with
// WeChat (query.scene), or the scan button here (wx.scanCode). Location is asked with the privacy
// card on this page; a rotating code works without it (the leader confirms), a poster code does not.
import { pageBase } from '../../../behaviors/page-base';
import type { ScanInput } from '../../../core/index';
import { checkIn, checkOut } from '../../../services/activity';
import { isAppError, reasonOf, userMessage } from '../../../services/errors';
import { getLocation, openSettings, platformErrorKind, scanCode, type Position } from '../../../services/platform';
import {
  locationNeededView,
  notACodeView,
  parse,
  refusalView,
  sceneFromQuery,
  sceneFromScan,
  successView,
  type CheckEvent,
  type ResultView,
} from '../../../utils/checkin-view';

Component({
  behaviors: [pageBase],
  data: {
    phase: 'choose' as 'choose' | 'working' | 'result',
    /** A scene that opened the page: the user only chooses 签到 or 签退. */
    scene: '',
    event: 'in' as CheckEvent,
    result: null as ResultView | null,
    scanCancelled: false,
    retryRequestId: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ scene: sceneFromQuery(query) });
    },

    onCheckInTap() {
      return this.run('in');
    },

    onCheckOutTap() {
      return this.run('out');
    },

    onRetryTap() {
      return this.run(this.data.event, this.data.retryRequestId || undefined);
    },

    onAgainTap() {
      this.setData({ phase: 'choose', result: null, scene: '', retryRequestId: '' });
    },

    onSettingsTap() {
      return openSettings();
    },

    async run(event: CheckEvent, requestId?: string) {
      this.setData({ event, scanCancelled: false });
      let scene = this.data.scene;
      if (!scene) {
        try {
          scene = sceneFromScan(await scanCode());
        } catch (err) {
          // A cancelled scan is not a failure: stay on the choice, say nothing alarming.
          if (platformErrorKind(err) === 'cancelled') return this.setData({ scanCancelled: true });
          return this.show(refusalView('没有扫到签到码，请再试一次', event, 'scan.failed', false));
        }
      }
      const parsed = parse(scene);
      if (!parsed) return this.show(notACodeView(event));
      // Kept so "再试一次" after a lost answer sends the same scene again.
      this.setData({ phase: 'working', scene });

      let location: Position | undefined;
      try {
        location = await getLocation();
      } catch (err) {
        const kind = platformErrorKind(err);
        if (parsed.kind === 'poster') return this.show(locationNeededView(event, kind === 'denied'));
      }

      const input: ScanInput = { scene, ...(location ? { location: { lat: location.lat, lng: location.lng, accuracyM: location.accuracy } } : {}) };
      try {
        const r = event === 'in' ? await checkIn(input, { requestId }) : await checkOut(input, { requestId });
        this.setData({ retryRequestId: '' });
        return this.show(successView(r, event));
      } catch (err) {
        const retryId = isAppError(err) && err.requestId ? err.requestId : '';
        this.setData({ retryRequestId: retryId });
        return this.show(refusalView(userMessage(err), event, reasonOf(err) ?? (isAppError(err) ? err.code : 'internal'), !!retryId));
      }
    },

    show(result: ResultView) {
      this.setData({ phase: 'result', result });
    },
  },
});
