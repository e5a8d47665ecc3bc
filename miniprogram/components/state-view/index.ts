// Loading / empty / error, the same way on every screen: a sentence and, for errors, a big retry
// button. The page keeps its own content below, shown when status is 'ready'.
Component({
  // apply-shared: app.wxss's buttons and text classes reach inside the component.
  options: { styleIsolation: 'apply-shared' },
  properties: {
    status: { type: String, value: 'loading' },
    /** The error message (services/errors userMessage) or the empty text. */
    message: { type: String, value: '' },
    emptyText: { type: String, value: '这里还没有内容' },
    retryLabel: { type: String, value: '重新加载' },
  },
  methods: {
    onRetryTap() {
      this.triggerEvent('retry', {});
    },
  },
});
