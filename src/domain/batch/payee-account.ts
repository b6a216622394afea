import { z } from 'zod';
import { issueParams, type IntakeRowCode } from './intake-code';
import { plainText } from './plain-text';

/**
 * Where a worker's subsidy is paid: a bank card, or the benefit card (一折通 / 惠农一卡通: the account through
 * which a county pays its subsidies to a person). Optional on every row; the number is stored encrypted and
 * masked like the ID number, and written in full only in the finance export.
 */
export const AccountType = z.enum(['bank-card', 'benefit-card']);
export type AccountType = z.infer<typeof AccountType>;

const TYPE_ALIASES: Record<string, AccountType> = {
  bank: 'bank-card',
  bankcard: 'bank-card',
  'bank card': 'bank-card',
  银行卡: 'bank-card',
  借记卡: 'bank-card',
  benefit: 'benefit-card',
  benefitcard: 'benefit-card',
  'benefit card': 'benefit-card',
  一折通: 'benefit-card',
  一卡通: 'benefit-card',
  惠农一卡通: 'benefit-card',
  惠民惠农一卡通: 'benefit-card',
  社保卡: 'benefit-card',
};

/** Stable row-error messages (the console and county offices match on them). */
export const ACCOUNT_MESSAGES = {
  type: 'account type must be bank-card (银行卡) or benefit-card (一折通 / 惠农一卡通)',
  typeMissing: 'account type is required with an account number',
  numberMissing: 'account number is required with an account type',
  digits: 'account number must hold digits only (spaces and hyphens are ignored)',
  bankLength: 'bank card number must be 16 to 19 digits',
  luhn: 'bank card number check digit does not match (Luhn)',
  benefitLength: 'benefit card account must be 8 to 32 digits',
  orphan: 'needs an account number',
} as const;

/** The intake code of each message. */
const ACCOUNT_CODES: Record<keyof typeof ACCOUNT_MESSAGES, IntakeRowCode> = {
  type: 'account_type_invalid',
  typeMissing: 'account_type_missing',
  numberMissing: 'account_number_missing',
  digits: 'account_number_digits',
  bankLength: 'bank_card_length',
  luhn: 'bank_card_check_digit',
  benefitLength: 'benefit_card_length',
  orphan: 'account_detail_without_number',
};

/** Luhn (ISO/IEC 7812) over a string of digits: the check every bank card number carries in its last digit. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Appends the Luhn check digit: for synthetic test data. */
export function withLuhnDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new RangeError(`not digits: ${body}`);
}

export type AccountProblem = keyof Pick<typeof ACCOUNT_MESSAGES, 'digits' | 'bankLength' | 'luhn' | 'benefitLength'>;

/** Why an account number (already normalised) does not fit its type, or null. */
export function accountNumberProblem(type: AccountType, n: string): AccountProblem | null {
  if (!/^\d+$/.test(n)) return 'digits';
  if (type === 'benefit-card') return n.length >= 8 && n.length <= 32 ? null : 'benefitLength';
  if (n.length < 16 || n.length > 19) return 'bankLength';
  return luhnValid(n) ? null : 'luhn';
}

export const normaliseAccountNumber = (raw: string): string => raw.replace(/[\s-]/g, '');

/** Shows only the last four digits: ***************1234. */
export const maskAccountNumber = (n: string): string =>
  n.length <= 4 ? '*'.repeat(n.length) : '*'.repeat(n.length - 4) + n.slice(-4);

const Optional = z
  .string()
  .trim()
  .nullish()
  .transform((s) => (s ? s : undefined));

/**
 * The payee fields of a worker row (JSON field or CSV column, all optional): `accountType`, `accountNumber`,
 * `accountHolder` (defaults to the worker's name) and `bankName`. Parsed beside the other fields, so their
 * problems are reported together with the rest of the row's.
 */
export const payeeFieldsSchema = z
  .object({
    accountType: Optional.transform((s) => (s ? (TYPE_ALIASES[s.toLowerCase()] ?? s.toLowerCase()) : s)).pipe(
      z.enum(AccountType.options, { message: ACCOUNT_MESSAGES.type }).optional(),
    ),
    accountNumber: Optional.pipe(z.string().transform(normaliseAccountNumber).optional()),
    accountHolder: Optional.pipe(plainText('accountHolder', 64).optional()),
    bankName: Optional.pipe(plainText('bankName', 64).optional()),
  })
  .superRefine((a, ctx) => {
    const at = (field: string, key: keyof typeof ACCOUNT_MESSAGES) =>
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: key === 'orphan' ? `${field} ${ACCOUNT_MESSAGES.orphan}` : ACCOUNT_MESSAGES[key],
        params: issueParams(ACCOUNT_CODES[key]),
      });
    if (!a.accountNumber) {
      if (a.accountType) at('accountNumber', 'numberMissing');
      if (a.accountHolder) at('accountHolder', 'orphan');
      if (a.bankName) at('bankName', 'orphan');
      return;
    }
    if (!a.accountType) {
      at('accountType', 'typeMissing');
      if (!/^\d+$/.test(a.accountNumber)) at('accountNumber', 'digits');
      return;
    }
    const problem = accountNumberProblem(a.accountType, a.accountNumber);
    if (problem) at('accountNumber', problem);
  });

/** A worker's payee account as stored and exported; the holder is the worker unless the row names another. */
export interface PayeeAccount {
  type: AccountType;
  number: string;
  holder: string;
  bankName: string | null;
}

/** The row's account, or null when the row gives none. */
export function payeeAccountOf(r: {
  name: string;
  accountType?: AccountType;
  accountNumber?: string;
  accountHolder?: string;
  bankName?: string;
}): PayeeAccount | null {
  if (!r.accountType || !r.accountNumber) return null;
  return {
    type: r.accountType,
    number: r.accountNumber,
    holder: r.accountHolder ?? r.name,
    bankName: r.bankName ?? null,
  };
}
