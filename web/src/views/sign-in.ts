import { ApiError, getJson } from '../lib/api';
import { field, fill, h } from '../lib/dom';
import { t } from '../lib/i18n';
import { signIn, type Me } from '../lib/session';
import { busy, errorBox, statusLine } from '../lib/widgets';
import { homeOf } from '../layout';
import type { ViewContext } from '../router';

/** Sign in with an API key: GET /me with it tells the role and scopes. */
export function signInView(ctx: ViewContext): void {
  ctx.setTitle(t('signIn'));
  const key = h('input', {
    type: 'password',
    name: 'apiKey',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    class: 'wide',
  });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('signIn'));
  const status = statusLine();
  const form = h(
    'form',
    { class: 'sign-in panel', novalidate: true },
    h('h1', null, t('signInTitle')),
    h('p', { class: 'muted' }, t('signInHelp')),
    field(t('apiKey'), key),
    h('div', { class: 'actions' }, submit),
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = key.value.trim();
    if (!value) return key.focus();
    status.clear();
    try {
      const who = await busy(submit, t('loading'), () => getJson<Me>('/me', { key: value }));
      signIn(value, who);
      const next = ctx.query.get('next');
      ctx.navigate(next && next.startsWith('/') && !next.startsWith('//') && next !== '/sign-in' ? next : homeOf(who), {
        replace: true,
      });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) status.fail(t('badKey'));
      else status.fail(errorBox(err));
      key.focus();
    }
  });
  fill(ctx.root, h('div', { class: 'center' }, form));
  key.focus();
  ctx.ready('sign-in');
}
