import { h } from '../../lib/dom';
import { saveBlob } from '../../lib/download';
import { t } from '../../lib/i18n';
import { templateCsv } from './template-headings';

/** The template's download button and the short help on filling in the list (shown above the drop zone). */
export function csvTemplateHelp(): HTMLElement {
  const download = h('button', { type: 'button', 'data-testid': 'csv-template' }, t('csvTemplate'));
  download.addEventListener('click', () =>
    saveBlob(new Blob([templateCsv()], { type: 'text/csv;charset=utf-8' }), t('csvTemplateFile')),
  );
  return h(
    'div',
    { class: 'csv-help', 'data-testid': 'csv-help' },
    h('div', { class: 'actions' }, download),
    h(
      'details',
      null,
      h('summary', null, t('csvHelpTitle')),
      h('p', { class: 'small' }, t('csvHelpRequired')),
      h('p', { class: 'small' }, t('csvHelpFormats')),
    ),
  );
}
