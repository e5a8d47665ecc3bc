// A page with an inline form held in `form` and its field errors in `errors`: a big choice button
// (`data-field` + `data-key`) or a text input (`data-field`) sets its field and clears that field's
// error, by path.
type FormPage = { setData(patch: Record<string, unknown>): void };

export const formFields = Behavior({
  methods: {
    onChoose(e: WechatMiniprogram.TouchEvent) {
      const field = String(e.currentTarget.dataset.field);
      (this as unknown as FormPage).setData({ [`form.${field}`]: String(e.currentTarget.dataset.key), [`errors.${field}`]: '' });
    },
    onInput(e: WechatMiniprogram.Input) {
      const field = String(e.currentTarget.dataset.field);
      (this as unknown as FormPage).setData({ [`form.${field}`]: e.detail.value, [`errors.${field}`]: '' });
    },
  },
});
