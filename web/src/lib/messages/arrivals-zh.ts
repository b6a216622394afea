/**
 * The arrivals page's words (tabs, search, vehicle filter, pages), in Simplified Chinese. Spread into zh.ts;
 * arrivals-en.ts gives every key (its type says so).
 */
export const arrivalsZh = {
  arrivalsTabs: '到岗状态',
  arrivalsTab_expected: '待到 {n}',
  arrivalsTab_arrived: '已到岗 {n}',
  'arrivalsTab_no-show': '未到岗 {n}',
  arrivalsSearch: '搜索',
  arrivalsSearchHint: '姓名，或身份证号后 4–6 位',
  arrivalsVehicle: '车次',
  arrivalsAnyVehicle: '全部车次',
  arrivalsVehicleOption: '{vehicle} · {time}（{n} 人）',
  arrivalsClear: '清除条件',
  arrivalsTrip: '车次',
  arrivalsShown: '第 {from}–{to} 人，共 {total} 人',
  arrivalsNoneInTab: '此标签下没有符合条件的人员。',
  arrivalsPages: '分页',
  arrivalsPage: '第 {page} / {pages} 页',
  arrivalsPrev: '上一页',
  arrivalsNext: '下一页',
  arrivalsTimeHint: '留空则取当前时间（车辆尚未出发的取预计到达时间）',
  arrivalsConfirmOne: '确认到岗：{name}',
  arrivalsConfirmedOne: '{name} 已确认到岗。',
  arrivalsConfirmedBefore: '{name} 此前已确认到岗。',
  arrivalsVehicleArrived: '已到 {arrived} / {total} 人',
  arrivalsConfirmWaiting: '确认本车次全部待到人员（{n} 人）',
  arrivalsAction: '操作',
} as const;
