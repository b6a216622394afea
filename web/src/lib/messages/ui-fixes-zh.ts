/** Words of the batch upload's template and help and of the route map's controls, in Simplified Chinese. */
export const uiFixesZh = {
  csvTemplate: '下载 CSV 模板',
  csvTemplateFile: '返岗人员名单模板.csv',
  csvHelpTitle: '名单怎么填',
  csvHelpRequired:
    '必填：姓名、身份证号、手机号、县区代码（6 位）、村、经度、纬度、企业编号、健康码（绿/黄/红 或 green/yellow/red）、最早出发时间。',
  csvHelpFormats:
    '时间写北京时间，如 2020-03-02 06:00；建档立卡填 是/否；收款账户、家庭编号等可留空。每行一人，第一行为表头。',
  mapZoom: '地图缩放',
  mapZoomIn: '放大地图',
  mapZoomOut: '缩小地图',
  mapZoomReset: '还原缩放',
  mapClickHint: '点击线路可打开该行程的详情。',
  mapTripOpen: '{trip}：点击查看行程详情',
};
