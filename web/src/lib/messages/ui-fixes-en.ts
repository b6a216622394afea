import type { uiFixesZh } from './ui-fixes-zh';

/** The batch upload's template and help and the route map's controls in English: every key of ui-fixes-zh.ts. */
export const uiFixesEn: Record<keyof typeof uiFixesZh, string> = {
  csvTemplate: 'Download the CSV template',
  csvTemplateFile: 'return-to-work-workers-template.csv',
  csvHelpTitle: 'How to fill in the list',
  csvHelpRequired:
    'Required: name, ID number, mobile, county code (6 digits), village, longitude, latitude, factory id, ' +
    'health code (绿/黄/红 or green/yellow/red), earliest departure.',
  csvHelpFormats:
    'Times in Beijing time, e.g. 2020-03-02 06:00; registered poor: 是/否 (yes/no); payee account, family id and ' +
    'the like may stay empty. One person per row, headings in the first row.',
  mapZoom: 'Map zoom',
  mapZoomIn: 'Zoom in',
  mapZoomOut: 'Zoom out',
  mapZoomReset: 'Reset zoom',
  mapClickHint: 'Click a route to open that trip.',
  mapTripOpen: '{trip}: click to open the trip',
};
