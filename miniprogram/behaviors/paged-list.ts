// A page whose content is one cursor list: it defines `list()` (utils/list.ts PagedList) and this
// behavior gives it the lifecycle every such page repeats: the first page on load and on retry,
// the next page when the user reaches the bottom. A page may still define its own onLoad (e.g. to
// read its query first) and call loadFirstPage itself.
import { loadFirstPage, loadNextPage, type ListHost, type PagedList } from '../utils/list';

type ListPage = ListHost & { list(): PagedList<unknown, unknown> };

export const pagedList = Behavior({
  methods: {
    onLoad() {
      return loadFirstPage(this as unknown as ListPage, (this as unknown as ListPage).list());
    },
    onRetry() {
      return loadFirstPage(this as unknown as ListPage, (this as unknown as ListPage).list());
    },
    onReachBottom() {
      return loadNextPage(this as unknown as ListPage, (this as unknown as ListPage).list());
    },
  },
});
