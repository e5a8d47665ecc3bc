// Shared by every page: the elder-mode font scale on the page root (`style="{{rootStyle}}"`),
// re-read on each show so a switch made on the settings page applies when the user comes back.
import { currentFontScale } from '../services/session';
import { scaleStyle } from '../utils/elder';

export const pageBase = Behavior({
  data: { rootStyle: '', fontScale: 1 },
  lifetimes: {
    attached() {
      applyScale(this);
    },
  },
  pageLifetimes: {
    show() {
      applyScale(this);
    },
  },
});

/** Any page or component instance (its data typing does not include the behavior's fields). */
interface Scalable {
  data: object;
  setData(data: Record<string, unknown>): void;
}

export function applyScale(inst: Scalable): void {
  const scale = currentFontScale();
  const data = inst.data as { rootStyle?: string; fontScale?: number };
  if (data.fontScale !== scale || !data.rootStyle) inst.setData({ rootStyle: scaleStyle(scale), fontScale: scale });
}
