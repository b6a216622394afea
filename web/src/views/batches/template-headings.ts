/**
 * The worker list's headings as county spreadsheets write them, in the intake's column order (src/intake maps each
 * to its field; test/unit/web/csv-template.test.ts keeps the two in step).
 */
export const TEMPLATE_HEADINGS = [
  '姓名',
  '身份证号',
  '手机号',
  '县区代码',
  '村',
  '经度',
  '纬度',
  '企业编号',
  '健康码',
  '健康码签发省份',
  '核酸检测时间',
  '建档立卡',
  '最早出发时间',
  '家庭编号',
  '账户类型',
  '收款账号',
  '户名',
  '开户行',
] as const;

/** The template file: a UTF-8 BOM (so Excel opens it as UTF-8) and the heading row. */
export const templateCsv = (): string => `\uFEFF${TEMPLATE_HEADINGS.join(',')}\r\n`;
