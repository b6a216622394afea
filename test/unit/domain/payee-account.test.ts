import {
  ACCOUNT_MESSAGES,
  luhnValid,
  maskAccountNumber,
  payeeAccountOf,
  withLuhnDigit,
} from '../../../src/domain/batch/payee-account';
import { validateRows } from '../../../src/domain/batch/validate-batch';
import { UTC_OFFSET_MIN, workerRow } from '../../support/sample';

/** A Luhn-valid 19-digit UnionPay-style number and the same with its last digit changed. */
const BANK = withLuhnDigit('621700123456789012');
const BAD_BANK = BANK.slice(0, -1) + String((Number(BANK.slice(-1)) + 1) % 10);

describe('payee account numbers', () => {
  it('when a number carries its Luhn digit, then it is valid, and any one changed digit makes it invalid', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid(BANK)).toBe(true);
    expect(luhnValid(BAD_BANK)).toBe(false);
    expect(luhnValid('')).toBe(false);
  });

  it('when masked, then only the last four digits show', () => {
    expect(maskAccountNumber('6217001234567890123')).toBe('***************0123');
    expect(maskAccountNumber('123')).toBe('***');
  });
});

describe('payee fields of a worker row', () => {
  const errorsOf = (over: Record<string, unknown>) =>
    validateRows([{ ...workerRow(1), ...over }], UTC_OFFSET_MIN).errors.map((e) => [e.field, e.message]);

  it('when a bank card or benefit card is given (English or Chinese type, spaces, hyphens), then it is normalised', () => {
    const { rows, errors } = validateRows(
      [
        workerRow(1, {
          accountType: '银行卡',
          accountNumber: `${BANK.slice(0, 4)} ${BANK.slice(4, 8)}-${BANK.slice(8)}`,
        }),
        workerRow(2, {
          accountType: '一折通',
          accountNumber: '14022200001234',
          accountHolder: '王父',
          bankName: '天镇农信社',
        }),
        workerRow(3, { accountType: 'Benefit-Card', accountNumber: '12345678' }),
        workerRow(4),
      ],
      UTC_OFFSET_MIN,
    );
    expect(errors).toEqual([]);
    expect(rows.map(payeeAccountOf)).toEqual([
      { type: 'bank-card', number: BANK, holder: '测试1', bankName: null },
      { type: 'benefit-card', number: '14022200001234', holder: '王父', bankName: '天镇农信社' },
      { type: 'benefit-card', number: '12345678', holder: '测试3', bankName: null },
      null,
    ]);
  });

  it('when a bank card fails Luhn or its length, then the account number is named with a stable message', () => {
    expect(errorsOf({ accountType: 'bank-card', accountNumber: BAD_BANK })).toEqual([
      ['accountNumber', ACCOUNT_MESSAGES.luhn],
    ]);
    expect(errorsOf({ accountType: 'bank-card', accountNumber: withLuhnDigit('62170012345') })).toEqual([
      ['accountNumber', 'bank card number must be 16 to 19 digits'],
    ]);
    expect(errorsOf({ accountType: 'bank-card', accountNumber: '0x6217001234567890' })).toEqual([
      ['accountNumber', 'account number must hold digits only (spaces and hyphens are ignored)'],
    ]);
  });

  it('when a benefit card number is not 8 to 32 digits, then it is refused (no Luhn for benefit cards)', () => {
    expect(errorsOf({ accountType: 'benefit-card', accountNumber: BAD_BANK })).toEqual([]);
    expect(errorsOf({ accountType: 'benefit-card', accountNumber: '1234567' })).toEqual([
      ['accountNumber', 'benefit card account must be 8 to 32 digits'],
    ]);
  });

  it('when the type, number, holder or bank come without the rest, then the missing part is named', () => {
    expect(errorsOf({ accountNumber: BANK })).toEqual([['accountType', ACCOUNT_MESSAGES.typeMissing]]);
    expect(errorsOf({ accountType: 'bank-card' })).toEqual([['accountNumber', ACCOUNT_MESSAGES.numberMissing]]);
    expect(errorsOf({ accountHolder: '王五', bankName: '农行' })).toEqual([
      ['accountHolder', 'accountHolder needs an account number'],
      ['bankName', 'bankName needs an account number'],
    ]);
    expect(errorsOf({ accountType: 'alipay', accountNumber: BANK })).toEqual([['accountType', ACCOUNT_MESSAGES.type]]);
  });

  it('when a payee field is wrong together with other fields, then every problem of the row is reported at once', () => {
    expect(errorsOf({ phone: '12345', accountType: 'bank-card', accountNumber: BAD_BANK })).toEqual([
      ['accountNumber', ACCOUNT_MESSAGES.luhn],
      ['phone', expect.stringMatching(/mobile/)],
    ]);
  });

  it('when a holder name holds control characters, then it is refused like the other free text', () => {
    expect(errorsOf({ accountType: 'benefit-card', accountNumber: '12345678', accountHolder: 'A\u0000' })).toEqual([
      ['accountHolder', 'accountHolder must not contain control characters'],
    ]);
  });
});
