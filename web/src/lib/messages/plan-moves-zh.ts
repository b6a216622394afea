/** The plan page's trip statuses and passenger moves, in Simplified Chinese. Spread into zh.ts. */
export const planMovesZh = {
  tripStatus_planned: '待发车',
  tripStatus_boarding: '登车中',
  tripStatus_departed: '已发车',
  tripStatus_arrived: '已到达',
  tripStatus_locked: '已锁定',
  tripStatusLabel: '状态',
  moveFind: '调车…',
  moveFindLabel: '查找 {name} 可调入的车次',
  moveFinding: '正在查找…',
  moveNone: '没有可调入的车次（需同县、同厂、有空座、按时出发的直达大巴）。',
  moveTargetsOf: '{name} 可调入 {n} 个车次',
  moveTargetOption: '{trip} · 空座 {seats} · 个人分摊 {share}',
  moveTargetCost: '调入车费 {before}→{after}；原车 {fromBefore}→{fromAfter}',
  moveTripRemoved: '取消',
  moveGo: '调整',
  refusedDeparted: '未执行：{trip} {status}，不能再修改。',
};
